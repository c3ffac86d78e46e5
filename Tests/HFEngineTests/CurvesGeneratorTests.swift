import Foundation
import HFEngine
import Testing

/// The number of 8-connected components of pixels above `threshold` in a `side × side` image.
func componentCount(_ image: ArraySlice<Float>, side: Int, threshold: Float) -> Int {
  let base = image.startIndex
  var seen = [Bool](repeating: false, count: side * side)
  var components = 0
  for start in 0..<(side * side) where image[base + start] > threshold && !seen[start] {
    components += 1
    var stack = [start]
    seen[start] = true
    while let pixel = stack.popLast() {
      let row = pixel / side, column = pixel % side
      for dr in -1...1 {
        for dc in -1...1 {
          let r = row + dr, c = column + dc
          guard r >= 0, r < side, c >= 0, c < side else { continue }
          let neighbour = r * side + c
          if !seen[neighbour] && image[base + neighbour] > threshold {
            seen[neighbour] = true
            stack.append(neighbour)
          }
        }
      }
    }
  }
  return components
}

@Suite struct CurvesGeneratorTests {
  @Test func standardSplitHasTheDocumentedShapeAndSource() {
    let split = CurvesGenerator.make(trainCount: 200, testCount: 50, seed: 1)
    #expect(split.train.count == 200)
    #expect(split.train.inputWidth == 784 && split.train.targetWidth == 784)
    #expect(split.train.inputs.count == 200 * 784)
    #expect(split.train.targets == split.train.inputs)
    #expect(split.train.labels == nil)
    #expect(split.test?.count == 50)
    #expect(split.train.source == "generated curves seed 1")
    let original = CurvesGenerator.make(trainCount: 5, testCount: 0, seed: 1, style: .original)
    #expect(original.train.source == "generated curves-v1 seed 1")
  }

  @Test(arguments: [CurveStyle.calibrated, .unfolded, .original])
  func sameSeedGivesIdenticalBytesDifferentSeedDiffers(style: CurveStyle) {
    let a = CurvesGenerator.make(trainCount: 100, testCount: 20, seed: 42, style: style)
    let b = CurvesGenerator.make(trainCount: 100, testCount: 20, seed: 42, style: style)
    let c = CurvesGenerator.make(trainCount: 100, testCount: 20, seed: 43, style: style)
    #expect(a.train.inputs.map(\.bitPattern) == b.train.inputs.map(\.bitPattern))
    #expect(a.test?.inputs.map(\.bitPattern) == b.test?.inputs.map(\.bitPattern))
    #expect(a.train.inputs != c.train.inputs)
    #expect(a.train.inputs != a.test!.inputs[...].prefix(a.train.inputs.count).map { $0 })
  }

  @Test func theTwoStylesDrawDifferentImagesFromTheSameSeed() {
    let calibrated = CurvesGenerator.make(trainCount: 20, testCount: 0, seed: 3)
    let original = CurvesGenerator.make(trainCount: 20, testCount: 0, seed: 3, style: .original)
    #expect(calibrated.train.inputs != original.train.inputs)
    #expect(calibrated.train.inputs.max()! <= 0.782 && original.train.inputs.max()! > 0.95)
  }

  @Test func testSetDoesNotDependOnTrainingCount() {
    let small = CurvesGenerator.make(trainCount: 10, testCount: 30, seed: 5)
    let large = CurvesGenerator.make(trainCount: 300, testCount: 30, seed: 5)
    #expect(small.test?.inputs == large.test?.inputs)
    #expect(Array(large.train.inputs.prefix(10 * 784)) == small.train.inputs)
  }

  /// `style`, the least brightest pixel an image may have, and the threshold at which its
  /// stroke must be one connected component.
  static let inkCases: [(CurveStyle, Float, Float)] = [
    // A curve point is within 0.71 px of a pixel centre: linear 1 − 0.71/1.25 = 0.43 and
    // Gaussian 0.782 · exp(−0.71² / (2 · 0.79²)) = 0.52 at least.
    // σ 0.85, peak 0.783: 0.783 · exp(−0.71² / (2 · 0.85²)) = 0.55.
    (.original, 0.6, 0.4), (.calibrated, 0.5, 0.3), (.unfolded, 0.5, 0.3),
  ]

  @Test(arguments: inkCases)
  func everyImageIsInRangeWithPlausibleInkAndOneConnectedCurve(style: CurveStyle, brightest: Float, threshold: Float) {
    var generator = SeededGenerator(seed: 2024)
    let count = 2000
    let pixels = CurvesGenerator.images(count: count, style: style, using: &generator)
    #expect(pixels.allSatisfy { $0 >= 0 && $0 <= style.profile.peak })
    let half = 0.5 * style.profile.peak
    var inkFractions: [Double] = []
    for index in 0..<count {
      let image = pixels[(index * 784)..<((index + 1) * 784)]
      let ink = Double(image.filter { $0 > half }.count) / 784
      inkFractions.append(ink)
      #expect(ink >= 0.02 && ink <= 0.40, "image \(index) has ink fraction \(ink)")
      #expect(image.max()! > brightest, "image \(index) never gets near the curve's centre line")
      #expect(componentCount(image, side: 28, threshold: threshold) == 1, "image \(index) is broken")
    }
    let meanInk = inkFractions.reduce(0, +) / Double(count)
    #expect(meanInk > 0.04 && meanInk < 0.12)
    // The strokes are anti-aliased: many pixels are strictly between 0 and the peak.
    let partial = pixels.filter { $0 > 0.05 && $0 < 0.95 * style.profile.peak }.count
    #expect(Double(partial) / Double(count) > 20)
  }

