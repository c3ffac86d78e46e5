import HFEngine
import HFRecording

/// Short names for setting controls in tests (`.setLambda(0.5)` is `.set(.lambda, .number(0.5))`).
extension SessionControl {
  static func setLambda(_ v: Double) -> SessionControl { .set(.lambda, .number(v)) }
  static func scaleLambda(_ f: Double) -> SessionControl { .scale(.lambda, f) }
  static func setAdaptiveLambda(_ on: Bool) -> SessionControl { .set(.adaptiveLambda, .flag(on)) }
  static func setMaxCG(_ n: Int) -> SessionControl { .set(.maxCG, .whole(n)) }
  static func setMinCG(_ n: Int) -> SessionControl { .set(.minCG, .whole(n)) }
  static func setCurvatureBatch(_ n: Int) -> SessionControl { .set(.curvatureBatch, .whole(n)) }
  static func setPreconditioner(_ on: Bool) -> SessionControl { .set(.preconditioner, .flag(on)) }
  static func setCurvature(_ t: CurvatureType) -> SessionControl { .set(.curvature, .choice(t.rawValue)) }
  static func setStructuralDamping(_ v: Double) -> SessionControl { .set(.structuralDamping, .number(v)) }
  static func setLineSearch(_ on: Bool) -> SessionControl { .set("linesearch", .flag(on)) }
  static func setBacktracking(_ on: Bool) -> SessionControl { .set("backtracking", .flag(on)) }
  static func setWeightCost(_ v: Double) -> SessionControl { .set("wc", .number(v)) }
  static func setWarmStartDecay(_ v: Double) -> SessionControl { .set("decay", .number(v)) }
  static func setRhoModel(_ m: RhoModel) -> SessionControl { .set("rho", .choice(m.rawValue)) }
}
