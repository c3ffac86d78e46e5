/// How `CurvesGenerator` draws an image: where the curve's three points may lie and the stroke.
///
/// Three styles exist. `.calibrated` (data source `generated:curves-v2`) is fitted to three
/// statistics of the real CURVES set that Martens' published HF run reveals (docs/FIDELITY.md,
/// "The data"): its Σ-pixel variance (the mean-image error, ≈ 16.9), the cross-entropy of the
/// mean image (≈ 125 nats) and the images' own pixel entropy (≈ 54 nats, the run's final
/// log-likelihood). `.unfolded` (`generated:curves-v3`, the `curves` preset's default) meets the
/// same statistics without folded curves, and HF's descent on it is much closer to Martens'
/// (docs/FIDELITY.md, "Curves without folds"). `.original` is the first generator
/// (`generated:curves-v1`). The older two are kept so that recordings made with them still verify.
public struct CurveStyle: Sendable, Equatable {
  /// The name in data sources and `Dataset.source` ("curves", "curves-v3", "curves-v1").
  public let name: String
  /// The three points are uniform in [margin, side − margin]² (pixels).
  public let pointMargin: Float
  /// The polyline p0–p1–p2 is at least this fraction of the side long.
  public let minimumLengthFraction: Float
  /// The stroke's cross-section.
  public let profile: StrokeProfile
  /// Whether a curve may fold: if false, the angle p0–p1–p2 at the middle point is at least 90°.
  public let allowsFolds: Bool

  /// A style with every parameter given (names other than the three standard ones are for tests).
  public init(
    name: String, pointMargin: Float, minimumLengthFraction: Float = 0.6, profile: StrokeProfile,
    allowsFolds: Bool = true
  ) {
    self.name = name
    self.pointMargin = pointMargin
    self.minimumLengthFraction = minimumLengthFraction
    self.profile = profile
    self.allowsFolds = allowsFolds
  }

  /// The first generator: points anywhere but a 1.5 px border, a 1.25 px linear ramp of peak 1.
  /// Σ-pixel variance ≈ 22.4 — a third more than the real set.
  public static let original = CurveStyle(name: "curves-v1", pointMargin: 1.5, profile: .linear(halfWidth: 1.25))

  /// The calibrated generator: points in the central 19 × 19 px (margin 4.5), a Gaussian stroke
  /// of σ = 0.79 px and peak 0.78. Σ-pixel variance 16.9 (20 000 images), like the real set.
  public static let calibrated = CurveStyle(
    name: "curves", pointMargin: 4.5, profile: .gaussian(sigma: 0.79, peak: 0.782))

  /// The calibrated generator without folded curves: the angle at the middle point is at least
  /// 90°, and the stroke is refitted (σ = 0.85 px, peak 0.783) so that it meets the same three
  /// statistics of the real set (Σ-pixel variance 16.9).
  public static let unfolded = CurveStyle(
    name: "curves-v3", pointMargin: 4.5, profile: .gaussian(sigma: 0.85, peak: 0.783), allowsFolds: false)
}
