import Foundation
import HFEngine

extension FeedForwardSuite {
  /// The cost of the curvature spectrum next to one Gauss-Newton product: LAPACK's eigen-solve of
  /// the Lanczos tridiagonal of each timed HF iteration's CG run, and of a CG run as long as the
  /// cap (on a diagonal matrix with eigenvalues from 1e-2 to 1e2: the solve's cost depends on k).
  func spectrumCost(hfTridiagonals: [LanczosTridiagonal], gvSeconds: Double) -> SpectrumCostFigures {
    let samples = Swift.max(3, plan.repetitions)
    var steps: [Int] = [], spectrum: [Double] = [], range: [Double] = []
    for t in hfTridiagonals where t.count > 0 {
      steps.append(t.count)
      spectrum.append(Stopwatch.median(samples: samples) { _ = t.ritzValues() })
      range.append(Stopwatch.median(samples: samples) { _ = t.ritzRange() })
    }
    // The running estimate of a whole CG run at the cap: T_i's range on the steps CG reports it.
    let cap = capTridiagonal()
    steps.append(cap.count)
    spectrum.append(Stopwatch.median(samples: samples) { _ = cap.ritzValues() })
    range.append(Stopwatch.median(samples: samples) { _ = cap.ritzRange() })
    let prefix = LanczosTridiagonal(capacity: cap.count)
    let diagonal = cap.diagonal, off = cap.offDiagonal + [cap.nextCoupling]
    var running = 0.0
    for i in 0..<cap.count {
      prefix.append(diagonal: diagonal[i], coupling: off[i])
      if ConjugateGradient<Float>.estimatesRitzRange(atStep: i + 1) {
        running += Stopwatch.time { _ = prefix.ritzRange() }
      }
    }
    return SpectrumCostFigures(
      steps: steps, spectrumSeconds: spectrum, rangeSeconds: range, runningSecondsAtCap: running,
      capSteps: cap.count, gvSeconds: gvSeconds)
  }

  /// The tridiagonal of a CG run of exactly `cgCap` steps on a diagonal SPD matrix.
  private func capTridiagonal() -> LanczosTridiagonal {
    let n = 4000
    let eigen = (0..<n).map { (j: Int) -> Float in Float(pow(10.0, -2 + 4 * Double(j) / Double(n - 1))) }
    let b = Self.randomVector(n, seed: 11)
    let cg = ConjugateGradient<Float>(dimension: n)
    var settings = CGSettings()
    settings.maxIterations = plan.quick ? 50 : 250
    settings.minIterations = settings.maxIterations
    settings.tolerance = 0
    _ = cg.solve(
      apply: { v, out in for j in 0..<n { out[j] = eigen[j] * v[j] } }, b: b.pointer, x0: nil, preconditioner: nil,
      settings: settings) { _ in true }
    return cg.lanczos
  }
}
