import CBLAS
import CKernels
import Foundation

/// The floating-point storage type of the engine: `Float` in production, `Double` in exactness tests.
public protocol HFScalar: BinaryFloatingPoint, Sendable, Codable
where RawSignificand: FixedWidthInteger {
  /// C = alpha·op(A)·op(B) + beta·C, row-major, through OpenBLAS (sgemm / dgemm).
  static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Self,
    a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
    beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
  static func exp(_ x: Self) -> Self
  static func log(_ x: Self) -> Self
  static func log1p(_ x: Self) -> Self
  static func tanh(_ x: Self) -> Self
  /// e^x written without library calls, so that loops over it vectorize (Float: Cody–Waite
  /// reduction and Cephes' degree-6 polynomial, ≤ 1 ulp on [−87, 88] — 0.992 measured over every
  /// float there, see KernelAccuracyTests; Double: Foundation.exp).
  static func vexp(_ x: Self) -> Self
  /// log(1 + x) for 0 ≤ x ≤ 1 written without library calls (Float: 2·atanh(x/(2+x)) series,
  /// ≤ 3 ulp — 2.879 measured over every float in [0, 1]; Double: Foundation.log1p).
  static func vlog1pUnit(_ x: Self) -> Self
  /// x[j] ← σ(x[j] + b[j]) for j < n (Float: a C kernel built for AVX-512, AVX2 and baseline
  /// x86-64, chosen at load time; Double: `logisticAddingBiasLoop`).
  static func logisticAddingBias(_ x: UnsafeMutablePointer<Self>, bias b: UnsafePointer<Self>, count n: Int)
  /// One output row of logistic + cross-entropy: v = z + b, z ← σ(v), loss[j] ← max(v,0) − v·t +
  /// log(1 + e^−|v|), error[j] ← (σ(v) − t)² (Float: C kernel; Double: `logisticCrossEntropyLoop`).
  static func logisticCrossEntropy(
    _ z: UnsafeMutablePointer<Self>, bias b: UnsafePointer<Self>, targets t: UnsafePointer<Self>,
    loss: UnsafeMutablePointer<Self>, error: UnsafeMutablePointer<Self>, count n: Int)
}

extension HFScalar {
  /// The portable form of `logisticAddingBias`.
  @inline(__always)
  static func logisticAddingBiasLoop(_ x: UnsafeMutablePointer<Self>, bias b: UnsafePointer<Self>, count n: Int) {
    for j in 0..<n {
      let v = x[j] + b[j]
      let e = vexp(-Swift.abs(v))
      x[j] = (v >= 0 ? 1 : e) / (1 + e)
    }
  }

  /// The portable form of `logisticCrossEntropy`.
  @inline(__always)
  static func logisticCrossEntropyLoop(
    _ z: UnsafeMutablePointer<Self>, bias b: UnsafePointer<Self>, targets t: UnsafePointer<Self>,
    loss: UnsafeMutablePointer<Self>, error: UnsafeMutablePointer<Self>, count n: Int
  ) {
    for j in 0..<n {
      // −[t log σ(v) + (1−t) log(1−σ(v))] = max(v,0) − v·t + log(1 + e^−|v|)
      let v = z[j] + b[j]
      let e = vexp(-Swift.abs(v))
      let y = (v >= 0 ? 1 : e) / (1 + e)
      let tv = t[j]
      loss[j] = (v > 0 ? v : 0) - v * tv + vlog1pUnit(e)
      error[j] = (y - tv) * (y - tv)
      z[j] = y
    }
  }
}

extension Float: HFScalar {
  @inline(__always)
  public static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    guard GEMMCounter.isEnabled else {
      cblas_sgemm(
        CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
      return
    }
    GEMMCounter.count(transA: transA, transB: transB, m: m, n: n, k: k) {
      cblas_sgemm(
        CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
  }
  @inline(__always) public static func exp(_ x: Float) -> Float { Foundation.expf(x) }
  @inline(__always) public static func log(_ x: Float) -> Float { Foundation.logf(x) }
  @inline(__always) public static func log1p(_ x: Float) -> Float { Foundation.log1pf(x) }
  @inline(__always) public static func tanh(_ x: Float) -> Float { Foundation.tanhf(x) }

  @inline(__always)
  public static func vexp(_ x: Float) -> Float {
    // x = n·ln2 + r with |r| ≤ ln2/2; e^x = 2^n · e^r (Cephes expf coefficients).
    let c = Swift.min(Swift.max(x, -87.0), 88.0)
    let shifted = c * 1.442_695_04 + 12_582_912  // 1.5·2²³: rounds to the nearest integer in the low bits
    let n = shifted - 12_582_912
    let r = (c - n * 0.693_359_375) + n * 2.121_944_4e-4
    var p: Float = 1.987_569_15e-4
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_59e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_12e-1
    let er = p * r * r + r + 1
    let exponent = (Int32(bitPattern: shifted.bitPattern) &- 0x4B40_0000) &+ 127
    return er * Float(bitPattern: UInt32(bitPattern: exponent &<< 23))
  }

  @inline(__always)
  public static func logisticAddingBias(_ x: UnsafeMutablePointer<Float>, bias b: UnsafePointer<Float>, count n: Int) {
    hf_logistic_adding_bias(x, b, n)
  }

  @inline(__always)
  public static func logisticCrossEntropy(
    _ z: UnsafeMutablePointer<Float>, bias b: UnsafePointer<Float>, targets t: UnsafePointer<Float>,
    loss: UnsafeMutablePointer<Float>, error: UnsafeMutablePointer<Float>, count n: Int
  ) {
    hf_logistic_cross_entropy(z, b, t, loss, error, n)
  }

  @inline(__always)
  public static func vlog1pUnit(_ x: Float) -> Float {
    // log(1+x) = 2·atanh(s), s = x/(2+x) ∈ [0, 1/3]: the odd series to s¹³ is exact to float precision.
    let s = x / (2 + x)
    let s2 = s * s
    var p: Float = 2.0 / 13
    p = p * s2 + 2.0 / 11
    p = p * s2 + 2.0 / 9
    p = p * s2 + 2.0 / 7
    p = p * s2 + 2.0 / 5
    p = p * s2 + 2.0 / 3
    p = p * s2 + 2
    return p * s
  }
}

extension Double: HFScalar {
  @inline(__always)
  public static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    guard GEMMCounter.isEnabled else {
      cblas_dgemm(
        CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
      return
    }
    GEMMCounter.count(transA: transA, transB: transB, m: m, n: n, k: k) {
      cblas_dgemm(
        CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
  }
  @inline(__always) public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
  @inline(__always) public static func log(_ x: Double) -> Double { Foundation.log(x) }
  @inline(__always) public static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }
  @inline(__always) public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
  @inline(__always) public static func vexp(_ x: Double) -> Double { Foundation.exp(x) }
  @inline(__always) public static func vlog1pUnit(_ x: Double) -> Double { Foundation.log1p(x) }
  @inline(__always)
  public static func logisticAddingBias(_ x: UnsafeMutablePointer<Double>, bias b: UnsafePointer<Double>, count n: Int) {
    logisticAddingBiasLoop(x, bias: b, count: n)
  }
  @inline(__always)
  public static func logisticCrossEntropy(
    _ z: UnsafeMutablePointer<Double>, bias b: UnsafePointer<Double>, targets t: UnsafePointer<Double>,
    loss: UnsafeMutablePointer<Double>, error: UnsafeMutablePointer<Double>, count n: Int
  ) {
    logisticCrossEntropyLoop(z, bias: b, targets: t, loss: loss, error: error, count: n)
  }
}
