/// The Levenberg–Marquardt rule for λ (Martens 2010 §4.1): ρ < ¼ → λ·3/2, ρ > ¾ → λ·2/3.
public struct DampingController: Sendable, Equatable {
  public var low: Double
  public var high: Double
  public var increase: Double
  public var decrease: Double

  public init(low: Double = 0.25, high: Double = 0.75, increase: Double = 1.5, decrease: Double = 2.0 / 3.0) {
    self.low = low
    self.high = high
    self.increase = increase
    self.decrease = decrease
  }

  public init(_ config: HFConfig) {
    self.init(low: config.rhoLow, high: config.rhoHigh, increase: config.lambdaIncrease, decrease: config.lambdaDecrease)
  }

  /// The next λ given ρ; NaN counts as a bad step.
  public func updated(lambda: Double, rho: Double) -> Double {
    if rho.isNaN || rho < low { return lambda * increase }
    if rho > high { return lambda * decrease }
    return lambda
  }

  /// ρ = (f(θ+p) − f(θ)) / (q(p) − q(0)); −∞ when the objective rose or is not finite.
  public static func reductionRatio(oldObjective: Double, newObjective: Double, modelReduction: Double) -> Double {
    if !newObjective.isFinite || newObjective > oldObjective { return -.infinity }
    return (newObjective - oldObjective) / modelReduction
  }
}
