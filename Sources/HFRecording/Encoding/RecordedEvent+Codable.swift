import HFEngine

/// A recording line, version 2: `{"k": kind, "t": seconds, …}` with the event's own fields
/// flat beside the kind and time, every key in snake_case, a race's rival naming itself in
/// `racer`. The kinds are listed here once; the fields come from the types' `Codable`
/// conformances, so a field added to a type is written and read without an edit here.
extension RecordedEvent: Codable {
  enum Envelope: String, CodingKey {
    case t, k, racer
  }

  /// The `k` of every event kind.
  public enum Kind: String, Sendable, CaseIterable {
    case iterationStarted = "iter_start"
    case cgStep = "cg"
    case cgFinished = "cg_end"
    case iterationFinished = "iter"
    case warning
    case control
    case state
    case alarm
    case note
    case checkpoint
    case end
    case start
  }

  /// The kind this event is written as.
  public var kind: Kind {
    switch event {
    case .engine(let e), .racer(_, let e): Self.kind(of: e)
    case .control: .control
    case .state: .state
    case .alarm: .alarm
    case .note: .note
    case .checkpoint: .checkpoint
    case .finished: .end
    case .started: .start
    }
  }

  static func kind(of e: HFEvent) -> Kind {
    switch e {
    case .iterationStarted: .iterationStarted
    case .cgStep: .cgStep
    case .cgFinished: .cgFinished
    case .iterationFinished: .iterationFinished
    case .warning: .warning
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Envelope.self)
    try c.encode(RecordingCodec.roundedTime(time), forKey: .t)
    try c.encode(kind.rawValue, forKey: .k)
    switch event {
    case .engine(let e): try Self.encode(e, to: encoder)
    case .racer(let racer, let e):
      try c.encode(racer, forKey: .racer)
      try Self.encode(e, to: encoder)
    case .control(let a): try a.encode(to: encoder)
    case .state(let s): try EventPayload.State(state: s).encode(to: encoder)
    case .alarm(let a): try a.encode(to: encoder)
    case .note(let iteration, let text): try EventPayload.Note(iteration: iteration, text: text).encode(to: encoder)
    case .checkpoint(let iteration, let path): try EventPayload.Checkpoint(iteration: iteration, path: path).encode(to: encoder)
    case .finished(let reason, let iteration, let message):
      try EventPayload.End(reason: reason, iteration: iteration, message: message).encode(to: encoder)
    case .started(let d): try d.encode(to: encoder)
    }
  }

  static func encode(_ e: HFEvent, to encoder: any Encoder) throws {
    switch e {
    case .iterationStarted(let iteration, let lambda): try EventPayload.IterationStart(iteration: iteration, lambda: lambda).encode(to: encoder)
    case .cgStep(let s): try s.encode(to: encoder)
    case .cgFinished(let s): try s.encode(to: encoder)
    case .iterationFinished(let r): try r.encode(to: encoder)
    case .warning(let iteration, let message): try EventPayload.Message(iteration: iteration, message: message).encode(to: encoder)
    }
  }

  /// Decodes a line of a known kind; a kind this version does not know throws `UnknownKind`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Envelope.self)
    let name = try c.decode(String.self, forKey: .k)
    guard let kind = Kind(rawValue: name) else { throw UnknownKind(name: name) }
    let time = try c.decode(Double.self, forKey: .t)
    let event: SessionEvent
    switch kind {
    case .iterationStarted, .cgStep, .cgFinished, .iterationFinished, .warning:
      let e = try Self.decodeEngine(kind, from: decoder)
      event = try c.decodeIfPresent(OptimizerKind.self, forKey: .racer).map { .racer($0, e) } ?? .engine(e)
    case .control: event = .control(try AppliedControl(from: decoder))
    case .state: event = .state(try EventPayload.State(from: decoder).state)
    case .alarm: event = .alarm(try Alarm(from: decoder))
    case .note:
      let n = try EventPayload.Note(from: decoder)
      event = .note(iteration: n.iteration, text: n.text)
    case .checkpoint:
      let p = try EventPayload.Checkpoint(from: decoder)
      event = .checkpoint(iteration: p.iteration, path: p.path)
    case .end:
      let e = try EventPayload.End(from: decoder)
      event = .finished(reason: e.reason, iteration: e.iteration, message: e.message)
    case .start: event = .started(try SessionDescription(from: decoder))
    }
    self.init(time: time, event: event)
  }

  static func decodeEngine(_ kind: Kind, from decoder: any Decoder) throws -> HFEvent {
    switch kind {
    case .iterationStarted:
      let s = try EventPayload.IterationStart(from: decoder)
      return .iterationStarted(iteration: s.iteration, lambda: s.lambda)
    case .cgStep: return .cgStep(try CGStep(from: decoder))
    case .cgFinished: return .cgFinished(try CGSummary(from: decoder))
    case .iterationFinished: return .iterationFinished(try IterationReport(from: decoder))
    default:
      let m = try EventPayload.Message(from: decoder)
      return .warning(iteration: m.iteration, message: m.message)
    }
  }

  /// A well-formed line of a kind this version does not know.
  struct UnknownKind: Error {
    var name: String
  }
}
