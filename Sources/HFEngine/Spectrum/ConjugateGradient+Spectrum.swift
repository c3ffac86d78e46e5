extension ConjugateGradient {
  /// Whether CG step `i` reports the running Ritz range: every step up to 20, then every fifth.
  /// One eigenvalue solve of T_i costs O(i²) — 0.1 ms at i = 250 (docs/BENCHMARKS.md), against
  /// a curvature product of tens of milliseconds on the presets' batches.
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
