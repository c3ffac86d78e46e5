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
