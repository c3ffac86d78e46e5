/// Why `HFOptimizer.lanczosSpectrum` returned no spectrum.
public enum LanczosSpectrumError: Error, Equatable, Sendable {
  /// The step count is outside 1…`LanczosProbe.maximumSteps`.
  case invalidSteps(Int)
  /// No HF iteration has run yet, so there is no curvature batch.
  case noCurvatureBatch
  /// A distributed run: the other ranks would have to take part in every product.
  case distributed
  /// `shouldStop` asked to stop before this step.
  case cancelled(beforeStep: Int)
  /// No Ritz value came out (a zero start vector, or LAPACK failed).
  case noRitzValues

  /// One sentence for the screen.
  public var message: String {
    switch self {
    case .invalidSteps(let k): "the Lanczos step count must be between 1 and \(LanczosProbe.maximumSteps) (got \(k))."
    case .noCurvatureBatch: "no curvature batch yet: run an HF iteration first."
    case .distributed: "the Lanczos spectrum is not available in a distributed run."
    case .cancelled(let j): "the Lanczos run was stopped before step \(j)."
    case .noRitzValues: "the Lanczos run produced no Ritz values."
    }
  }
}

/// Limits of `HFOptimizer.lanczosSpectrum`.
public enum LanczosProbe {
  /// The most Lanczos steps a run takes (it keeps k + 1 parameter-sized vectors).
  public static let maximumSteps = 500
}

extension HFOptimizer {
  /// The Lanczos tridiagonal of the last CG run (its α and β), for tools that time or inspect it.
  public var lastCGTridiagonal: LanczosTridiagonal { cg.lanczos }

  /// The extreme eigenvalues of the *undamped* curvature matrix C (the configured curvature —
  /// Gauss-Newton by default — without λ, weight cost or structural damping) on the current
  /// curvature batch at the current θ, by `steps` Lanczos steps with full reorthogonalization
  /// from a seeded Gaussian start vector. Each step costs one curvature product; `shouldStop(j)`
  /// is asked before step j (return true to cancel). The curvature batch's activations are
  /// recomputed at θ first; the optimizer's state and data passes are untouched, so the next
  /// `step` computes exactly what it would have without this call.
  public func lanczosSpectrum(
    steps: Int, seed: UInt64 = 1, shouldStop: (Int) -> Bool = { _ in false }
  ) throws(LanczosSpectrumError) -> CurvatureSpectrum {
    guard steps >= 1, steps <= LanczosProbe.maximumSteps else { throw .invalidSteps(steps) }
    guard iteration >= 1 else { throw .noCurvatureBatch }
    guard coordinator == nil, !(problem is DistributedProblem<S>) else { throw .distributed }
    let n = theta.count
    let start = Buffer<S>(count: n)
    var rng = SeededGenerator(seed: seed)
    for j in 0..<n { start.pointer[j] = S(rng.nextGaussian()) }
    let curvature = config.curvature
    let outcome = WorkerTeam.run(threads: config.threads) { () -> Result<LanczosTridiagonal, Lanczos<S>.Stop> in
      _ = problem.prepareCurvature(theta: theta, type: curvature)
      return Lanczos<S>(dimension: n).run(
        steps: steps, start: start.pointer,
        apply: { v, out in
          self.problem.curvatureProduct(theta: self.theta, v: v, into: out, type: curvature, structuralDamping: 0)
        }, shouldStop: shouldStop)
    }
    switch outcome {
    case .failure(.cancelled(let j)): throw .cancelled(beforeStep: j)
    case .success(let t):
      let spectrum = t.spectrum(
        source: .lanczos, preconditioned: false, warmStarted: false, lambda: 0, weightCost: 0, structuralDamping: 0)
      guard let spectrum else { throw .noRitzValues }
      return spectrum
    }
  }
}
