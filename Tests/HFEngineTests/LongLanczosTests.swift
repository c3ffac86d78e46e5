import HFEngine
import Testing

/// CG runs far past the default 250 steps (the cap goes to 10 000): the running Ritz range and
/// the end-of-solve spectrum stay cheap without changing what shorter runs report.
@Suite("Spectrum of long CG runs")
struct LongLanczosTests {
  /// A tridiagonal from `steps` CG steps with step sizes drawn from a seeded generator: α in
  /// [0.05, 2], β in [0.05, 0.95] (any positive α, β make a valid T_k).
  static func tridiagonal(steps: Int, seed: UInt64) -> LanczosTridiagonal {
    var rng = SeededGenerator(seed: seed)
    let t = LanczosTridiagonal(capacity: steps)
    for _ in 0..<steps {
      let alpha = 0.05 + 1.95 * Double(rng.next() >> 11) / Double(1 << 53)
      let beta = 0.05 + 0.9 * Double(rng.next() >> 11) / Double(1 << 53)
      t.appendCG(alpha: alpha, beta: beta)
    }
    return t
  }

  @Test("residual bounds from interlacing equal those from T_k's eigenvectors: Ritz values to 1e-12, bounds to 1e-6 of bound + |θ|, same converged flags", arguments: [2, 40, 160])
  func interlacingMatchesEigenvectors(steps: Int) {
    let t = Self.tridiagonal(steps: steps, seed: UInt64(steps))
    let exact = t.ritzValues(vectorLimit: Int.max)
    let cheap = t.ritzValues(vectorLimit: 0)
    #expect(exact.count == steps && cheap.count == steps)
    for (a, b) in zip(exact, cheap) {
      #expect(Swift.abs(a.value - b.value) <= 1e-12 * Swift.abs(a.value))  // dstev with and without vectors
      // To 1e-6 of the bound, or of |θ| for converged values (whose bounds underflow the
      // formula's precision): a thousand times below the convergence test's 1e-3·|θ|.
      let scale = a.residualBound + Swift.abs(a.value)
      #expect(Swift.abs(a.residualBound - b.residualBound) <= 1e-6 * scale, "θ \(a.value): \(a.residualBound) vs \(b.residualBound)")
      // Flags may differ only for a bound within rounding of the threshold.
      let threshold = CurvatureSpectrum.convergenceTolerance * Swift.abs(a.value)
      if Swift.abs(a.residualBound - threshold) > 1e-6 * threshold { #expect(a.converged == b.converged) }
    }
    #expect(exact.contains { $0.converged } && exact.contains { !$0.converged } || steps == 2)
  }

  @Test("up to the eigenvector limit the spectrum is the eigenvector one; beyond it the interlacing one, with no k × k matrix")
  func limitSelectsTheMethod() {
    let limit = LanczosTridiagonal.eigenvectorLimit
    let at = Self.tridiagonal(steps: limit, seed: 7)
    #expect(at.ritzValues() == at.ritzValues(vectorLimit: Int.max))
    let past = Self.tridiagonal(steps: limit + 1, seed: 7)
    #expect(past.ritzValues() == past.ritzValues(vectorLimit: 0))
    let spectrum = past.spectrum(source: .conjugateGradient, preconditioned: false, warmStarted: false, lambda: 1, weightCost: 0, structuralDamping: 0)
    #expect(spectrum?.steps == limit + 1)
    #expect(spectrum?.convergedCount == past.ritzValues(vectorLimit: Int.max).filter(\.converged).count)
  }

  @Test("the running Ritz range: every step to 20, every fifth to 499, then strides 20, 80, 320 … growing as i², so its cost per CG step stays bounded")
  func runningRangeSchedule() {
    let estimated = (1...10_000).filter { ConjugateGradient<Double>.estimatesRitzRange(atStep: $0) }
    // Unchanged below 500 steps (recordings made before keep their CG lines).
    #expect(estimated.filter { $0 < 500 } == Array(1...20) + stride(from: 25, through: 495, by: 5))
    #expect(estimated.filter { $0 >= 500 && $0 < 1000 } == Array(stride(from: 500, through: 980, by: 20)))
    #expect(estimated.filter { $0 >= 1000 && $0 < 2000 } == Array(stride(from: 1040, through: 1920, by: 80)))
    // One eigenvalue-only solve of T_i costs ∝ i²; in units of a solve at i = 250, the work per
    // CG step up to n stays below 0.5 for every n (≈ 0.3 ms); every fifth step would give
    // 107 at n = 10 000.
    func workPerStep(_ steps: [Int], upTo n: Int) -> Double {
      steps.filter { $0 <= n }.reduce(0.0) { $0 + Double($1 * $1) / (250.0 * 250.0) } / Double(n)
    }
    for n in [250, 500, 1000, 2000, 5000, 10_000] {
      #expect(workPerStep(estimated, upTo: n) < 0.5, "n = \(n): \(workPerStep(estimated, upTo: n))")
    }
    #expect(workPerStep(Array(1...20) + Array(stride(from: 25, through: 10_000, by: 5)), upTo: 10_000) > 100)
  }
}