  @Test func straightCurveRendersTheExactLinearProfile() {
    // Three collinear points on row 14's centre line (y = 14.5): a straight stroke.
    let linear = StrokeProfile.linear(halfWidth: 1.25)
    let image = CurvesGenerator.render(through: [4, 14.5], [14, 14.5], [24, 14.5], profile: linear)
    for column in 5...23 {
      #expect(abs(image[14 * 28 + column] - 1) < 1e-6)
      #expect(abs(image[13 * 28 + column] - 0.2) < 1e-5)
      #expect(abs(image[15 * 28 + column] - 0.2) < 1e-5)
      #expect(image[12 * 28 + column] == 0 && image[16 * 28 + column] == 0)
    }
    #expect(image[14 * 28 + 1] == 0 && image[14 * 28 + 26] == 0)
    // Pixel (14, 3) has its centre 0.5 px beyond the end point (4, 14.5).
    #expect(abs(image[14 * 28 + 3] - 0.6) < 1e-5)
    // A diagonal stroke: pixel centres on it are 1, the side neighbours 1 − (1/√2)/1.25.
    let diagonal = CurvesGenerator.render(through: [4.5, 4.5], [14.5, 14.5], [24.5, 24.5], profile: linear)
    let neighbour: Float = 1 - (0.5 as Float).squareRoot() / 1.25
    for k in 6...22 {
      #expect(abs(diagonal[k * 28 + k] - 1) < 1e-5)
      #expect(abs(diagonal[k * 28 + k + 1] - neighbour) < 1e-5)
    }
  }

  @Test func straightCurveRendersTheExactGaussianProfile() {
    let image = CurvesGenerator.render(through: [4, 14.5], [14, 14.5], [24, 14.5])
    let sigma = 0.79, peak = 0.782
    let oneAway = Float(peak * exp(-1 / (2 * sigma * sigma)))
    let twoAway = Float(peak * exp(-4 / (2 * sigma * sigma)))
    for column in 5...23 {
      #expect(abs(image[14 * 28 + column] - 0.782) < 1e-6)
      #expect(abs(image[13 * 28 + column] - oneAway) < 1e-5 && abs(image[15 * 28 + column] - oneAway) < 1e-5)
      #expect(abs(image[12 * 28 + column] - twoAway) < 1e-5 && abs(image[16 * 28 + column] - twoAway) < 1e-5)
      // 3 px is beyond the 3σ = 2.37 px cut-off.
      #expect(image[11 * 28 + column] == 0 && image[17 * 28 + column] == 0)
    }
    // Pixel (14, 3): 0.5 px beyond the end point; pixel (14, 1): 2.5 px, beyond the cut-off.
    #expect(abs(image[14 * 28 + 3] - Float(peak * exp(-0.25 / (2 * sigma * sigma)))) < 1e-5)
    #expect(image[14 * 28 + 1] == 0)
  }

  @Test func curvePassesThroughItsMiddlePoint() {
    let image = CurvesGenerator.render(
      through: [3.5, 3.5], [14.5, 22.5], [25.5, 3.5], profile: .linear(halfWidth: 1.25))
    #expect(image[22 * 28 + 14] > 0.999)
    #expect(image[3 * 28 + 3] > 0.999 && image[3 * 28 + 25] > 0.999)
    #expect(image[10 * 28 + 14] == 0)
  }

  @Test func sizeAndStrokeAreConfigurable() {
    let wide = CurveStyle(name: "t", pointMargin: 1.5, profile: .linear(halfWidth: 1.5))
    let split = CurvesGenerator.make(trainCount: 20, testCount: 0, seed: 9, side: 16, style: wide)
    #expect(split.train.inputWidth == 256 && split.train.inputs.count == 20 * 256)
    #expect(split.test?.count == 0)
    let thinStyle = CurveStyle(name: "t", pointMargin: 1.5, profile: .linear(halfWidth: 1.0))
    let thin = CurvesGenerator.make(trainCount: 50, testCount: 0, seed: 9, style: thinStyle)
    let thick = CurvesGenerator.make(trainCount: 50, testCount: 0, seed: 9, style: wide)
    let thinInk = thin.train.inputs.reduce(0, +), thickInk = thick.train.inputs.reduce(0, +)
    #expect(thickInk > 1.3 * thinInk)
  }
}
