import HFEngine

/// A control as `"op"` (the `SessionControl` case name) plus its `"value"`, if it has one.
enum ControlCodec {
  static func encode(_ control: SessionControl, into b: inout JSONBuilder) {
    switch control {
    case .setLambda(let v): op("setLambda", v, &b)
    case .scaleLambda(let v): op("scaleLambda", v, &b)
    case .setAdaptiveLambda(let v): op("setAdaptiveLambda", v, &b)
    case .setMaxCG(let v): op("setMaxCG", v, &b)
    case .setMinCG(let v): op("setMinCG", v, &b)
    case .setCurvatureBatch(let v): op("setCurvatureBatch", v, &b)
    case .setPreconditioner(let v): op("setPreconditioner", v, &b)
    case .setCurvature(let v): op("setCurvature", v.rawValue, &b)
    case .setStructuralDamping(let v): op("setStructuralDamping", v, &b)
    case .setLineSearch(let v): op("setLineSearch", v, &b)
    case .setBacktracking(let v): op("setBacktracking", v, &b)
    case .setWeightCost(let v): op("setWeightCost", v, &b)
    case .setWarmStartDecay(let v): op("setWarmStartDecay", v, &b)
    case .setRhoModel(let v): op("setRhoModel", v.rawValue, &b)
    case .pause: b.member("op", "pause")
    case .resume: b.member("op", "resume")
    case .stepOnce: b.member("op", "stepOnce")
    case .stop: b.member("op", "stop")
    case .restart: b.member("op", "restart")
    case .continueRun(let extra):
      b.member("op", "continueRun")
      b.member("value", ifPresent: extra)
    case .setRacerPaused(let kind, let paused):
      op("setRacerPaused", paused, &b)
      b.member("racer", kind.rawValue)
    case .dropRacer(let kind): op("dropRacer", kind.rawValue, &b)
    }
  }

  static func decode(_ f: FieldReader) throws(FieldReader.Missing) -> SessionControl {
    switch try f.string("op") {
    case "setLambda": return .setLambda(try f.double("value"))
    case "scaleLambda": return .scaleLambda(try f.double("value"))
    case "setAdaptiveLambda": return .setAdaptiveLambda(try f.bool("value"))
    case "setMaxCG": return .setMaxCG(try f.int("value"))
    case "setMinCG": return .setMinCG(try f.int("value"))
    case "setCurvatureBatch": return .setCurvatureBatch(try f.int("value"))
    case "setPreconditioner": return .setPreconditioner(try f.bool("value"))
    case "setCurvature": return .setCurvature(try f.enumValue("value", CurvatureType.self))
    case "setStructuralDamping": return .setStructuralDamping(try f.double("value"))
    case "setLineSearch": return .setLineSearch(try f.bool("value"))
    case "setBacktracking": return .setBacktracking(try f.bool("value"))
    case "setWeightCost": return .setWeightCost(try f.double("value"))
    case "setWarmStartDecay": return .setWarmStartDecay(try f.double("value"))
    case "setRhoModel": return .setRhoModel(try f.enumValue("value", RhoModel.self))
    case "pause": return .pause
    case "resume": return .resume
    case "stepOnce": return .stepOnce
    case "stop": return .stop
    case "restart": return .restart
    case "continueRun": return .continueRun(extraIterations: try f.optionalInt("value"))
    case "setRacerPaused": return .setRacerPaused(try f.enumValue("racer", OptimizerKind.self), try f.bool("value"))
    case "dropRacer": return .dropRacer(try f.enumValue("value", OptimizerKind.self))
    default: throw FieldReader.Missing(key: "op")
    }
  }

  private static func op(_ name: String, _ v: Double, _ b: inout JSONBuilder) {
    b.member("op", name)
    b.member("value", v)
  }
  private static func op(_ name: String, _ v: Int, _ b: inout JSONBuilder) {
    b.member("op", name)
    b.member("value", v)
  }
  private static func op(_ name: String, _ v: Bool, _ b: inout JSONBuilder) {
    b.member("op", name)
    b.member("value", v)
  }
  private static func op(_ name: String, _ v: String, _ b: inout JSONBuilder) {
    b.member("op", name)
    b.member("value", v)
  }
}
