import HFEngine

/// A control as `"op"` (the `SessionControl` case name) plus its `"value"` and, for racer
/// controls, `"racer"`: `{"op":"setMaxCG","value":8}`. This is `SessionControl`'s `Codable`
/// conformance, the one place a control's encoding lives (recordings, `ControlRequest`,
/// `AppliedControl`).
extension SessionControl {
  enum ControlKey: String, CodingKey {
    case op, value, racer
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: ControlKey.self)
    switch self {
    case .setLambda(let v): try c.op("setLambda", v)
    case .scaleLambda(let v): try c.op("scaleLambda", v)
    case .setAdaptiveLambda(let v): try c.op("setAdaptiveLambda", v)
    case .setMaxCG(let v): try c.op("setMaxCG", v)
    case .setMinCG(let v): try c.op("setMinCG", v)
    case .setCurvatureBatch(let v): try c.op("setCurvatureBatch", v)
    case .setPreconditioner(let v): try c.op("setPreconditioner", v)
    case .setCurvature(let v): try c.op("setCurvature", v)
    case .setStructuralDamping(let v): try c.op("setStructuralDamping", v)
    case .setLineSearch(let v): try c.op("setLineSearch", v)
    case .setBacktracking(let v): try c.op("setBacktracking", v)
    case .setWeightCost(let v): try c.op("setWeightCost", v)
    case .setWarmStartDecay(let v): try c.op("setWarmStartDecay", v)
    case .setRhoModel(let v): try c.op("setRhoModel", v)
    case .pause: try c.encode("pause", forKey: .op)
    case .resume: try c.encode("resume", forKey: .op)
    case .stepOnce: try c.encode("stepOnce", forKey: .op)
    case .stop: try c.encode("stop", forKey: .op)
    case .restart: try c.encode("restart", forKey: .op)
    case .continueRun(let extra):
      try c.encode("continueRun", forKey: .op)
      try c.encodeIfPresent(extra, forKey: .value)
    case .setRacerPaused(let kind, let paused):
      try c.op("setRacerPaused", paused)
      try c.encode(kind, forKey: .racer)
    case .dropRacer(let kind): try c.op("dropRacer", kind)
    }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: ControlKey.self)
    func value<T: Decodable>(_: T.Type = T.self) throws -> T { try c.decode(T.self, forKey: .value) }
    let op = try c.decode(String.self, forKey: .op)
    switch op {
    case "setLambda": self = .setLambda(try value())
    case "scaleLambda": self = .scaleLambda(try value())
    case "setAdaptiveLambda": self = .setAdaptiveLambda(try value())
    case "setMaxCG": self = .setMaxCG(try value())
    case "setMinCG": self = .setMinCG(try value())
    case "setCurvatureBatch": self = .setCurvatureBatch(try value())
    case "setPreconditioner": self = .setPreconditioner(try value())
    case "setCurvature": self = .setCurvature(try value())
    case "setStructuralDamping": self = .setStructuralDamping(try value())
    case "setLineSearch": self = .setLineSearch(try value())
    case "setBacktracking": self = .setBacktracking(try value())
    case "setWeightCost": self = .setWeightCost(try value())
    case "setWarmStartDecay": self = .setWarmStartDecay(try value())
    case "setRhoModel": self = .setRhoModel(try value())
    case "pause": self = .pause
    case "resume": self = .resume
    case "stepOnce": self = .stepOnce
    case "stop": self = .stop
    case "restart": self = .restart
    case "continueRun": self = .continueRun(extraIterations: try c.decodeIfPresent(Int.self, forKey: .value))
    case "setRacerPaused": self = .setRacerPaused(try c.decode(OptimizerKind.self, forKey: .racer), try value())
    case "dropRacer": self = .dropRacer(try value())
    default:
      throw DecodingError.dataCorruptedError(forKey: .op, in: c, debugDescription: "unknown control '\(op)'")
    }
  }
}

extension KeyedEncodingContainer where K == SessionControl.ControlKey {
  fileprivate mutating func op(_ name: String, _ value: some Encodable) throws {
    try encode(name, forKey: .op)
    try encode(value, forKey: .value)
  }
}
