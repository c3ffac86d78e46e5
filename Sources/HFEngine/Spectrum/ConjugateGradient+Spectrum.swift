extension ConjugateGradient {
  /// Whether CG step `i` reports the running Ritz range: every step up to 20, then every fifth
  /// up to step 499, then every 5·4ᵉ-th for steps 250·2ᵉ … 250·2ᵉ⁺¹ − 1 (20, 80, 320, …). One
  /// eigenvalue-only solve of T_i costs ∝ i² (0.7 ms at i = 250), so the stride growing as i²
  /// keeps the estimates under ~0.6 ms per CG step at any length; a 250-step run's estimates add
  /// up to 61 ms against 128 s of Gauss-Newton products on `curves` (docs/BENCHMARKS.md).
  public static func estimatesRitzRange(atStep i: Int) -> Bool {
    if i <= 20 { return true }
    let doublings = i < 500 ? 0 : Int.bitWidth - 1 - (i / 250).leadingZeroBitCount
    return i % (5 << (2 * doublings)) == 0
  }

  /// The spectrum of the last solve's Lanczos tridiagonal (nil when it took no step): the
  /// operator CG applied, damped by `lambda` + `weightCost` (and `structuralDamping` = μλ for
  /// recurrent nets), preconditioned or not. Allocates a k × k eigenvector matrix once per size.
  public func spectrum(
    preconditioned: Bool, lambda: Double, weightCost: Double, structuralDamping: Double = 0
  ) -> CurvatureSpectrum? {
    lanczos.spectrum(
      source: .conjugateGradient, preconditioned: preconditioned, warmStarted: warmStarted, lambda: lambda,
      weightCost: weightCost, structuralDamping: structuralDamping)
  }
}
