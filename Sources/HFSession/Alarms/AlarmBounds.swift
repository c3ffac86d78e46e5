/// When the alarm monitor speaks up.
public struct AlarmBounds: Sendable, Equatable, Codable {
  /// λ below this raises `lambdaBelowBound`.
  public var lambdaMin: Double
  /// λ above this raises `lambdaAboveBound`.
  public var lambdaMax: Double
  /// ρ < 0 this many iterations in a row raises `negativeRhoStreak`.
  public var negativeRhoStreak: Int
  /// CG at its iteration cap this many iterations in a row raises `cgAtMaximum`.
  public var cgAtMaximumStreak: Int

  /// Bounds with the defaults: λ in [1e-6, 1e5], streaks of 3 (streak lengths below 1 count as 1).
  public init(lambdaMin: Double = 1e-6, lambdaMax: Double = 1e5, negativeRhoStreak: Int = 3, cgAtMaximumStreak: Int = 3) {
    self.lambdaMin = lambdaMin
    self.lambdaMax = lambdaMax
    self.negativeRhoStreak = Swift.max(1, negativeRhoStreak)
    self.cgAtMaximumStreak = Swift.max(1, cgAtMaximumStreak)
  }
}
