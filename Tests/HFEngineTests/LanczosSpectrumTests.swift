import Foundation
import HFEngine
import Testing

/// The explicit Lanczos run on the undamped curvature, and CG spectra of runs that end early.
@Suite("Lanczos spectrum and early CG stops")
struct LanczosSpectrumTests {
  @Test("explicit Lanczos on the undamped G finds its extreme eigenvalues (full reorthogonalization)")
  func lanczosMatchesExplicitG() throws {
    let config = SpectrumFixture.config()
    let hf = SpectrumFixture.optimizer(config)
    hf.step()
    let g = SpectrumFixture.gaussNewton(at: hf.theta.array, config: config)
    let eigen = SpectrumFixture.eigenvalues(g)
    var asked: [Int] = []
    let s = try hf.lanczosSpectrum(steps: 26) { asked.append($0); return false }
    #expect(asked == Array(1...s.steps) && s.steps >= 25)
    #expect(s.source == .lanczos && !s.preconditioned && s.identityShift == 0)
    // With full reorthogonalization there are no ghost copies: the five values at each end are
    // the five extreme eigenvalues.
    let scale = eigen.last!
    for (k, r) in s.smallest.enumerated() { #expect(abs(r.value - eigen[k]) < 1e-10 * scale, "smallest #\(k)") }
    for (k, r) in s.largest.enumerated() { #expect(abs(r.value - eigen[25 - k]) < 1e-10 * scale, "largest #\(k)") }
    #expect(s.largest.allSatisfy { $0.converged })
    // A dozen steps already pin the largest eigenvalue.
    let short = try hf.lanczosSpectrum(steps: 12)
    #expect(short.steps == 12 && SpectrumFixture.relative(short.largestValue, scale) < 1e-6)
  }

  @Test("the Lanczos probe changes nothing the next HF iteration computes")
  func lanczosLeavesTheRunAlone() throws {
    let config = SpectrumFixture.config(warmStartDecay: 0.95)
    let plain = SpectrumFixture.optimizer(config), probed = SpectrumFixture.optimizer(config)
    plain.step()
    probed.step()
    _ = try probed.lanczosSpectrum(steps: 10, seed: 3)
    let a = try #require(plain.step()), b = try #require(probed.step())
    #expect(a.objective == b.objective && a.rho == b.rho && a.cgIterations == b.cgIterations)
    #expect(a.dataPasses == b.dataPasses && plain.theta.array == probed.theta.array)
  }

  @Test("the Lanczos probe refuses bad step counts, a run without a curvature batch, and stops when asked")
  func lanczosRefusalsAndCancel() {
    let hf = SpectrumFixture.optimizer(SpectrumFixture.config())
    #expect(throws: LanczosSpectrumError.noCurvatureBatch) { try hf.lanczosSpectrum(steps: 5) }
    hf.step()
    #expect(throws: LanczosSpectrumError.invalidSteps(0)) { try hf.lanczosSpectrum(steps: 0) }
    #expect(throws: LanczosSpectrumError.invalidSteps(501)) { try hf.lanczosSpectrum(steps: 501) }
    #expect(throws: LanczosSpectrumError.cancelled(beforeStep: 3)) { try hf.lanczosSpectrum(steps: 10) { $0 >= 3 } }
    #expect(LanczosSpectrumError.cancelled(beforeStep: 3).message == "the Lanczos run was stopped before step 3.")
  }

  static func solve(
    _ a: [Double], _ b: [Double], maxIterations: Int = 50, apply: ((UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void)? = nil,
    onStep: @escaping (CGStep) -> Bool = { _ in true }
  ) -> (ConjugateGradient<Double>, ConjugateGradient<Double>.Result) {
    let cg = ConjugateGradient<Double>(dimension: b.count)
    var settings = CGSettings()
    settings.maxIterations = maxIterations
    let r = b.withUnsafeBufferPointer {
      cg.solve(apply: apply ?? SpectrumFixture.apply(a), b: $0.baseAddress!, x0: nil, preconditioner: nil, settings: settings, onStep: onStep)
    }
    return (cg, r)
  }

  @Test("CG that stops at step 0 (negative curvature), 1, on a non-finite product or on request still reports safely")
  func earlyTermination() throws {
    let indefinite = [1.0, 0, 0, 0, 0, -2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]
    let (neg, negResult) = Self.solve(indefinite, [0, 1, 0, 0])
    #expect(negResult.reason == .negativeCurvature && negResult.iterations == 0)
    #expect(neg.spectrum(preconditioned: false, lambda: 0, weightCost: 0) == nil && neg.lanczos.ritzRange() == nil)

    let spd = ConjugateGradientTests.spd(6, seed: 3)
    let b = [1.0, 2, 0, -1, 0.5, 1]
    let (one, oneResult) = Self.solve(spd, b, maxIterations: 1)
    #expect(oneResult.iterations == 1)
    let s1 = try #require(one.spectrum(preconditioned: false, lambda: 0, weightCost: 0))
    let rayleigh = SpectrumFixture.rayleigh(spd, b)
    #expect(s1.steps == 1 && s1.smallest.count == 1 && s1.largest.count == 1 && s1.extremes.count == 1)
    #expect(SpectrumFixture.relative(s1.smallestValue, rayleigh) < 1e-12 && s1.conditionNumber == 1)

    // The third product (step 2's) is NaN: step 1 stands, the spectrum has one value.
    var calls = 0
    let (nan, nanResult) = Self.solve(spd, b, apply: { v, out in
      calls += 1
      SpectrumFixture.apply(spd)(v, out)
      if calls == 3 { out[0] = .nan }
    })
    #expect(nanResult.reason == .nonFinite && nanResult.iterations == 1)
    #expect(nan.spectrum(preconditioned: false, lambda: 0, weightCost: 0)?.steps == 1)

    let (stopped, stopResult) = Self.solve(spd, b, onStep: { $0.i < 3 })
    #expect(stopResult.reason == .interrupted && stopResult.iterations == 3)
    let s3 = try #require(stopped.spectrum(preconditioned: false, lambda: 0, weightCost: 0))
    #expect(s3.steps == 3 && s3.extremes.count == 3 && s3.smallest.count == 3)
    #expect(s3.extremes.map(\.value) == s3.extremes.map(\.value).sorted())
  }

  @Test("a summary without a spectrum decodes as before; one with a spectrum round-trips")
  func codableCompatibility() throws {
    let old = #"{"hfIteration":3,"iterations":12,"reason":"converged","stored":[],"chosen":12,"finalPhi":-0.5}"#
    let decoded = try JSONDecoder().decode(CGSummary.self, from: Data(old.utf8))
    #expect(decoded.spectrum == nil && decoded.iterations == 12)
    let oldStep = #"{"hfIteration":3,"i":4,"phi":-0.1,"relativeProgress":0.2,"stored":false}"#
    #expect(try JSONDecoder().decode(CGStep.self, from: Data(oldStep.utf8)).ritzRange == nil)
    let (cg, _) = Self.solve(ConjugateGradientTests.spd(8, seed: 5), [1, 0, 2, 0, 1, 0, 3, 1], maxIterations: 8)
    var summary = decoded
    summary.spectrum = cg.spectrum(preconditioned: true, lambda: 0.1, weightCost: 2e-5)
    let again = try JSONDecoder().decode(CGSummary.self, from: JSONEncoder().encode(summary))
    #expect(again == summary && again.spectrum?.steps == 8)
  }
}
