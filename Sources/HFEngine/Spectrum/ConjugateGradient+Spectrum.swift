extension ConjugateGradient {
  /// Whether CG step `i` reports the running Ritz range: every step up to 20, then every fifth.
  /// One eigenvalue-only solve of T_i is 0.7 ms at i = 250; a 250-step run's estimates add up to
  /// 61 ms against 128 s of Gauss-Newton products on `curves` (docs/BENCHMARKS.md).
  public static func estimatesRitzRange(atStep i: Int) -> Bool { i <= 20 || i % 5 == 0 }

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
