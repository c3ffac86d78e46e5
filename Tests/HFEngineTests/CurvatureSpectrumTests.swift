import Foundation
import HFEngine
import Testing

/// The Ritz values CG's own α, β give against eigenvalues of the explicitly formed matrices.
@Suite("Curvature spectrum from CG")
struct CurvatureSpectrumTests {
  /// Runs one HF step and returns its CG summary.
  static func step(_ hf: HFOptimizer<Double>) throws -> (CGSummary, IterationReport) {
    var summary: CGSummary?
    let report = hf.step { event in
      if case .cgFinished(let s) = event { summary = s }
      return .proceed
    }
    return (try #require(summary), try #require(report))
  }

  /// Checks a CG spectrum against the ascending eigenvalues of its operator: θ_max is λ_max to
  /// `tolerance`; θ_min and every other converged kept value lie within their residual bound of an
  /// eigenvalue (Ritz values in the cluster at the bottom are bounded, not pinned); with `inOrder`,
  /// the distinct converged values at the top are the largest eigenvalues in order.
  static func expectMatches(_ s: CurvatureSpectrum, _ eigen: [Double], tolerance: Double, inOrder: Bool = true) {
    let scale = eigen.last!
    #expect(s.largest[0].converged && s.smallest[0].converged)
    #expect(SpectrumFixture.relative(s.largestValue, scale) < tolerance, "θ_max \(s.largestValue) vs \(scale)")
    #expect(abs(s.smallestValue - eigen[0]) <= s.smallest[0].residualBound + 1e-12 * scale, "θ_min \(s.smallestValue) vs \(eigen[0])")
    #expect(abs(s.smallestValue - eigen[0]) <= CurvatureSpectrum.convergenceTolerance * eigen[0])
    #expect(SpectrumFixture.relative(s.conditionNumber, scale / eigen[0]) < 2 * CurvatureSpectrum.convergenceTolerance)
    for r in s.extremes where r.converged {
      let nearest = eigen.map { abs($0 - r.value) }.min()!
      #expect(nearest <= r.residualBound + 1e-12 * scale, "θ \(r.value): nearest eigenvalue \(nearest) away")
    }
    var top: [RitzValue] = []
    for r in s.largest where r.converged && !top.contains(where: { SpectrumFixture.relative(r.value, $0.value) < 1e-7 }) {
      top.append(r)
    }
    #expect(top.count >= 2)
    for (k, r) in top.enumerated() where inOrder {
      #expect(abs(r.value - eigen[eigen.count - 1 - k]) <= max(r.residualBound, tolerance * scale), "largest #\(k)")
    }
  }

  @Test("after a full CG run the converged extreme Ritz values are the eigenvalues of G + (λ + wc)I")
  func fullRunMatchesExplicitMatrix() throws {
    let config = SpectrumFixture.config()
    let g = SpectrumFixture.gaussNewton(at: SpectrumFixture.theta0, config: config)
    let shift = SpectrumFixture.lambda + SpectrumFixture.weightCost
    let eigen = SpectrumFixture.eigenvalues(SpectrumFixture.shifted(g, by: shift))
    let (summary, _) = try Self.step(SpectrumFixture.optimizer(config))
    let s = try #require(summary.spectrum)
    #expect(s.steps == summary.iterations && s.steps >= 20)
    #expect(!s.preconditioned && !s.warmStarted && s.source == .conjugateGradient)
    #expect(s.lambda == SpectrumFixture.lambda && s.weightCost == SpectrumFixture.weightCost && s.identityShift == shift)
    Self.expectMatches(s, eigen, tolerance: 1e-9)
    // Undamped: θ − (λ + wc) are the eigenvalues of G itself.
    let gEigen = SpectrumFixture.eigenvalues(g)
    let undamped = try #require(s.undampedLargest)
    #expect(abs(undamped[0] - gEigen.last!) < 1e-9 * gEigen.last!)
    #expect(s.convergedCount >= 4 && s.convergedCount <= s.steps)
  }

  @Test("CG's α, β tridiagonal is the Lanczos tridiagonal from the same start vector, cold and warm")
  func tridiagonalEqualsLanczos() throws {
    let config = SpectrumFixture.config()
    let b = SpectrumFixture.shifted(SpectrumFixture.gaussNewton(at: SpectrumFixture.theta0, config: config), by: 0.01)
    let n = 26, steps = 8
    let rhs = Fixtures.theta(SpectrumFixture.arch.layout, seed: 40, scale: 1)
    let x0 = Fixtures.theta(SpectrumFixture.arch.layout, seed: 41, scale: 1)
    for warm in [false, true] {
      let cg = ConjugateGradient<Double>(dimension: n)
      var settings = CGSettings()
      settings.maxIterations = steps
      settings.tolerance = 0
      _ = rhs.withUnsafeBufferPointer { bp in
        x0.withUnsafeBufferPointer { xp in
          cg.solve(
            apply: SpectrumFixture.apply(b), b: bp.baseAddress!, x0: warm ? xp.baseAddress! : nil, preconditioner: nil,
            settings: settings) { _ in true }
        }
      }
      #expect(cg.warmStarted == warm)
      // The Krylov space of the initial residual: b for a cold start, b − B·x₀ for a warm one.
      var start = rhs
      if warm {
        var bx = [Double](repeating: 0, count: n)
        x0.withUnsafeBufferPointer { xp in bx.withUnsafeMutableBufferPointer { SpectrumFixture.apply(b)(xp.baseAddress!, $0.baseAddress!) } }
        start = zip(rhs, bx).map { $0 - $1 }
      }
      let result = start.withUnsafeBufferPointer { sp in
        Lanczos<Double>(dimension: n).run(steps: steps, start: sp.baseAddress!, apply: SpectrumFixture.apply(b))
      }
      let lanczos = try result.get()
      #expect(cg.lanczos.count == steps && lanczos.count == steps)
      #expect(Fixtures.relativeError(cg.lanczos.diagonal, lanczos.diagonal) < 1e-9, "warm \(warm)")
      #expect(Fixtures.relativeError(cg.lanczos.offDiagonal, lanczos.offDiagonal) < 1e-9, "warm \(warm)")
      // The coupling to step 9 already feels CG's loss of orthogonality (Lanczos reorthogonalizes).
      #expect(SpectrumFixture.relative(cg.lanczos.nextCoupling, lanczos.nextCoupling) < 1e-5)
      // A cold and a warm start see different Krylov spaces: different tridiagonals.
      if warm { #expect(Fixtures.relativeError(cg.lanczos.diagonal, Self.coldDiagonal(b, rhs, steps)) > 1e-3) }
    }
  }

  static func coldDiagonal(_ b: [Double], _ rhs: [Double], _ steps: Int) -> [Double] {
    let cg = ConjugateGradient<Double>(dimension: rhs.count)
    var settings = CGSettings()
    settings.maxIterations = steps
    _ = rhs.withUnsafeBufferPointer {
      cg.solve(apply: SpectrumFixture.apply(b), b: $0.baseAddress!, x0: nil, preconditioner: nil, settings: settings) { _ in true }
    }
    return cg.lanczos.diagonal
  }

  @Test("a warm-started HF iteration's spectrum is that of its own damped matrix, marked warm")
  func warmStartedIteration() throws {
    var config = SpectrumFixture.config(warmStartDecay: 0.95)
    config.cg.maxIterations = 40
    let hf = SpectrumFixture.optimizer(config)
    let (first, report) = try Self.step(hf)
    #expect(report.accepted)
    #expect(first.spectrum?.warmStarted == false)  // iteration 1 starts from 0
    let theta1 = hf.theta.array
    let g = SpectrumFixture.gaussNewton(at: theta1, iteration: 2, config: config)
    let eigen = SpectrumFixture.eigenvalues(SpectrumFixture.shifted(g, by: hf.lambda + SpectrumFixture.weightCost))
    let (second, _) = try Self.step(hf)
    let s = try #require(second.spectrum)
    #expect(s.warmStarted)
    // The Krylov space is that of r₀ = B·x₀ + ∇f, which holds little of the eigenvectors the first
    // solve resolved: its converged Ritz values are eigenvalues, but it may skip some (here the
    // second largest), so they are not checked in order.
    Self.expectMatches(s, eigen, tolerance: 1e-8, inOrder: false)
  }

  @Test("with the preconditioner the Ritz values are those of M⁻¹(G + (λ + wc)I)")
  func preconditionedSpectrum() throws {
    let config = SpectrumFixture.config(preconditioner: true)
    let theta = SpectrumFixture.theta0
    let shift = SpectrumFixture.lambda + SpectrumFixture.weightCost
    let b = SpectrumFixture.shifted(SpectrumFixture.gaussNewton(at: theta, config: config), by: shift)
    // M = (diag(Σg²)/N + λ + wc)^0.75, and the symmetric form M^{-1/2}·B·M^{-1/2}.
    let m = SpectrumFixture.squaredGradient(at: theta, config: config).map { pow($0 + shift, 0.75) }
    let n = theta.count
    var symmetric = b
    for i in 0..<n { for j in 0..<n { symmetric[i * n + j] /= (m[i] * m[j]).squareRoot() } }
    let eigen = SpectrumFixture.eigenvalues(symmetric)
    let (summary, _) = try Self.step(SpectrumFixture.optimizer(config))
    let s = try #require(summary.spectrum)
    #expect(s.preconditioned && s.undampedLargest == nil && s.undampedSmallest == nil)
    Self.expectMatches(s, eigen, tolerance: 1e-9)
    // Not the unpreconditioned spectrum: M changes the values.
    #expect(SpectrumFixture.relative(s.largestValue, SpectrumFixture.eigenvalues(b).last!) > 0.05)
  }

  @Test("each CG step's Ritz range is T_i's: nested (interlacing) and ending at the final spectrum")
  func runningRitzRange() throws {
    let config = SpectrumFixture.config()
    let b = SpectrumFixture.shifted(SpectrumFixture.gaussNewton(at: SpectrumFixture.theta0, config: config), by: 0.05)
    let rhs = Fixtures.theta(SpectrumFixture.arch.layout, seed: 42, scale: 1)
    let cg = ConjugateGradient<Double>(dimension: 26)
    var settings = CGSettings()
    settings.maxIterations = 25
    settings.tolerance = 0
    var ranges: [(Int, RitzRange?)] = []
    _ = rhs.withUnsafeBufferPointer {
      cg.solve(apply: SpectrumFixture.apply(b), b: $0.baseAddress!, x0: nil, preconditioner: nil, settings: settings) {
        ranges.append(($0.i, $0.ritzRange))
        return true
      }
    }
    #expect(ranges.count == 25)
    for (i, r) in ranges { #expect((r != nil) == ConjugateGradient<Double>.estimatesRitzRange(atStep: i), "step \(i)") }
    let known = ranges.compactMap { $0.1 }
    // Step 1: T₁ = 1/α₁, the Rayleigh quotient of the start vector.
    let rayleigh = SpectrumFixture.rayleigh(b, rhs)
    #expect(SpectrumFixture.relative(known[0].smallest, rayleigh) < 1e-12 && known[0].smallest == known[0].largest)
    for (a, b) in zip(known, known.dropFirst()) {
      #expect(b.smallest <= a.smallest * (1 + 1e-12) && b.largest >= a.largest * (1 - 1e-12))
    }
    let s = try #require(cg.spectrum(preconditioned: false, lambda: 0.05, weightCost: 0))
    #expect(SpectrumFixture.relative(known.last!.largest, s.largestValue) < 1e-12)
    #expect(SpectrumFixture.relative(known.last!.smallest, s.smallestValue) < 1e-12)
    #expect(known.last!.conditionNumber == known.last!.largest / known.last!.smallest)
  }
}
