/// The symmetric Lanczos process with full reorthogonalization: k steps on a symmetric operator A
/// build an orthonormal basis Q_k of the Krylov space of a start vector and the tridiagonal
/// T_k = Q_kᵀ·A·Q_k, whose extreme eigenvalues converge to A's.
///
/// Every new vector is orthogonalized against all earlier ones twice (classical Gram–Schmidt,
/// repeated — two GEMVs through OpenBLAS each pass), so T_k has no spurious copies of converged
/// eigenvalues. That keeps k + 1 vectors of the operator's size (k ≤ ~100 on a network of a
/// million parameters is ~400 MB in Float) and costs 4·k·n flops per step, small next to a
/// curvature product on a batch.
public final class Lanczos<S: HFScalar> {
  public let dimension: Int

  /// A Lanczos process on operators of size `dimension`.
  public init(dimension: Int) {
    self.dimension = dimension
  }

  /// Why a run ended before its step count.
  public enum Stop: Error, Equatable, Sendable {
    /// `shouldStop` asked to stop before this step.
    case cancelled(beforeStep: Int)
  }

  /// Runs up to `steps` Lanczos steps on `apply` (out ← A·v, A symmetric) from `start` (any nonzero
  /// vector). `shouldStop(j)` is asked before step j's product. Ends early, with T exact, when the
  /// Krylov space is invariant (the next vector vanishes); returns the tridiagonal, or `.cancelled`.
  public func run(
    steps: Int, start: UnsafePointer<S>, apply: (UnsafePointer<S>, UnsafeMutablePointer<S>) -> Void,
    shouldStop: (Int) -> Bool = { _ in false }
  ) -> Result<LanczosTridiagonal, Stop> {
    let n = dimension
    let k = Swift.max(0, Swift.min(steps, n))
    let t = LanczosTridiagonal(capacity: k)
    guard k > 0 else { return .success(t) }
    let basis = Buffer<S>(count: (k + 1) * n)  // row j is q_{j+1}
    let w = Buffer<S>(count: n), h = Buffer<S>(count: k + 1)
    let q = basis.pointer, wp = w.pointer
    let startNorm = VectorMath.norm(start, n)
    guard startNorm > 0, startNorm.isFinite else { return .success(t) }
    let scale = S(1 / startNorm)
    for i in 0..<n { q[i] = start[i] * scale }
    var beta = 0.0, size = 0.0  // max_j |α_j| + β_{j−1}: within a factor 2 of ‖A‖ or below it
    let noise = 16 * Double(S.ulpOfOne)
    for j in 0..<k {
      if shouldStop(j + 1) { return .failure(.cancelled(beforeStep: j + 1)) }
      let qj = q + j * n
      apply(UnsafePointer(qj), wp)
      let alpha = VectorMath.dot(qj, wp, n)
      // w ← w − α·q_j − β·q_{j−1}, then twice w ← w − Q·(Qᵀw) over q_1 … q_j.
      let a = S(alpha), b = S(beta)
      if j > 0 {
        let prev = q + (j - 1) * n
        for i in 0..<n { wp[i] -= a * qj[i] + b * prev[i] }
      } else {
        for i in 0..<n { wp[i] -= a * qj[i] }
      }
      for _ in 0..<2 {
        S.gemm(
          transA: false, transB: false, m: j + 1, n: 1, k: n, alpha: 1, a: q, lda: n, b: wp, ldb: 1, beta: 0,
          c: h.pointer, ldc: 1)
        S.gemm(
          transA: true, transB: false, m: n, n: 1, k: j + 1, alpha: -1, a: q, lda: n, b: h.pointer, ldb: 1, beta: 1,
          c: wp, ldc: 1)
      }
      size = Swift.max(size, Swift.abs(alpha) + beta)
      beta = VectorMath.norm(wp, n)
      // An invariant subspace: the next vector is rounding noise, T_k is exact (coupling 0).
      let invariant = beta.isFinite && beta <= noise * size
      guard t.append(diagonal: alpha, coupling: invariant ? 0 : beta), !invariant, beta.isFinite else { break }
      let next = q + (j + 1) * n, inv = S(1 / beta)
      for i in 0..<n { next[i] = wp[i] * inv }
    }
    return .success(t)
  }
}
