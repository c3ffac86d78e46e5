import HFEngine

/// A control in recordings: `"op"` (a run control's name, or a setting's op from the settings
/// table: "setMaxCG", "scaleLambda"), its `"value"` if it has one, and `"racer"` for racer
/// controls. Version-1 lines decode unchanged; new settings use their table op.
extension SessionControl: Codable {
  enum CodingKeys: String, CodingKey { case op, value, racer }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let op = try c.decode(String.self, forKey: .op)
    switch op {
    case "pause": self = .pause
    case "resume": self = .resume
    case "stepOnce": self = .stepOnce
    case "stop": self = .stop
    case "restart": self = .restart
    case "continueRun": self = .continueRun(extraIterations: try c.decodeIfPresent(Int.self, forKey: .value))
    case "setRacerPaused": self = .setRacerPaused(try c.decode(OptimizerKind.self, forKey: .racer), try c.decode(Bool.self, forKey: .value))
    case "dropRacer": self = .dropRacer(try c.decode(OptimizerKind.self, forKey: .value))
    default:
      guard let (setting, scales) = Settings.setting(op: op) else {
        throw DecodingError.dataCorruptedError(forKey: .op, in: c, debugDescription: "unknown control '\(op)'")
      }
      if scales {
        self = .scale(setting.id, try c.decode(Double.self, forKey: .value))
        return
      }
      if try c.decodeNil(forKey: .value) {
        self = .set(setting.id, .automatic)
        return
      }
      switch setting.kind {
      case .number: self = .set(setting.id, .number(try c.decode(Double.self, forKey: .value)))
      case .whole: self = .set(setting.id, .whole(try c.decode(Int.self, forKey: .value)))
      case .flag: self = .set(setting.id, .flag(try c.decode(Bool.self, forKey: .value)))
      case .choice: self = .set(setting.id, .choice(try c.decode(String.self, forKey: .value)))
      }
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .set(let id, let value):
      try c.encode(Settings.setting(id)?.op ?? "set:" + id.rawValue, forKey: .op)
      switch value {
      case .number(let x): try c.encode(x, forKey: .value)
      case .whole(let n): try c.encode(n, forKey: .value)
      case .flag(let b): try c.encode(b, forKey: .value)
      case .choice(let raw): try c.encode(raw, forKey: .value)
      case .automatic: try c.encodeNil(forKey: .value)
      }
    case .scale(let id, let factor):
      let op = Settings.setting(id)?.op ?? "set:" + id.rawValue
      try c.encode("scale" + op.dropFirst(3), forKey: .op)
      try c.encode(factor, forKey: .value)
    case .pause: try c.encode("pause", forKey: .op)
    case .resume: try c.encode("resume", forKey: .op)
    case .stepOnce: try c.encode("stepOnce", forKey: .op)
    case .stop: try c.encode("stop", forKey: .op)
    case .restart: try c.encode("restart", forKey: .op)
    case .continueRun(let extra):
      try c.encode("continueRun", forKey: .op)
      try c.encodeIfPresent(extra, forKey: .value)
    case .setRacerPaused(let kind, let paused):
      try c.encode("setRacerPaused", forKey: .op)
      try c.encode(paused, forKey: .value)
      try c.encode(kind, forKey: .racer)
    case .dropRacer(let kind):
      try c.encode("dropRacer", forKey: .op)
      try c.encode(kind, forKey: .value)
    }
  }
}

/// The control members of a recording line, through `SessionControl`'s Codable form.
enum ControlCodec {
  static func encode(_ control: SessionControl, into b: inout JSONBuilder) {
    guard case .object(let o) = CodableBridge.encode(control) else { return }
    for key in ["op", "value", "racer"] {
      if let v = o[key] { b.member(key, v) }
    }
  }

  static func decode(_ f: FieldReader) throws(FieldReader.Missing) -> SessionControl {
    var o = JSONObject()
    for key in ["op", "value", "racer"] {
      if let v = f.object[key] { o.append(key, v) }
    }
    guard let control = CodableBridge.decode(SessionControl.self, from: .object(o)) else { throw FieldReader.Missing(key: "op") }
    return control
  }

  /// The settings a hyperparameter control left in force ("config", "lambda").
  static func encodeResult(_ c: AppliedControl, into b: inout JSONBuilder) {
    if let config = c.config { b.member("config", CodableBridge.encode(config: config)) }
    b.member("lambda", ifPresent: c.lambda)
  }

  static func decodeResult(_ f: FieldReader, into c: inout AppliedControl) throws(FieldReader.Missing) {
    if f.has("config") { c.config = try f.decoded("config", as: HFConfig.self) }
    c.lambda = try f.optionalDouble("lambda")
  }
}
