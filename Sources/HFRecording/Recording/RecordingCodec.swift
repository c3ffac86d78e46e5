import HFEngine

/// Turns events into recording lines and back (the format is described in docs/RECORDING-FORMAT.md).
///
/// Every line is one compact JSON object `{"t": seconds, "k": kind, …payload}` followed by "\n".
public enum RecordingCodec {
  /// What one line of a recording held.
  public enum Line: Sendable, Equatable {
    case event(RecordedEvent)
    /// A well-formed line of a kind this version does not know (ignored by readers).
    case unknownKind(String)
  }

  /// The header line, newline included.
  public static func headerLine(_ header: RecordingHeader) -> [UInt8] {
    var bytes = header.jsonBytes
    bytes.append(0x0A)
    return bytes
  }

  /// The line for one event, newline included; the time is rounded to the millisecond.
  public static func line(for recorded: RecordedEvent) -> [UInt8] {
    var b = JSONBuilder(capacity: 96)
    b.openObject()
    b.member("t", roundedTime(recorded.time))
    encodePayload(recorded.event, into: &b)
    b.closeObject()
    var bytes = b.bytes
    bytes.append(0x0A)
    return bytes
  }

  /// Decodes one line (with or without its newline).
  public static func decode(line: [UInt8]) throws(RecordingError) -> Line {
    let r: Line? = line.withUnsafeBufferPointer { decode($0) }
    guard let r else { throw RecordingError("The line is not a valid recording event.") }
    return r
  }

  /// `time` rounded to the millisecond, as stored.
  public static func roundedTime(_ time: Double) -> Double {
    time.isFinite ? (time * 1000).rounded() / 1000 : time
  }

  /// Decodes one line; nil when it is not valid JSON or a known kind lacks a field.
  static func decode(_ line: UnsafeBufferPointer<UInt8>) -> Line? {
    var count = line.count
    while count > 0, line[count - 1] == 0x0A || line[count - 1] == 0x0D { count -= 1 }
    guard let value = try? JSONParser.parse(UnsafeBufferPointer(rebasing: line[0..<count])), let object = value.object else {
      return nil
    }
    let f = FieldReader(object: object)
    guard let kind = object["k"]?.string, let time = object["t"]?.double else { return nil }
    do throws(FieldReader.Missing) {
      guard let event = try decodePayload(kind: kind, f) else { return .unknownKind(kind) }
      return .event(RecordedEvent(time: time, event: event))
    } catch {
      return nil
    }
  }

  // MARK: - Kinds

  private static func encodePayload(_ event: SessionEvent, into b: inout JSONBuilder) {
    switch event {
    case .engine(let e): encodeEngine(e, into: &b)
    case .racer(let kind, let e):
      encodeEngine(e, into: &b)
      b.member("racer", kind.rawValue)
    case .control(let c):
      b.member("k", "control")
      ControlCodec.encode(c.control, into: &b)
      b.member("setting", c.setting)
      b.member("old", c.old)
      b.member("new", c.new)
      b.member("i", c.iteration)
      b.member("cg", ifPresent: c.cgStep)
      b.member("source", c.source)
      ControlCodec.encodeResult(c, into: &b)
    case .state(let s):
      b.member("k", "state")
      b.member("state", s.rawValue)
    case .alarm(let a):
      b.member("k", "alarm")
      b.member("alarm", a.kind.rawValue)
      b.member("i", a.iteration)
      b.member("message", a.message)
    case .note(let iteration, let text):
      b.member("k", "note")
      b.member("i", iteration)
      b.member("text", text)
    case .checkpoint(let iteration, let path):
      b.member("k", "checkpoint")
      b.member("i", iteration)
      b.member("path", path)
    case .finished(let reason, let iteration, let message):
      b.member("k", "end")
      b.member("reason", reason.rawValue)
      b.member("i", iteration)
      b.member("message", message)
    case .started(let d):
      b.member("k", "start")
      b.member("preset", d.preset)
      b.member("model", d.model)
      b.member("data", d.data)
      b.member("parameters", d.parameterCount)
      b.member("train_cases", d.trainCases)
      b.member("test_cases", ifPresent: d.testCases)
      b.key("seed")
      b.value(d.seed)
      b.member("groups", d.groupNames)
      b.member("error", d.errorName)
      b.member("config", CodableBridge.encode(config: d.config))
      b.member("resumed_from", ifPresent: d.resumedFrom)
      if d.optimizer != .hf { b.member("optimizer", d.optimizer.rawValue) }
      if !d.racers.isEmpty {
        b.key("racers")
        b.openArray()
        for r in d.racers {
          b.openObject()
          b.member("kind", r.kind.rawValue)
          b.member("settings", r.settings)
          b.closeObject()
        }
        b.closeArray()
      }
    }
  }

  private static func decodePayload(kind: String, _ f: FieldReader) throws(FieldReader.Missing) -> SessionEvent? {
    switch kind {
    case "iter_start", "cg", "cg_end", "iter", "warning":
      let event = try decodeEngine(kind: kind, f)
      if f.has("racer") { return .racer(try f.enumValue("racer", OptimizerKind.self), event) }
      return .engine(event)
    case "control":
      var applied = AppliedControl(
        control: try ControlCodec.decode(f), setting: try f.string("setting"), old: try f.string("old"),
        new: try f.string("new"), iteration: try f.int("i"), cgStep: try f.optionalInt("cg"), source: try f.string("source"))
      try ControlCodec.decodeResult(f, into: &applied)
      return .control(applied)
    case "state": return .state(try f.enumValue("state", RunState.self))
    case "alarm":
      return .alarm(Alarm(kind: try f.enumValue("alarm", AlarmKind.self), iteration: try f.int("i"), message: try f.string("message")))
    case "note": return .note(iteration: try f.int("i"), text: try f.string("text"))
    case "checkpoint": return .checkpoint(iteration: try f.int("i"), path: try f.string("path"))
    case "end":
      return .finished(reason: try f.enumValue("reason", FinishReason.self), iteration: try f.int("i"), message: try f.string("message"))
    case "start":
      var d = SessionDescription(
          preset: try f.string("preset"), model: try f.string("model"), data: try f.string("data"),
          parameterCount: try f.int("parameters"), trainCases: try f.int("train_cases"), testCases: try f.optionalInt("test_cases"),
          seed: try f.uint64("seed"), config: try f.decoded("config", as: HFConfig.self), groupNames: try f.strings("groups"),
          errorName: try f.string("error"), resumedFrom: try f.optionalInt("resumed_from"))
      if f.has("optimizer") { d.optimizer = try f.enumValue("optimizer", OptimizerKind.self) }
      d.racers = try f.objects("racers").map { r throws(FieldReader.Missing) in
        RacerDescription(kind: try r.enumValue("kind", OptimizerKind.self), settings: try r.string("settings"))
      }
      return .started(d)
    default: return nil
    }
  }
}
