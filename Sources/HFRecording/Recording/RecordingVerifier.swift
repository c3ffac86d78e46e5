import HFEngine

/// Compares a re-execution with a recording, engine event by engine event, and reports the
/// first place they differ. Wall-clock phase times are not compared; everything else must
/// agree exactly (NaN matches NaN) unless a relative tolerance is given.
public struct RecordingVerifier: Sendable {
  /// The recording's engine events (HF's, and a race's rivals' with their kind) with their
  /// positions in `timeline.events`.
  private let expected: [(index: Int, racer: OptimizerKind?, event: HFEvent)]
  public let tolerance: Double
  /// Engine events checked so far.
  public private(set) var checked = 0
  /// The first divergence found (checking stops there).
  public private(set) var divergence: VerificationDivergence?

  public init(timeline: RecordingTimeline, tolerance: Double = 0) {
    var expected: [(Int, OptimizerKind?, HFEvent)] = []
    for (k, e) in timeline.events.enumerated() {
      switch e.event {
      case .engine(let h): expected.append((k, nil, h))
      case .racer(let kind, let h): expected.append((k, kind, h))
      default: break
      }
    }
    self.expected = expected
    self.tolerance = tolerance
  }

  /// Engine events the recording holds.
  public var expectedCount: Int { expected.count }
  /// Whether every recorded engine event has been matched.
  public var isComplete: Bool { checked == expected.count && divergence == nil }

  /// Checks the next re-executed engine event (of the race's rival `racer`, nil for HF or the
  /// single run's optimizer); returns the divergence if this is where they part.
  @discardableResult
  public mutating func check(_ event: HFEvent, racer: OptimizerKind? = nil) -> VerificationDivergence? {
    if let divergence { return divergence }
    guard checked < expected.count else {
      divergence = VerificationDivergence(
        eventIndex: nil, iteration: event.iteration, cgStep: nil, field: "event",
        recorded: "the end of the recording", reexecuted: Self.kind(event))
      return divergence
    }
    let (index, recordedRacer, recorded) = expected[checked]
    let difference =
      recordedRacer != racer
      ? ("optimizer", (recordedRacer ?? .hf).displayName, (racer ?? .hf).displayName) : firstDifference(recorded, event)
    if let (field, a, b) = difference {
      var cgStep: Int? = nil
      if case .cgStep(let s) = recorded { cgStep = s.i }
      divergence = VerificationDivergence(
        eventIndex: index, iteration: recorded.iteration, cgStep: cgStep, field: field, recorded: a, reexecuted: b)
      return divergence
    }
    checked += 1
    return nil
  }

  /// Call when the re-execution has ended: a divergence if recorded events were not reproduced.
  public func finish() -> VerificationDivergence? {
    if let divergence { return divergence }
    guard checked < expected.count else { return nil }
    let (index, _, recorded) = expected[checked]
    return VerificationDivergence(
      eventIndex: index, iteration: recorded.iteration, cgStep: nil, field: "event",
      recorded: Self.kind(recorded), reexecuted: "the end of the re-execution")
  }

  private func firstDifference(_ a: HFEvent, _ b: HFEvent) -> (String, String, String)? {
    let fa = Self.fields(a), fb = Self.fields(b)
    if Self.kind(a) != Self.kind(b) { return ("event", Self.kind(a), Self.kind(b)) }
    for ((name, x), (_, y)) in zip(fa, fb) where !name.hasPrefix("time_") {
      switch (x, y) {
      case (.double(let p), .double(let q)):
        if !ReportFields.agree(p, q, tolerance: tolerance) { return (name, Self.show(p), Self.show(q)) }
      case (.optionalDouble(let p), .optionalDouble(let q)):
        if p == nil && q == nil { continue }
        guard let p, let q else { return (name, p.map(Self.show) ?? "absent", q.map(Self.show) ?? "absent") }
        if !ReportFields.agree(p, q, tolerance: tolerance) { return (name, Self.show(p), Self.show(q)) }
      default:
        if x != y { return (name, Self.show(x), Self.show(y)) }
      }
    }
    if fa.count != fb.count { return ("number of values", String(fa.count), String(fb.count)) }
    return nil
  }

  private static func fields(_ e: HFEvent) -> [(String, FieldValue)] {
    switch e {
    case .iterationStarted(let i, let lambda): [("iteration", .int(i)), ("lambda", .double(lambda))]
    case .cgStep(let s):
      [("iteration", .int(s.hfIteration)), ("cg step", .int(s.i)), ("phi", .double(s.phi)),
       ("relative progress", .double(s.relativeProgress)), ("stored", .bool(s.stored))]
    case .cgFinished(let s):
      [("iteration", .int(s.hfIteration)), ("cg iterations", .int(s.iterations)), ("cg reason", .text(s.reason.rawValue)),
       ("cg chosen", .int(s.chosen)), ("final phi", .double(s.finalPhi)), ("stored iterates", .int(s.stored.count))]
        + s.stored.flatMap { it in
          [("stored \(it.i) step", .int(it.i)), ("stored \(it.i) phi", .double(it.phi)), ("stored \(it.i) objective", .optionalDouble(it.objective))]
        }
    case .iterationFinished(let r):
      [("layer count", .int(r.layerGradientNorms.count))] + ReportFields.flatten(r, groupNames: []) + ReportFields.rateFields(r)
    case .warning(let i, let message): [("iteration", .int(i)), ("warning", .text(message))]
    }
  }

  private static func kind(_ e: HFEvent) -> String {
    switch e {
    case .iterationStarted(let i, _): "the start of iteration \(i)"
    case .cgStep(let s): "CG step \(s.i) of iteration \(s.hfIteration)"
    case .cgFinished(let s): "the end of CG in iteration \(s.hfIteration)"
    case .iterationFinished(let r): "the end of iteration \(r.iteration)"
    case .warning(let i, _): "a warning in iteration \(i)"
    }
  }

  private static func show(_ d: Double) -> String { d.description }

  private static func show(_ v: FieldValue) -> String {
    switch v {
    case .int(let i): String(i)
    case .double(let d): show(d)
    case .optionalDouble(let d): d.map(show) ?? "absent"
    case .text(let s): s
    case .bool(let b): b ? "true" : "false"
    }
  }
}

/// Where a re-execution first departed from its recording.
public struct VerificationDivergence: Sendable, Equatable, CustomStringConvertible {
  /// Index of the recorded event in `timeline.events` (nil when the re-execution ran past the recording).
  public var eventIndex: Int?
  public var iteration: Int
  public var cgStep: Int?
  /// What differs ("objective", "phi", "grad_norm_g2", "event", …).
  public var field: String
  public var recorded: String
  public var reexecuted: String

  /// A divergence at `iteration` (and `cgStep`): `field` is `recorded` in the recording but `reexecuted` re-executed.
  public init(eventIndex: Int?, iteration: Int, cgStep: Int?, field: String, recorded: String, reexecuted: String) {
    self.eventIndex = eventIndex
    self.iteration = iteration
    self.cgStep = cgStep
    self.field = field
    self.recorded = recorded
    self.reexecuted = reexecuted
  }

  /// "iteration 12, CG step 31: phi is -0.1234 in the recording but -0.1235 re-executed."
  public var description: String {
    let place = "iteration \(iteration)" + (cgStep.map { ", CG step \($0)" } ?? "")
    return "\(place): \(field) is \(recorded) in the recording but \(reexecuted) re-executed."
  }
}
