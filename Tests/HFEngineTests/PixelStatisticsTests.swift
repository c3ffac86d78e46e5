import Foundation
import HFEngine
import Testing

@Suite struct PixelStatisticsTests {
  @Test func twoComplementaryBinaryImages() {
    // Pixels (0, 1) and (1, 0): means ½, variances ¼, covariance −¼; one direction of variance.
    let s = PixelStatistics(pixels: [0, 1, 1, 0], count: 2, width: 2)
    #expect(abs(s.totalVariance - 0.5) < 1e-6)
    #expect(abs(s.meanImageCrossEntropy - 2 * log(2)) < 1e-9)
    #expect(s.pixelEntropy == 0)
    #expect(abs(s.participationRatio - 1) < 1e-5)
  }

  @Test func greyPixelsAndIndependentDirections() {
    // Four images of 2 pixels: (¼, ½), (¾, ½), (½, ¼), (½, ¾). Means ½; each pixel's variance
    // is (1/16 + 1/16 + 0 + 0) / 4 = 1/32 and the covariance 0, so C = I/32: participation ratio 2.
    let pixels: [Float] = [0.25, 0.5, 0.75, 0.5, 0.5, 0.25, 0.5, 0.75]
    let s = PixelStatistics(pixels: pixels, count: 4, width: 2)
    #expect(abs(s.totalVariance - 1.0 / 16) < 1e-6)
    #expect(abs(s.participationRatio - 2) < 1e-5)
    #expect(abs(s.meanImageCrossEntropy - 2 * log(2)) < 1e-9)
    let h = { (x: Double) in -(x * log(x) + (1 - x) * log(1 - x)) }
    // Each image has one pixel at ½ and one at ¼ or ¾ (H(¼) = H(¾)).
    #expect(abs(s.pixelEntropy - (log(2) + h(0.25))) < 1e-9)
  }

  @Test func identicalImagesHaveNoVariance() {
    let s = PixelStatistics(pixels: [0.2, 0.9, 0.2, 0.9], count: 2, width: 2)
    #expect(abs(s.totalVariance) < 1e-7 && s.participationRatio == 0)
  }
}
