import Foundation

/// The momentum schedule of Sutskever, Martens, Dahl & Hinton (2013, eq. 5):
/// μₜ = min(1 − 2^(−1 − log₂(⌊t/250⌋ + 1)), μ_max), t the update count from 0.
public enum MomentumSchedule {
  /// μ at update t for the bound `maximum`.
  public static func sutskever(update t: Int, maximum: Double) -> Double {
    let k = Double(t / 250 + 1)
    return Swift.min(1 - exp2(-1 - log2(k)), maximum)
  }
}
