/// Parameter-sized vector kernels over raw pointers; scalars accumulate in Double.
enum VectorMath {
  /// Σ a[i]·b[i] in Double.
  @inline(__always)
  static func dot<S: HFScalar>(_ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ n: Int) -> Double {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var i = 0
    while i + 4 <= n {
      s0 += Double(a[i]) * Double(b[i])
      s1 += Double(a[i + 1]) * Double(b[i + 1])
      s2 += Double(a[i + 2]) * Double(b[i + 2])
      s3 += Double(a[i + 3]) * Double(b[i + 3])
      i += 4
    }
    while i < n {
      s0 += Double(a[i]) * Double(b[i])
      i += 1
    }
    return (s0 + s1) + (s2 + s3)
  }

  /// Σ a[i] in Double (four partial sums, fixed order).
  @inline(__always)
  static func sumInDouble<S: HFScalar>(_ a: UnsafePointer<S>, _ n: Int) -> Double {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var i = 0
    while i + 4 <= n {
      s0 += Double(a[i])
      s1 += Double(a[i + 1])
      s2 += Double(a[i + 2])
      s3 += Double(a[i + 3])
      i += 4
    }
    while i < n {
      s0 += Double(a[i])
      i += 1
    }
    return (s0 + s1) + (s2 + s3)
  }

  /// y ← y + α·x.
  @inline(__always)
  static func axpy<S: HFScalar>(_ alpha: S, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, _ n: Int) {
    for i in 0..<n { y[i] += alpha * x[i] }
  }

  /// Euclidean norm in Double.
  @inline(__always)
  static func norm<S: HFScalar>(_ a: UnsafePointer<S>, _ n: Int) -> Double { dot(a, a, n).squareRoot() }

  /// dst[i] ← scale · Σ_k sources[k][i] for i in `range` (fixed order, so results are deterministic).
  @inline(__always)
  static func sum<S: HFScalar>(_ sources: [Buffer<S>], into dst: UnsafeMutablePointer<S>, range: Range<Int>, scale: S) {
    let p0 = sources[0].pointer
    switch sources.count {
    case 1:
      for i in range { dst[i] = p0[i] * scale }
    case 2:
      let p1 = sources[1].pointer
      for i in range { dst[i] = (p0[i] + p1[i]) * scale }
    default:
      for i in range { dst[i] = p0[i] }
      for k in 1..<sources.count {
        let pk = sources[k].pointer
        for i in range { dst[i] += pk[i] }
      }
      for i in range { dst[i] *= scale }
    }
  }

  /// dst ← scale · Σ_k sources[k] over the first `n` elements.
  static func sum<S: HFScalar>(_ sources: [Buffer<S>], into dst: UnsafeMutablePointer<S>, count n: Int, scale: S) {
    sum(sources, into: dst, range: 0..<n, scale: scale)
  }

  /// Column sums of a rows × width matrix, added into `out`.
  @inline(__always)
  static func addColumnSums<S: HFScalar>(_ m: UnsafePointer<S>, rows: Int, width: Int, into out: UnsafeMutablePointer<S>) {
    for r in 0..<rows {
      let row = m + r * width
      for j in 0..<width { out[j] += row[j] }
    }
  }
}
