import Foundation

/// The outcome of a finite-difference check of the gradient and the curvature product.
public struct FiniteDifferenceReport: Sendable, Equatable {
  /// |gᵀv − (f(θ+εv) − f(θ−εv))/2ε| relative to their scale.
  public var gradientError: Double
  /// The curvature product's relative error against its finite-difference counterpart.
  public var curvatureError: Double
  public var curvature: CurvatureType
  public var cases: Int
  /// Both errors below the tolerance.
  public var passed: Bool

  /// One line for the screen: "FD check on 16 cases: gradient 3.1e-9 ✓, GN 2.2e-8 ✓".
  public var summary: String {
    func f(_ x: Double) -> String {
      let s = String(format: "%.1e", x)
      return x < FiniteDifferenceCheck.tolerance ? s + " ok" : s + " FAIL"
    }
    return "FD check on \(cases) cases: gradient \(f(gradientError)), \(curvature.shortName) \(f(curvatureError))"
      + (passed ? " — passed" : " — FAILED")
  }
}

/// Checks, in Double on a few training cases, that the gradient and the curvature product the
/// optimizer uses agree with finite differences of the objective (hf-spec §15 tests (a)–(d)).
public enum FiniteDifferenceCheck {
  /// Relative error accepted as a pass.
  public static let tolerance = 1e-5

  /// Runs the check at `theta` on the first `cases` rows of `data`.
  public static func run(
    architecture: NetworkArchitecture, theta: [Float], data: DataMatrix<Float>, cases: Int = 16,
    curvature: CurvatureType, seed: UInt64 = 1
  ) -> FiniteDifferenceReport {
    let m = Swift.max(1, Swift.min(cases, data.count))
    let rows = 0..<m
    let x = Array(UnsafeBufferPointer(start: data.inputs.pointer, count: m * data.inputWidth))
    let t = Array(UnsafeBufferPointer(start: data.targets.pointer, count: m * data.targetWidth))
    let small = DataMatrix<Double>(
      Dataset(inputs: x, targets: t, count: m, inputWidth: data.inputWidth, targetWidth: data.targetWidth, source: "check"))
    let model = FeedForwardModel<Double>(architecture: architecture, shards: 1, blockRows: m)
    let th = theta.map(Double.init)
    var rng = SeededGenerator(seed: seed, stream: 7)
    let v = (0..<th.count).map { _ in rng.nextGaussian() }
    let vNorm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let thNorm = Swift.max(1, th.reduce(0) { $0 + $1 * $1 }.squareRoot())
    let eps = 1e-6 * thNorm / vNorm
    func shifted(_ s: Double) -> Buffer<Double> { Buffer(zip(th, v).map { $0 + s * $1 }) }
    func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
    func rel(_ a: Double, _ b: Double) -> Double { Swift.abs(a - b) / Swift.max(1e-12, Swift.abs(a), Swift.abs(b)) }

    // Directional derivative of the objective.
    let g = Buffer<Double>(count: th.count)
    _ = model.gradient(theta: Buffer(th), data: small, rows: rows, into: g)
    let fp = model.evaluate(theta: shifted(eps), data: small, rows: rows).meanLoss
    let fm = model.evaluate(theta: shifted(-eps), data: small, rows: rows).meanLoss
    let gradientError = rel(dot(g.array, v), (fp - fm) / (2 * eps))

    // The curvature product along v.
    model.prepareCurvature(theta: Buffer(th), data: small, rows: rows, type: curvature)
    let bv = Buffer<Double>(count: th.count)
    v.withUnsafeBufferPointer { model.curvatureProduct(theta: Buffer(th), v: $0.baseAddress!, into: bv.pointer, type: curvature) }
    let curvatureError: Double
    switch curvature {
    case .gaussNewton:
      // vᵀGv = mean over cases of (Jv)ᵀ H_L (Jv), with Jv from differences of the output pre-activations.
      let zp = model.preActivations(theta: shifted(eps), data: small, rows: rows)
      let zm = model.preActivations(theta: shifted(-eps), data: small, rows: rows)
      let jv = zip(zp, zm).map { ($0 - $1) / (2 * eps) }
      var hjv = jv
      var yhat = model.preActivations(theta: Buffer(th), data: small, rows: rows)
      outputs(&yhat, architecture.output, width: architecture.outputWidth)
      model.applyLossCurvature(&hjv, outputs: yhat, rows: m)
      curvatureError = rel(dot(v, bv.array), dot(jv, hjv) / Double(m))
    case .hessian:
      let gp = Buffer<Double>(count: th.count), gm = Buffer<Double>(count: th.count)
      _ = model.gradient(theta: shifted(eps), data: small, rows: rows, into: gp)
      _ = model.gradient(theta: shifted(-eps), data: small, rows: rows, into: gm)
      let fd = zip(gp.array, gm.array).map { ($0 - $1) / (2 * eps) }
      let scale = Swift.max(1e-12, fd.map(Swift.abs).max() ?? 0)
      curvatureError = zip(bv.array, fd).map { Swift.abs($0 - $1) }.max()! / scale
    case .fisher:
      var expected = [Double](repeating: 0, count: th.count)
      let single = FeedForwardModel<Double>(architecture: architecture, shards: 1, blockRows: 1)
      for c in 0..<m {
        let gc = Buffer<Double>(count: th.count)
        _ = single.gradient(theta: Buffer(th), data: small, rows: c..<(c + 1), into: gc)
        let s = dot(gc.array, v) / Double(m)
        for j in 0..<th.count { expected[j] += gc[j] * s }
      }
      let scale = Swift.max(1e-12, expected.map(Swift.abs).max() ?? 0)
      curvatureError = zip(bv.array, expected).map { Swift.abs($0 - $1) }.max()! / scale
    }
    let tol = tolerance
    return FiniteDifferenceReport(
      gradientError: gradientError, curvatureError: curvatureError, curvature: curvature, cases: m,
      passed: gradientError < tol && curvatureError < tol)
  }

  /// Applies the output non-linearity to pre-activations in place (ŷ = g(z)).
  private static func outputs(_ z: inout [Double], _ output: OutputLoss, width: Int) {
    let rows = z.count / width
    let dummy = [Double](repeating: 0, count: z.count)
    z.withUnsafeMutableBufferPointer { zp in
      dummy.withUnsafeBufferPointer { _ = output.activateAndLoss(zp.baseAddress!, targets: $0.baseAddress!, rows: rows, width: width) }
    }
  }
}
