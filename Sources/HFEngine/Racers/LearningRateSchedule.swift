/// How a mini-batch method's learning rate changes with the update count t.
public enum LearningRateSchedule: Codable, Sendable, Equatable {
  /// The base rate throughout.
  case constant
  /// rate / (1 + t/τ): halved after τ updates (the 1/t decay of stochastic approximation).
  case inverseTime(updates: Double)

  /// The rate at update t (counting from 0).
  public func rate(base: Double, update t: Int) -> Double {
    switch self {
    case .constant: base
    case .inverseTime(let tau): base / (1 + Double(t) / tau)
    }
  }

  /// "decay τ 1000", or nil for a constant rate.
  public var summary: String? {
    switch self {
    case .constant: nil
    case .inverseTime(let tau): "lr/(1+t/\(RacerSettings.format(tau)))"
    }
  }

  var validationError: String? {
    if case .inverseTime(let tau) = self, !(tau > 0 && tau.isFinite) {
      return "the learning-rate decay τ must be a finite number > 0 (got \(tau))."
    }
    return nil
  }
}
