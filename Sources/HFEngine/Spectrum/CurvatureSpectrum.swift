/// A Ritz value θ of a Lanczos tridiagonal T_k with its residual bound.
public struct RitzValue: Sendable, Equatable, Codable {
  /// θ, an eigenvalue of T_k.
  public var value: Double
  /// |t_{k+1,k}|·|s_k|: the norm of A·y − θ·y for the Ritz vector y = Q_k·s (s the unit
  /// eigenvector of T_k, s_k its last component). Some eigenvalue of the operator lies within
  /// this distance of θ (infinite when the coupling to step k + 1 is unknown).
  public var residualBound: Double
  /// Whether `residualBound ≤ CurvatureSpectrum.convergenceTolerance · |θ|`.
  public var converged: Bool

  /// Creates a Ritz value record.
  public init(value: Double, residualBound: Double, converged: Bool) {
    self.value = value
    self.residualBound = residualBound
    self.converged = converged
  }
}

/// Where a spectrum estimate came from.
public enum SpectrumSource: String, Sendable, Codable, CaseIterable {
  /// CG's own step sizes α, β: the damped (and possibly preconditioned) matrix CG solved with.
  case conjugateGradient
  /// An explicit Lanczos run with full reorthogonalization on the undamped curvature matrix.
  case lanczos
}

/// The extreme Ritz values of a Lanczos tridiagonal T_k: estimates of the extreme eigenvalues of the
/// operator the Krylov space was built with, and its condition number, at no extra products.
///
/// For CG (`source == .conjugateGradient`) the operator is the damped curvature
/// B = C + (λ + wc)·I (C the curvature batch's Gauss-Newton, Hessian or Fisher matrix, plus for
/// recurrent nets the structural term μλ·J_tᵀD''J_t), or M⁻¹B — the spectrum of the symmetric
/// M^{-1/2}·B·M^{-1/2} — when CG was preconditioned. The Krylov space is that of CG's initial
/// residual: ∇f for a cold start, B·x₀ + ∇f for a warm one.
public struct CurvatureSpectrum: Sendable, Equatable, Codable {
  /// A Ritz value counts as converged when its residual bound is at most this fraction of |θ|
  /// (then an eigenvalue lies within 0.1 % of it).
  public static let convergenceTolerance = 1e-3
  /// How many extreme values are kept at each end.
  public static let extremeCount = 5

  /// k, the number of Lanczos (CG) steps that built T_k: the number of Ritz values.
  public var steps: Int
  /// The smallest Ritz values, ascending (at most `extremeCount`; overlaps `largest` when k < 10).
  public var smallest: [RitzValue]
  /// The largest Ritz values, descending (at most `extremeCount`).
  public var largest: [RitzValue]
  /// How many of all k Ritz values have converged (a converged copy of an eigenvalue that lost
  /// orthogonality — a "ghost" — counts too).
  public var convergedCount: Int
  /// Whether the values are those of M⁻¹B (CG with the diagonal preconditioner).
  public var preconditioned: Bool
  /// Whether CG started from a nonzero x₀ (its Krylov space is that of B·x₀ + ∇f, not of ∇f).
  public var warmStarted: Bool
  /// λ and the weight cost wc the operator was damped with (both 0 for an undamped Lanczos run).
  public var lambda: Double
  public var weightCost: Double
  /// The structural-damping coefficient μλ in the operator (recurrent nets; 0 otherwise).
  public var structuralDamping: Double
  public var source: SpectrumSource

  /// Creates a spectrum summary.
  public init(
    steps: Int, smallest: [RitzValue], largest: [RitzValue], convergedCount: Int, preconditioned: Bool,
    warmStarted: Bool, lambda: Double, weightCost: Double, structuralDamping: Double, source: SpectrumSource
  ) {
    self.steps = steps
    self.smallest = smallest
    self.largest = largest
    self.convergedCount = convergedCount
    self.preconditioned = preconditioned
    self.warmStarted = warmStarted
    self.lambda = lambda
    self.weightCost = weightCost
    self.structuralDamping = structuralDamping
    self.source = source
  }

  /// θ_min (NaN when empty).
  public var smallestValue: Double { smallest.first?.value ?? .nan }
  /// θ_max (NaN when empty).
  public var largestValue: Double { largest.first?.value ?? .nan }
  /// κ = θ_max/θ_min (infinite when θ_min ≤ 0, which a CG tridiagonal cannot produce).
  public var conditionNumber: Double {
    let lo = smallestValue, hi = largestValue
    guard lo.isFinite, hi.isFinite else { return .nan }
    return lo > 0 ? hi / lo : .infinity
  }

  /// The multiple of the identity in the operator: λ + wc (the damping CG adds to C, with the weight cost).
  public var identityShift: Double { lambda + weightCost }

  /// Without a preconditioner, θ − (λ + wc): Ritz values of the curvature C itself (shifting a matrix
  /// by a multiple of I shifts its Ritz values by the same amount, the Krylov space is unchanged).
  /// C includes the structural term for recurrent nets; add wc back for the curvature of the
  /// objective's quadratic model with λ switched off (the undamped ρ model). Nil when preconditioned.
  /// Small values lose relative accuracy to cancellation (Float CG: about 1e-7·(λ + wc)).
  public var undampedSmallest: [Double]? {
    preconditioned ? nil : smallest.map { $0.value - identityShift }
  }
  /// θ − (λ + wc) for the largest Ritz values; nil when preconditioned.
  public var undampedLargest: [Double]? {
    preconditioned ? nil : largest.map { $0.value - identityShift }
  }

  /// All kept values, ascending and without the overlap of `smallest` and `largest`.
  public var extremes: [RitzValue] {
    let overlap = Swift.max(0, smallest.count + largest.count - steps)
    return smallest + largest.dropLast(overlap).reversed()
  }
}

/// The smallest and largest Ritz value of a CG run so far, as a CG step reports them.
public struct RitzRange: Sendable, Equatable, Codable {
  public var smallest: Double
  public var largest: Double

  /// Creates a range of Ritz values.
  public init(smallest: Double, largest: Double) {
    self.smallest = smallest
    self.largest = largest
  }

  /// κ = largest/smallest (infinite when smallest ≤ 0).
  public var conditionNumber: Double { smallest > 0 ? largest / smallest : .infinity }
}
