import Foundation
import HFEngine
import Testing

@Suite("Curvature products")
struct CurvatureProductTests {
  struct Problem {
    let arch: NetworkArchitecture
    let dataset: Dataset
    let data: DataMatrix<Double>
    let model: FeedForwardModel<Double>
    let theta: [Double]
  }

  static func problem(_ act: Activation, _ out: OutputLoss, type: CurvatureType, shards: Int = 2) -> Problem {
    let arch = NetworkArchitecture(layerSizes: [3, 4, 3, 3], hiddenActivations: [act, act], output: out)
    let ds = Fixtures.data(cases: 6, inputs: 3, targets: 3, output: out, seed: 5)
    let data = DataMatrix<Double>(ds)
    let model = FeedForwardModel<Double>(architecture: arch, shards: shards)
    let theta = Fixtures.theta(arch.layout, seed: 8)
    model.prepareCurvature(theta: Buffer(theta), data: data, rows: 0..<6, type: type)
    return Problem(arch: arch, dataset: ds, data: data, model: model, theta: theta)
  }

  static func product(_ p: Problem, _ v: [Double], _ type: CurvatureType) -> [Double] {
    let out = Buffer<Double>(count: v.count)
    v.withUnsafeBufferPointer { p.model.curvatureProduct(theta: Buffer(p.theta), v: $0.baseAddress!, into: out.pointer, type: type) }
    return out.array
  }

  static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map(*).reduce(0, +) }

  @Test("Gv equals Jᵀ·H_L·J built from finite-difference Jacobians", arguments: [
    (Activation.logistic, OutputLoss.logisticCrossEntropy), (.tanh, .linearSquaredError), (.softplus, .softmaxCrossEntropy),
  ])
  func gaussNewtonMatchesExplicit(act: Activation, out: OutputLoss) {
    let p = Self.problem(act, out, type: .gaussNewton)
    let ref = ReferenceNetwork(arch: p.arch)
    let n = p.theta.count
    let v = Fixtures.theta(p.arch.layout, seed: 77, scale: 1)
    var expected = [Double](repeating: 0, count: n)
    for c in 0..<6 {
      let x = (0..<3).map { Double(p.dataset.inputs[c * 3 + $0]) }
      let j = ref.jacobian(p.theta, x)
      let h = ref.lossHessian(ref.preOutput(p.theta, x))
      let jv = j.map { Self.dot($0, v) }
      let hjv = h.map { Self.dot($0, jv) }
      for q in 0..<n { for o in 0..<3 { expected[q] += j[o][q] * hjv[o] / 6 } }
    }
    #expect(Fixtures.relativeError(Self.product(p, v, .gaussNewton), expected) < 1e-6)
  }

  @Test("G is symmetric and positive semi-definite")
  func gaussNewtonSymmetricPSD() {
    let p = Self.problem(.logistic, .logisticCrossEntropy, type: .gaussNewton)
    for seed in 0..<5 as Range<UInt64> {
      let u = Fixtures.theta(p.arch.layout, seed: 100 + seed, scale: 1)
      let v = Fixtures.theta(p.arch.layout, seed: 200 + seed, scale: 1)
      let uGv = Self.dot(u, Self.product(p, v, .gaussNewton))
      let vGu = Self.dot(v, Self.product(p, u, .gaussNewton))
      #expect(abs(uGv - vGu) < 1e-12 * max(1, abs(uGv)))
      #expect(Self.dot(v, Self.product(p, v, .gaussNewton)) >= 0)
    }
  }

  @Test("Hv equals finite differences of the gradient", arguments: [
    (Activation.logistic, OutputLoss.logisticCrossEntropy), (.tanh, .softmaxCrossEntropy), (.softplus, .linearSquaredError),
  ])
  func hessianMatchesFiniteDifferences(act: Activation, out: OutputLoss) {
    let p = Self.problem(act, out, type: .hessian)
    let v = Fixtures.theta(p.arch.layout, seed: 31, scale: 1)
    let eps = 1e-5
    func grad(_ t: [Double]) -> [Double] {
      let g = Buffer<Double>(count: t.count)
      _ = p.model.gradient(theta: Buffer(t), data: p.data, rows: 0..<6, into: g)
      return g.array
    }
    let gp = grad(zip(p.theta, v).map { $0 + eps * $1 })
    let gm = grad(zip(p.theta, v).map { $0 - eps * $1 })
    let fd = zip(gp, gm).map { ($0 - $1) / (2 * eps) }
    // gradient() above reused the shard workspaces; re-prepare the curvature cache.
    p.model.prepareCurvature(theta: Buffer(p.theta), data: p.data, rows: 0..<6, type: .hessian)
    #expect(Fixtures.relativeError(Self.product(p, v, .hessian), fd) < 1e-6)
  }

  @Test("Fv equals (1/m) Σ g_c (g_cᵀ v) from per-case gradients")
  func fisherMatchesDefinition() {
    let p = Self.problem(.tanh, .logisticCrossEntropy, type: .fisher, shards: 1)
    let v = Fixtures.theta(p.arch.layout, seed: 12, scale: 1)
    let perCase = FeedForwardModel<Double>(architecture: p.arch)
    var expected = [Double](repeating: 0, count: v.count)
    for c in 0..<6 {
      let g = Buffer<Double>(count: v.count)
      _ = perCase.gradient(theta: Buffer(p.theta), data: p.data, rows: c..<(c + 1), into: g)
      let s = Self.dot(g.array, v)
      for q in 0..<v.count { expected[q] += g[q] * s / 6 }
    }
    #expect(Fixtures.relativeError(Self.product(p, v, .fisher), expected) < 1e-10)
  }

  @Test("per-case squared gradients match their definition")
  func squaredGradients() {
    let p = Self.problem(.logistic, .logisticCrossEntropy, type: .gaussNewton)
    let single = FeedForwardModel<Double>(architecture: p.arch)
    var expected = [Double](repeating: 0, count: p.theta.count)
    for c in 0..<6 {
      let g = Buffer<Double>(count: p.theta.count)
      _ = single.gradient(theta: Buffer(p.theta), data: p.data, rows: c..<(c + 1), into: g)
      for q in 0..<expected.count { expected[q] += g[q] * g[q] / 6 }
    }
    let g = Buffer<Double>(count: p.theta.count), sq = Buffer<Double>(count: p.theta.count)
    _ = p.model.gradient(theta: Buffer(p.theta), data: p.data, rows: 0..<6, into: g, squares: sq)
    #expect(Fixtures.relativeError(sq.array, expected) < 1e-12)
  }
}
