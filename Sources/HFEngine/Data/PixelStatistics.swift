import Foundation

/// Statistics of a set of images with pixel values in [0, 1] that an autoencoder's training
/// curve reveals, or that set how much a sample of the images says about the rest.
///
/// With `m` the mean image, `C` the pixel covariance (divisor n) and `H(x) = −x ln x − (1−x) ln(1−x)`:
/// - `totalVariance` = Σ_p Var(x_p) = tr C: the squared error of predicting every image by the
///   mean image (the plateau of a deep autoencoder's error);
/// - `meanImageCrossEntropy` = Σ_p H(m_p): the logistic cross-entropy of that prediction (nats);
/// - `pixelEntropy` = mean over images of Σ_p H(x_p): the least cross-entropy any reconstruction
///   reaches (0 for binary images, larger the greyer they are);
/// - `participationRatio` = (tr C)² / tr(C²): the number of principal components the variance is
///   effectively spread over (1 for one direction, the width for isotropic data).
public struct PixelStatistics: Sendable, Equatable {
  public let totalVariance: Double
  public let meanImageCrossEntropy: Double
  public let pixelEntropy: Double
  public let participationRatio: Double

  /// The statistics of the `count` rows of `pixels` (row-major `count × width`, values in [0, 1]).
  public init(pixels: [Float], count: Int, width: Int) {
    precondition(count > 0 && width > 0 && pixels.count == count * width, "statistics need count × width pixels")
    var mean = [Double](repeating: 0, count: width)
    var entropy = 0.0
    for row in 0..<count {
      for p in 0..<width {
        let x = Double(pixels[row * width + p])
        mean[p] += x
        entropy += Self.entropy(x)
      }
    }
    for p in 0..<width { mean[p] /= Double(count) }
    // C = XcᵀXc / n with Xc the centred rows (one GEMM through OpenBLAS).
    var centred = [Float](repeating: 0, count: count * width)
    for row in 0..<count {
      for p in 0..<width { centred[row * width + p] = Float(Double(pixels[row * width + p]) - mean[p]) }
    }
    var covariance = [Float](repeating: 0, count: width * width)
    centred.withUnsafeBufferPointer { x in
      covariance.withUnsafeMutableBufferPointer { c in
        guard let xBase = x.baseAddress, let cBase = c.baseAddress else { return }
        Float.gemm(
          transA: true, transB: false, m: width, n: width, k: count, alpha: 1 / Float(count),
          a: xBase, lda: width, b: xBase, ldb: width, beta: 0, c: cBase, ldc: width)
      }
    }
    var trace = 0.0, squaredNorm = 0.0
    for p in 0..<width { trace += Double(covariance[p * width + p]) }
    for value in covariance { squaredNorm += Double(value) * Double(value) }
    totalVariance = trace
    meanImageCrossEntropy = mean.reduce(0) { $0 + Self.entropy($1) }
    pixelEntropy = entropy / Double(count)
    participationRatio = squaredNorm > 0 ? trace * trace / squaredNorm : 0
  }

  /// The binary entropy H(x) in nats (0 at 0 and 1).
  static func entropy(_ x: Double) -> Double {
    guard x > 0 && x < 1 else { return 0 }
    return -(x * Foundation.log(x) + (1 - x) * Foundation.log(1 - x))
  }
}
