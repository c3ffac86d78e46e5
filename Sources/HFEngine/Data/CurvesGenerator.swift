/// Generates CURVES-like images: smooth anti-aliased curves through three random points
/// (Hinton & Salakhutdinov 2006 describe the real set as 28 × 28 images of curves generated from
/// three randomly chosen points).
///
/// Each image is `side × side` greyscale (values in [0, 1], row-major). A curve is the quadratic
/// that passes through three points drawn uniformly in the style's square — at parameters 0, ½
/// and 1 — rendered with the style's stroke profile. Curves that would leave the image, whose
/// points lie too close together (polyline shorter than the style's fraction of the side) or that
/// fold back on themselves so far that under 2.5 % of the pixels exceed half the peak are
/// redrawn, so every image holds one connected curve with a plausible amount of ink. The
/// training and test images come from two separate streams of the seed, so the test set does
/// not depend on the training count.
public enum CurvesGenerator {
  /// The image side of the standard data set (28 × 28 = 784 pixels, as in Hinton & Salakhutdinov).
  public static let standardSide = 28

  /// A CURVES-like autoencoder data set (targets = inputs), deterministic in `seed`.
  public static func make(
    trainCount: Int = 20000, testCount: Int = 10000, seed: UInt64, side: Int = standardSide,
    style: CurveStyle = .calibrated
  ) -> DataSplit {
    var trainGenerator = SeededGenerator(seed: seed, stream: 0)
    var testGenerator = SeededGenerator(seed: seed, stream: 1)
    let source = "generated \(style.name) seed \(seed)"
    func dataset(_ count: Int, _ generator: inout SeededGenerator) -> Dataset {
      let pixels = images(count: count, side: side, style: style, using: &generator)
      return Dataset(
        inputs: pixels, targets: pixels, count: count, inputWidth: side * side,
        targetWidth: side * side, source: source)
    }
    return DataSplit(
      train: dataset(trainCount, &trainGenerator), test: dataset(testCount, &testGenerator))
  }

  /// `count` curve images, row-major `count × side²`, drawn from `generator`.
  public static func images(
    count: Int, side: Int = standardSide, style: CurveStyle = .calibrated,
    using generator: inout SeededGenerator
  ) -> [Float] {
    precondition(
      count >= 0 && side >= 8 && style.profile.isValid && style.pointMargin >= 0
        && 2 * style.pointMargin < Float(side) - 2,
      "curves need count ≥ 0, side ≥ 8, a valid stroke and room for the points")
    let area = side * side
    let half = 0.5 * style.profile.peak
    var pixels = [Float](repeating: 0, count: count * area)
    pixels.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      let minimumInk = Int((0.025 * Float(area)).rounded(.up))
      for index in 0..<count {
        let image = base + index * area
        while true {
          let (p0, control, p2) = randomCurve(side: side, style: style, using: &generator)
          StrokeRaster.drawQuadratic(p0, control, p2, profile: style.profile, side: side, into: image)
          var ink = 0
          for pixel in 0..<area where image[pixel] > half { ink += 1 }
          if ink >= minimumInk { break }
          image.update(repeating: 0, count: area)
        }
      }
    }
    return pixels
  }

  /// One image of the curve through `p0`, `p1`, `p2` (pixel (r, c) has its centre at (c + ½, r + ½)).
  public static func render(
    through p0: SIMD2<Float>, _ p1: SIMD2<Float>, _ p2: SIMD2<Float>, side: Int = standardSide,
    profile: StrokeProfile = CurveStyle.calibrated.profile
  ) -> [Float] {
    precondition(side >= 1 && profile.isValid, "a curve image needs side ≥ 1 and a valid stroke")
    var image = [Float](repeating: 0, count: side * side)
    image.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      StrokeRaster.drawQuadratic(p0, controlPoint(p0, p1, p2), p2, profile: profile, side: side, into: base)
    }
    return image
  }

  /// The Bézier control point that makes the quadratic pass through `p1` at t = ½.
  static func controlPoint(_ p0: SIMD2<Float>, _ p1: SIMD2<Float>, _ p2: SIMD2<Float>)
    -> SIMD2<Float>
  {
    2 * p1 - 0.5 * (p0 + p2)
  }

  /// Three points and the Bézier control point of the quadratic through them, redrawn until the
  /// curve stays inside the image, is long enough and (if the style says so) does not fold.
  static func randomCurve(side: Int, style: CurveStyle, using generator: inout SeededGenerator)
    -> (SIMD2<Float>, SIMD2<Float>, SIMD2<Float>)
  {
    let margin = style.pointMargin
    let span = Float(side) - 2 * margin
    let minimumLength = style.minimumLengthFraction * Float(side)
    func point() -> SIMD2<Float> {
      SIMD2(margin + span * generator.nextFloat01(), margin + span * generator.nextFloat01())
    }
    while true {
      let p0 = point(), p1 = point(), p2 = point()
      guard StrokeRaster.length(p1 - p0) + StrokeRaster.length(p2 - p1) >= minimumLength else {
        continue
      }
      if !style.allowsFolds {
        // A fold: p0 and p2 lie on the same side of p1 (angle p0–p1–p2 under 90°).
        let toStart = p0 - p1, toEnd = p2 - p1
        guard toStart.x * toEnd.x + toStart.y * toEnd.y <= 0 else { continue }
      }
      let control = controlPoint(p0, p1, p2)
      if staysInside(p0, control, p2, low: 0.5, high: Float(side) - 0.5) {
        return (p0, control, p2)
      }
    }
  }

  /// Whether the quadratic Bézier stays within [low, high] on both axes (checks ends and extrema).
  static func staysInside(
    _ p0: SIMD2<Float>, _ c: SIMD2<Float>, _ p2: SIMD2<Float>, low: Float, high: Float
  ) -> Bool {
    for axis in 0..<2 {
      let a = p0[axis], b = c[axis], d = p2[axis]
      var lowest = min(a, d), highest = max(a, d)
      let denominator = a - 2 * b + d
      if denominator != 0 {
        let t = (a - b) / denominator
        if t > 0 && t < 1 {
          let u = 1 - t
          let extremum = u * u * a + 2 * u * t * b + t * t * d
          lowest = min(lowest, extremum)
          highest = max(highest, extremum)
        }
      }
      if lowest < low || highest > high { return false }
    }
    return true
  }
}
