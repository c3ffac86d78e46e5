import Foundation

/// The cross-section of a drawn stroke: a pixel's value as a function of its distance `d` (in
/// pixels) from the stroke's centre line.
public enum StrokeProfile: Sendable, Equatable {
  /// `1 − d / halfWidth`, clamped at 0: peak 1 on the line, a hard-edged ramp (the first
  /// generated CURVES, `generated:curves-v1`, and the tiny preset's bars).
  case linear(halfWidth: Float)
  /// `peak · exp(−d² / 2σ²)`, cut off beyond d = 3σ (where it is below 1.2 % of the peak): a
  /// soft, unsaturated stroke, like a thin line blurred and sampled at a coarser resolution.
  case gaussian(sigma: Float, peak: Float)

  /// The distance beyond which the profile is 0.
  public var reach: Float {
    switch self {
    case .linear(let halfWidth): halfWidth
    case .gaussian(let sigma, _): 3 * sigma
    }
  }

  /// The value on the centre line.
  public var peak: Float {
    switch self {
    case .linear: 1
    case .gaussian(_, let peak): peak
    }
  }

  /// Whether the parameters describe a drawable stroke (positive, finite widths; peak in (0, 1]).
  public var isValid: Bool {
    switch self {
    case .linear(let halfWidth): halfWidth.isFinite && halfWidth > 0
    case .gaussian(let sigma, let peak): sigma.isFinite && sigma > 0 && peak > 0 && peak <= 1
    }
  }

  /// The value at distance `distance` from the centre line.
  public func value(at distance: Float) -> Float {
    switch self {
    case .linear(let halfWidth): max(0, 1 - distance / halfWidth)
    case .gaussian(let sigma, let peak):
      distance > 3 * sigma ? 0 : peak * Foundation.expf(-distance * distance / (2 * sigma * sigma))
    }
  }
}
