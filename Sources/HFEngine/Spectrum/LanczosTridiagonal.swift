/// The Lanczos tridiagonal T_k of a Krylov run, growing one step at a time, with its Ritz values
/// from LAPACK (`dstev_`). Storage and workspace are allocated by `reserve`, so appending a step
/// and `ritzRange()` allocate nothing.
///
/// CG on A·x = b is the Lanczos process on A started from the initial residual (Saad, *Iterative
/// Methods for Sparse Linear Systems*, 2nd ed., §6.7.3): with CG's step sizes α_j and β_j,
/// T has diagonal 1/α_j + β_{j−1}/α_{j−1} and off-diagonal √β_j/α_j. With a preconditioner M the
/// same formulas give the tridiagonal of M^{-1/2}·A·M^{-1/2}, whose eigenvalues are those of M⁻¹A.
public final class LanczosTridiagonal {
  /// k: the steps appended (the order of T_k).
  public private(set) var count = 0
  /// The most steps `reserve` made room for.
  public private(set) var capacity = 0
  /// T's diagonal (k), its couplings (k: entry j couples step j and j + 1, the last one couples
  /// step k to the next Lanczos vector and bounds the residuals), and LAPACK workspace.
  private var diag: UnsafeMutablePointer<Double>, off: UnsafeMutablePointer<Double>
  private var workD: UnsafeMutablePointer<Double>, workE: UnsafeMutablePointer<Double>
  private var vectors: UnsafeMutablePointer<Double>?, vectorCapacity = 0, work: UnsafeMutablePointer<Double>?
  /// The previous CG step's α and β (for the next diagonal entry).
  private var lastAlpha = 0.0, lastBeta = 0.0
  /// Set once a step could not be appended (non-finite or non-positive α): later steps are ignored.
  private var closed = false

  /// An empty tridiagonal with room for `capacity` steps.
  public init(capacity: Int = 0) {
    let c = Swift.max(1, capacity)
    diag = .allocate(capacity: c)
    off = .allocate(capacity: c)
    workD = .allocate(capacity: c)
    workE = .allocate(capacity: c)
    self.capacity = Swift.max(0, capacity)
  }

  deinit {
    for p in [diag, off, workD, workE] { p.deallocate() }
    vectors?.deallocate()
    work?.deallocate()
  }

  /// Empties T and makes room for `capacity` steps (allocating only when it grows).
  public func reset(capacity needed: Int) {
    count = 0
    closed = false
    lastAlpha = 0
    lastBeta = 0
    guard needed > capacity else { return }
    for p in [diag, off, workD, workE] { p.deallocate() }
    diag = .allocate(capacity: needed)
    off = .allocate(capacity: needed)
    workD = .allocate(capacity: needed)
    workE = .allocate(capacity: needed)
    capacity = needed
  }

  /// Appends CG step j's step size α_j = rᵀy/pᵀAp and β_j = r_{j+1}ᵀy_{j+1}/r_jᵀy_j. Returns
  /// whether it was kept: a non-finite or non-positive α, or a full T, ends the tridiagonal there.
  @discardableResult
  public func appendCG(alpha: Double, beta: Double) -> Bool {
    guard !closed, count < capacity, alpha.isFinite, alpha > 0 else {
      closed = true
      return false
    }
    let d = 1 / alpha + (count > 0 ? lastBeta / lastAlpha : 0)
    guard d.isFinite else {
      closed = true
      return false
    }
    diag[count] = d
    // A β that is not a finite number ≥ 0 leaves the coupling unknown: no Ritz value converges.
    off[count] = beta.isFinite && beta >= 0 ? beta.squareRoot() / alpha : .infinity
    lastAlpha = alpha
    lastBeta = beta
    count += 1
    if !off[count - 1].isFinite { closed = true }
    return true
  }

  /// Appends an explicit Lanczos step: T's diagonal entry α_j = q_jᵀAq_j and coupling β_j = ‖r_j‖.
  @discardableResult
  public func append(diagonal: Double, coupling: Double) -> Bool {
    guard !closed, count < capacity, diagonal.isFinite else {
      closed = true
      return false
    }
    diag[count] = diagonal
    off[count] = coupling.isFinite && coupling >= 0 ? coupling : .infinity
    count += 1
    if !off[count - 1].isFinite { closed = true }
    return true
  }

  /// A tridiagonal with the same steps (and room for no more).
  public func copy() -> LanczosTridiagonal {
    let t = LanczosTridiagonal(capacity: count)
    t.diag.update(from: diag, count: count)
    t.off.update(from: off, count: count)
    t.count = count
    t.closed = true
    return t
  }

  /// T's diagonal (k entries).
  public var diagonal: [Double] { Array(UnsafeBufferPointer(start: diag, count: count)) }
  /// T's off-diagonal (k − 1 entries, all ≥ 0).
  public var offDiagonal: [Double] { Array(UnsafeBufferPointer(start: off, count: Swift.max(0, count - 1))) }
  /// The coupling of step k to the next Lanczos vector (|t_{k+1,k}|; infinite when unknown).
  public var nextCoupling: Double { count > 0 ? off[count - 1] : .nan }

