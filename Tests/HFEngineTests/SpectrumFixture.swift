import CBLAS
import HFEngine

/// A small tanh network with a linear output (26 parameters, 20 cases) and the explicit matrices
/// the spectrum tests compare with, formed column by column from curvature products. Its G has
/// eigenvalues from 7e-10 to 6.25, ten of them above 1e-2: with λ = 0.01 the damped matrix has a
/// spread-out top and a cluster at λ + wc, as HF's do.
enum SpectrumFixture {
  static let arch = NetworkArchitecture(layerSizes: [3, 4, 2], hiddenActivations: [.tanh], output: .linearSquaredError)
  static let dataset = Fixtures.data(cases: 20, inputs: 3, targets: 2, output: .linearSquaredError, seed: 21)
  static var data: DataMatrix<Double> { DataMatrix<Double>(dataset) }
  static var theta0: [Double] { Fixtures.theta(arch.layout, seed: 5, scale: 1) }

  /// The engine's settings for these tests: one curvature batch, λ frozen at `lambda`, a visible
  /// weight cost, and CG long enough to run into the whole 26-dimensional space.
  static let lambda = 0.3, weightCost = 1e-3

  static func config(preconditioner: Bool = false, warmStartDecay: Double = 0) -> HFConfig {
    var c = HFConfig()
    c.initialLambda = lambda
    c.adaptiveLambda = false
    c.weightCost = weightCost
    c.chunks = 1
    c.testInterval = 0
    c.preconditioner = preconditioner
    c.warmStartDecay = warmStartDecay
    c.cg.maxIterations = 26
    c.cg.tolerance = 0
    return c
  }

  static func optimizer(_ config: HFConfig) -> HFOptimizer<Double> {
    HFOptimizer(
      model: FeedForwardModel<Double>(architecture: arch), train: data, test: nil, config: config, initialTheta: theta0)
  }

  /// The undamped Gauss-Newton matrix (row-major, symmetrized) of HF iteration `iteration`'s
  /// curvature batch at `theta`, from n products with the unit vectors on a separate problem.
  static func gaussNewton(at theta: [Double], iteration: Int = 1, config: HFConfig) -> [Double] {
    let problem = FeedForwardProblem(model: FeedForwardModel<Double>(architecture: arch), train: data, test: nil)
    problem.beginIteration(iteration, config: config)
    let t = Buffer(theta)
    _ = problem.prepareCurvature(theta: t, type: .gaussNewton)
    let n = theta.count
    var g = [Double](repeating: 0, count: n * n)
    let e = Buffer<Double>(count: n), out = Buffer<Double>(count: n)
    for j in 0..<n {
      e.zero()
      e[j] = 1
      problem.curvatureProduct(theta: t, v: e.pointer, into: out.pointer, type: .gaussNewton, structuralDamping: 0)
      for i in 0..<n { g[i * n + j] = out[i] }
    }
    for i in 0..<n { for j in 0..<i { let s = (g[i * n + j] + g[j * n + i]) / 2; g[i * n + j] = s; g[j * n + i] = s } }
    return g
  }

  /// The mean per-case squared gradient (what HF's preconditioner is built from) at `theta`.
  static func squaredGradient(at theta: [Double], config: HFConfig) -> [Double] {
    let problem = FeedForwardProblem(model: FeedForwardModel<Double>(architecture: arch), train: data, test: nil)
    problem.beginIteration(1, config: config)
    let g = Buffer<Double>(count: theta.count), g2 = Buffer<Double>(count: theta.count)
    _ = problem.gradient(theta: Buffer(theta), into: g, squares: g2)
    return g2.array
  }

  /// a + s·I.
  static func shifted(_ a: [Double], by s: Double) -> [Double] {
    let n = Int(Double(a.count).squareRoot())
    var b = a
    for i in 0..<n { b[i * n + i] += s }
    return b
  }

  /// Eigenvalues, ascending, of the symmetric matrix `a` (row-major n × n) by LAPACK's dsyev.
  static func eigenvalues(_ a: [Double]) -> [Double] {
    var n = Int32(Double(a.count).squareRoot())
    var m = a, w = [Double](repeating: 0, count: Int(n))
    var lwork = Int32(max(1, 3 * Int(n))), info = Int32(0)
    var work = [Double](repeating: 0, count: Int(lwork))
    var jobz = CChar(UInt8(ascii: "N")), uplo = CChar(UInt8(ascii: "U"))
    var lda = n
    dsyev_(&jobz, &uplo, &n, &m, &lda, &w, &work, &lwork, &info, 1, 1)
    precondition(info == 0, "dsyev failed: \(info)")
    return w
  }

  /// y = A·x for a row-major n × n matrix.
  static func apply(_ a: [Double]) -> (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void {
    let n = Int(Double(a.count).squareRoot())
    return { x, y in
      for i in 0..<n {
        var s = 0.0
        for j in 0..<n { s += a[i * n + j] * x[j] }
        y[i] = s
      }
    }
  }

  /// The Rayleigh quotient vᵀAv / vᵀv: T₁ = 1/α₁ of a Krylov run started from v.
  static func rayleigh(_ a: [Double], _ v: [Double]) -> Double {
    var av = [Double](repeating: 0, count: v.count)
    v.withUnsafeBufferPointer { vp in av.withUnsafeMutableBufferPointer { apply(a)(vp.baseAddress!, $0.baseAddress!) } }
    var vav = 0.0, vv = 0.0
    for i in v.indices {
      vav += v[i] * av[i]
      vv += v[i] * v[i]
    }
    return vav / vv
  }

  /// |a − b| / |b|.
  static func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / abs(b) }
}
