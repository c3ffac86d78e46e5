import Foundation

/// Generates the `tiny` preset's data: 8 × 8 images of one short anti-aliased bar or soft blob.
///
/// Half the images (at random) hold a bar 2.5–5.5 px long at a random angle, stroke width 1.3;
/// the others a Gaussian blob with σ in [0.7, 1.3]. Centres lie in the middle 4 × 4 pixels'
/// area. Small and low-dimensional, so an autoencoder on it trains in seconds.
public enum TinyGenerator {
  /// Image side (8 × 8 = 64 pixels).
  public static let side = 8

  /// The tiny autoencoder data set (targets = inputs), deterministic in `seed`.
  public static func make(trainCount: Int = 1000, testCount: Int = 200, seed: UInt64) -> DataSplit {
    var trainGenerator = SeededGenerator(seed: seed, stream: 0)
    var testGenerator = SeededGenerator(seed: seed, stream: 1)
    let source = "generated tiny seed \(seed)"
    func dataset(_ count: Int, _ generator: inout SeededGenerator) -> Dataset {
      let pixels = images(count: count, using: &generator)
      return Dataset(
        inputs: pixels, targets: pixels, count: count, inputWidth: side * side,
        targetWidth: side * side, source: source)
    }
    return DataSplit(
      train: dataset(trainCount, &trainGenerator), test: dataset(testCount, &testGenerator))
  }

  /// `count` tiny images, row-major `count × 64`, drawn from `generator`.
  public static func images(count: Int, using generator: inout SeededGenerator) -> [Float] {
    precondition(count >= 0, "image count must not be negative")
    let area = side * side
    var pixels = [Float](repeating: 0, count: count * area)
    pixels.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      for index in 0..<count {
        let image = base + index * area
        let center = SIMD2<Float>(
          2 + 4 * generator.nextFloat01(), 2 + 4 * generator.nextFloat01())
        if generator.nextInt(below: 2) == 0 {
          let angle = Float.pi * generator.nextFloat01()
          let halfLength = 0.5 * (2.5 + 3 * generator.nextFloat01())
          let direction = SIMD2<Float>(cosf(angle), sinf(angle)) * halfLength
          StrokeRaster.drawSegment(
            center - direction, center + direction, width: 1.3, side: side, into: image)
        } else {
          let sigma = 0.7 + 0.6 * generator.nextFloat01()
          StrokeRaster.drawBlob(center, sigma: sigma, side: side, into: image)
        }
      }
    }
    return pixels
  }
}
