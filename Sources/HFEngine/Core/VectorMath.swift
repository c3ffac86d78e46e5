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

  /// y ← y + α·x.
  @inline(__always)
  static func axpy<S: HFScalar>(_ alpha: S, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, _ n: Int) {
    for i in 0..<n { y[i] += alpha * x[i] }
  }

  /// Euclidean norm in Double.
  @inline(__always)
  static func norm<S: HFScalar>(_ a: UnsafePointer<S>, _ n: Int) -> Double { dot(a, a, n).squareRoot() }

  /// dst ← Σ_k sources[k], then × scale (fixed order, so results are deterministic).
  static func sum<S: HFScalar>(_ sources: [Buffer<S>], into dst: UnsafeMutablePointer<S>, count n: Int, scale: S) {
    let p0 = sources[0].pointer
    if sources.count == 1 {
      for i in 0..<n { dst[i] = p0[i] * scale }
      return
    }
    let p1 = sources[1].pointer
    for i in 0..<n { dst[i] = (p0[i] + p1[i]) }
    if sources.count > 2 {
      for k in 2..<sources.count {
        let pk = sources[k].pointer
        for i in 0..<n { dst[i] += pk[i] }
      }
    }
    if scale != 1 { for i in 0..<n { dst[i] *= scale } }
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