  /// θ_min and θ_max of T_k (eigenvalues only, O(k²)); nil when k = 0 or LAPACK fails. Allocates nothing.
  public func ritzRange() -> RitzRange? {
    let k = count
    guard k > 0 else { return nil }
    workD.update(from: diag, count: k)
    workE.update(from: off, count: k)
    guard TridiagonalEigen.eigenvalues(workD, workE, count: k) == 0 else { return nil }
    return RitzRange(smallest: workD[0], largest: workD[k - 1])
  }

  /// Up to this order the residual bounds come from T_k's eigenvectors (O(k³) time, k² memory:
  /// 34 ms at k = 250); beyond it from two eigenvalue-only solves (O(k²), no k × k matrix).
  public static let eigenvectorLimit = 500

  /// Every Ritz value of T_k, ascending, with its residual bound; empty when k = 0 or LAPACK
  /// fails. Up to `vectorLimit` steps the bounds use T_k's eigenvectors, beyond it
  /// `ritzValuesFromInterlacing`, so that a 10 000-step CG run costs seconds, not hours.
  public func ritzValues(
    tolerance: Double = CurvatureSpectrum.convergenceTolerance, vectorLimit: Int = LanczosTridiagonal.eigenvectorLimit
  ) -> [RitzValue] {
    let k = count
    guard k > 0 else { return [] }
    if k > vectorLimit { return ritzValuesFromInterlacing(tolerance: tolerance) }
    if vectorCapacity < k * k {
      vectors?.deallocate()
      work?.deallocate()
      vectors = .allocate(capacity: k * k)
      work = .allocate(capacity: Swift.max(1, 2 * k))
      vectorCapacity = k * k
    }
    guard let z = vectors, let work else { return [] }
    workD.update(from: diag, count: k)
    workE.update(from: off, count: k)
    guard TridiagonalEigen.eigenpairs(workD, workE, vectors: z, work: work, count: k) == 0 else { return [] }
    let coupling = off[k - 1]
    return (0..<k).map { j in
      let theta = workD[j]
      // s_k, the last component of eigenvector j (column j, row k − 1).
      let bound = coupling == 0 ? 0 : coupling * Swift.abs(z[j * k + k - 1])
      return RitzValue(value: theta, residualBound: bound, converged: bound <= tolerance * Swift.abs(theta))
    }
  }

  /// Every Ritz value with its residual bound |β_k·s_kj| without eigenvectors: the last component
  /// of T_k's unit eigenvector j satisfies s_kj² = Π_i (θ_j − μ_i) / Π_{i≠j} (θ_j − θ_i), with μ the
  /// eigenvalues of T_{k−1} (Golub & Meurant, *Matrices, Moments and Quadrature with
  /// Applications*, 2010, Thm 3.4; Paige 1971). Pairing each μ_i with the θ on its side of θ_j makes
  /// every factor a ratio in (0, 1) by interlacing, so the product can only underflow (to a
  /// converged 0), never overflow. O(k²) time; two k-length work arrays.
  func ritzValuesFromInterlacing(tolerance: Double) -> [RitzValue] {
    let k = count
    guard k > 1 else { return ritzValues(tolerance: tolerance, vectorLimit: Int.max) }
    workD.update(from: diag, count: k)
    workE.update(from: off, count: k)
    guard TridiagonalEigen.eigenvalues(workD, workE, count: k) == 0 else { return [] }
    var mu = Array(UnsafeBufferPointer(start: diag, count: k - 1))
    var muE = Array(UnsafeBufferPointer(start: off, count: k - 1))
    let info = mu.withUnsafeMutableBufferPointer { d in
      muE.withUnsafeMutableBufferPointer { e in TridiagonalEigen.eigenvalues(d.baseAddress!, e.baseAddress!, count: k - 1) }
    }
    guard info == 0 else { return [] }
    let coupling = off[k - 1], theta = workD
    return (0..<k).map { j in
      let t = theta[j]
      var square = 1.0
      for i in 0..<(k - 1) where square > 1e-300 {
        // μ_i lies between θ_i and θ_{i+1}: pair it with the one on θ_j's far side.
        let other = i < j ? theta[i] : theta[i + 1]
        let ratio = other == t ? 0 : (t - mu[i]) / (t - other)
        square *= Swift.min(1, Swift.max(0, ratio))  // rounding may step just outside (0, 1)
      }
      let bound = coupling == 0 ? 0 : coupling * square.squareRoot()
      return RitzValue(value: t, residualBound: bound, converged: bound <= tolerance * Swift.abs(t))
    }
  }

  /// The summary of T_k's spectrum (nil when k = 0 or LAPACK fails); see `CurvatureSpectrum` for
  /// what the operator is.
  public func spectrum(
    source: SpectrumSource, preconditioned: Bool, warmStarted: Bool, lambda: Double, weightCost: Double,
    structuralDamping: Double
  ) -> CurvatureSpectrum? {
    let values = ritzValues()
    guard !values.isEmpty else { return nil }
    let m = Swift.min(CurvatureSpectrum.extremeCount, values.count)
    return CurvatureSpectrum(
      steps: values.count, smallest: Array(values.prefix(m)), largest: Array(values.suffix(m).reversed()),
      convergedCount: values.reduce(0) { $0 + ($1.converged ? 1 : 0) }, preconditioned: preconditioned,
      warmStarted: warmStarted, lambda: lambda, weightCost: weightCost, structuralDamping: structuralDamping,
      source: source)
  }
}
