@testable import HFEngine
import Testing

/// `generated:curves-v3` (`CurveStyle.unfolded`): the calibrated generator without folded curves.
/// Same tolerances and sample as `CurvesCalibrationTests`.
@Suite struct CurvesUnfoldedTests {
  /// The middle point p1 of a curve from its ends and Bézier control point (c = 2 p1 − (p0 + p2)/2).
  static func middle(_ p0: SIMD2<Float>, _ control: SIMD2<Float>, _ p2: SIMD2<Float>) -> SIMD2<Float> {
    0.5 * (control + 0.5 * (p0 + p2))
  }

  /// The fraction of 4000 random curves of `style` whose angle at the middle point is under 90°.
  static func foldedFraction(_ style: CurveStyle) -> Double {
    var generator = SeededGenerator(seed: 99)
    var folded = 0
    for _ in 0..<4000 {
      let (p0, control, p2) = CurvesGenerator.randomCurve(side: 28, style: style, using: &generator)
      let p1 = middle(p0, control, p2)
      let toStart = p0 - p1, toEnd = p2 - p1
      // Float rounding in recovering p1: a right angle may come back as +1e-4.
      if toStart.x * toEnd.x + toStart.y * toEnd.y > 1e-3 { folded += 1 }
    }
    return Double(folded) / 4000
  }

  @Test func noCurveFoldsWhileTheCalibratedOnesMostlyDo() {
    #expect(Self.foldedFraction(.unfolded) == 0)
    // The calibrated family: 86 % of seed 1's 20 000 curves have an angle under 90° at the middle.
    let calibrated = Self.foldedFraction(.calibrated)
    #expect(calibrated > 0.8 && calibrated < 0.92, "folded fraction \(calibrated)")
  }

  @Test func meetsTheRealSetsStatisticsLikeTheCalibratedGenerator() {
    let unfolded = CurvesCalibrationTests.sample(.unfolded)
    #expect(abs(unfolded.totalVariance - 16.9) < 0.05 * 16.9, "Σ-pixel variance \(unfolded.totalVariance)")
    #expect(abs(unfolded.meanImageCrossEntropy - 125) < 0.03 * 125, "H(mean) \(unfolded.meanImageCrossEntropy)")
    #expect(abs(unfolded.pixelEntropy - 54) < 0.03 * 54, "pixel entropy \(unfolded.pixelEntropy)")
    #expect(abs(unfolded.participationRatio - 38.8) < 4, "participation ratio \(unfolded.participationRatio)")
  }

  // Byte-determinism in the seed: CurvesGeneratorTests' parametrized tests run on `.unfolded`;
  // `DataSource.curvesV3.load` against the generator: DataSourceTests.
  @Test func differsFromTheCalibratedImagesAndIsThePresetsDefault() {
    let unfolded = CurvesGenerator.make(trainCount: 60, testCount: 10, seed: 7, style: .unfolded)
    let calibrated = CurvesGenerator.make(trainCount: 60, testCount: 10, seed: 7)
    #expect(unfolded.train.inputs != calibrated.train.inputs)
    #expect(unfolded.train.source == "generated curves-v3 seed 7")
    #expect(Preset.named("curves")?.defaultData == .curvesV3)
    #expect(DataSource.curvesV3.curveStyle == .unfolded && DataSource.curvesV2.curveStyle == .calibrated)
    #expect(DataSource.curvesV1.curveStyle == .original && DataSource.tiny.curveStyle == nil)
  }
}
