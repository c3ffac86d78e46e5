/// Armijo backtracking line search along a fixed direction (Martens' code: c = 10⁻², ×0.8, 60 tries).
public struct LineSearch: Sendable, Equatable {
  public var c: Double
  public var shrink: Double
  public var maxTries: Int

  public init(c: Double = 1e-2, shrink: Double = 0.8, maxTries: Int = 60) {
    self.c = c
    self.shrink = shrink
    self.maxTries = maxTries
  }

  /// The outcome: the accepted rate (0 = rejected), its objective, and how many objectives were computed.
  public struct Result: Sendable, Equatable {
    public var rate: Double
    public var objective: Double
    public var evaluations: Int
  }

  /// Finds the largest rate = shrinkʲ with f(θ + rate·p) ≤ f(θ) + c·rate·∇fᵀp, given
  /// f(θ + p) already computed. `objective(rate)` evaluates f(θ + rate·p).
  public func search(
    f0: Double, slope: Double, fullStepObjective: Double, objective: (Double) -> Double
  ) -> Result {
    var rate = 1.0
    var f = fullStepObjective
    var evaluations = 0
    for attempt in 0..<maxTries {
      if f.isFinite && f <= f0 + c * rate * slope { return Result(rate: rate, objective: f, evaluations: evaluations) }
      if attempt == maxTries - 1 { break }
      rate *= shrink
      f = objective(rate)
      evaluations += 1
    }
    return Result(rate: 0, objective: f0, evaluations: evaluations)
  }
}
