import Foundation
import HFEngine
import Testing

@Suite("HF loop")
struct HFOptimizerTests {
  @Test("the LM rule: ρ < ¼ raises λ by 3/2, ρ > ¾ lowers it by 2/3, NaN counts as bad")
  func lmRuleTable() {
    let d = DampingController()
    let cases: [(Double, Double)] = [
      (-Double.infinity, 1.5), (-1, 1.5), (0, 1.5), (0.2499, 1.5), (0.25, 1), (0.5, 1), (0.75, 1),
      (0.7501, 2.0 / 3.0), (1, 2.0 / 3.0), (3, 2.0 / 3.0), (.nan, 1.5),
    ]
    for (rho, factor) in cases {
      #expect(abs(d.updated(lambda: 10, rho: rho) - 10 * factor) < 1e-12, "ρ = \(rho)")
    }
    #expect(DampingController.reductionRatio(oldObjective: 1, newObjective: 1.1, modelReduction: -0.5) == -.infinity)
    #expect(DampingController.reductionRatio(oldObjective: 1, newObjective: .nan, modelReduction: -0.5) == -.infinity)
    #expect(DampingController.reductionRatio(oldObjective: 1, newObjective: 0.6, modelReduction: -0.5) == 0.8)
  }

  @Test("line search accepts the full step when Armijo holds, shrinks by 0.8 otherwise, rejects after 60 tries")
  func lineSearch() {
    let ls = LineSearch()
    // f(r) = (r − 0.3)² along slope −0.6 from f0 = 0.09: the full step (f = 0.49) fails, 0.8ʲ is tried.
    var tried: [Double] = []
    let r = ls.search(f0: 0.09, slope: -0.6, fullStepObjective: 0.49) { rate in
      tried.append(rate)
      return (rate - 0.3) * (rate - 0.3)
    }
    #expect(r.rate > 0 && r.rate < 1)
    #expect(abs(tried.first! - 0.8) < 1e-12)
    #expect(r.objective <= 0.09 + 1e-2 * r.rate * -0.6)
    let accept = ls.search(f0: 1, slope: -1, fullStepObjective: 0.5) { _ in Issue.record("no evaluation needed"); return 0 }
    #expect(accept.rate == 1 && accept.objective == 0.5 && accept.evaluations == 0)
    var count = 0
    let reject = ls.search(f0: 1, slope: -1, fullStepObjective: 2) { _ in count += 1; return 2 }
    #expect(reject.rate == 0 && reject.objective == 1)
    #expect(count == 59)
  }

  /// A single linear layer with squared error: f is an exact quadratic, G = H.
  static func leastSquares() -> (NetworkArchitecture, Dataset) {
    let arch = NetworkArchitecture(layerSizes: [3, 2], hiddenActivations: [], output: .linearSquaredError)
    return (arch, Fixtures.data(cases: 20, inputs: 3, targets: 2, output: .linearSquaredError, seed: 4))
  }

  @Test("with damping off and no backtracking, one HF step on a convex quadratic reaches the Newton solution")
  func newtonStepOnQuadratic() {
    let (arch, ds) = Self.leastSquares()
    let data = DataMatrix<Double>(ds)
    var config = HFConfig()
    config.initialLambda = 0
    config.adaptiveLambda = false
    config.weightCost = 0
    config.backtracking = false
    config.lineSearch = false
    config.preconditioner = false
    config.chunks = 1
    config.cg.tolerance = 1e-15
    config.cg.maxIterations = 50
    config.testInterval = 0
    let model = FeedForwardModel<Double>(architecture: arch)
    let hf = HFOptimizer(model: model, train: data, test: nil, config: config, initialTheta: Fixtures.theta(arch.layout, seed: 1))
    let report = hf.step()!
    // Normal equations per output: [X 1]ᵀ[X 1] w = [X 1]ᵀ t.
    var expected = [Double](repeating: 0, count: arch.layout.count)
    for o in 0..<2 {
      var a = [Double](repeating: 0, count: 16), b = [Double](repeating: 0, count: 4)
      for c in 0..<20 {
        let row = (0..<3).map { Double(ds.inputs[c * 3 + $0]) } + [1]
        for i in 0..<4 {
          b[i] += row[i] * Double(ds.targets[c * 2 + o])
          for j in 0..<4 { a[i * 4 + j] += row[i] * row[j] }
        }
      }
      let w = ConjugateGradientTests.directSolve(a, b)
      for k in 0..<3 { expected[o * 3 + k] = w[k] }
      expected[6 + o] = w[3]
    }
    #expect(Fixtures.relativeError(hf.theta.array, expected) < 1e-8)
    #expect(abs(report.rho - 1) < 1e-6)  // the model is exact
  }

  @Test("λ → ∞ makes the step −∇f/λ (the gradient-descent limit)")
  func largeLambdaIsGradientDescent() {
    let (arch, ds) = Self.leastSquares()
    let data = DataMatrix<Double>(ds)
    var config = HFConfig()
    config.initialLambda = 1e8
    config.weightCost = 0
    config.backtracking = false
    config.lineSearch = false
    config.preconditioner = false
    config.chunks = 1
    config.warmStartDecay = 0
    let theta0 = Fixtures.theta(arch.layout, seed: 2)
    let model = FeedForwardModel<Double>(architecture: arch)
    let grad = Buffer<Double>(count: theta0.count)
    _ = model.gradient(theta: Buffer(theta0), data: data, rows: 0..<20, into: grad)
    let hf = HFOptimizer(model: model, train: data, test: nil, config: config, initialTheta: theta0)
    hf.step()
    let step = zip(hf.theta.array, theta0).map { $0 - $1 }
    let expected = grad.array.map { -$0 / 1e8 }
    #expect(Fixtures.relativeError(step, expected) < 1e-6)
  }

  @Test("backtracking picks the stored iterate with the lowest objective walking back from the last")
  func backtrackingChoice() {
    // A deep net with small λ: later CG iterates overfit the curvature batch; whatever it picks,
    // the chosen iterate's objective must be ≤ every later stored one and < the one before it.
    let arch = NetworkArchitecture(layerSizes: [6, 8, 3, 8, 6], hiddenActivations: [.logistic, .linear, .logistic], output: .logisticCrossEntropy)
    let ds = Fixtures.data(cases: 64, inputs: 6, targets: 6, output: .logisticCrossEntropy, seed: 11)
    var config = HFConfig()
    config.initialLambda = 1e-3
    config.chunks = 4
    config.cg.maxIterations = 60
    let model = FeedForwardModel<Double>(architecture: arch)
    let hf = HFOptimizer(model: model, train: DataMatrix(ds), test: nil, config: config, initialTheta: Fixtures.theta(arch.layout, seed: 3, scale: 1))
    var summary: CGSummary?
    hf.step { if case .cgFinished(let s) = $0 { summary = s }; return .proceed }
    let s = try! #require(summary)
    let evaluated = s.stored.filter { $0.objective != nil }
    let chosen = try! #require(evaluated.first { $0.i == s.chosen })
    for e in evaluated where e.i > chosen.i { #expect(chosen.objective! <= e.objective!) }
    if let before = evaluated.last(where: { $0.i < chosen.i }) { #expect(before.objective! >= chosen.objective!) }
    #expect(s.stored.last!.objective != nil)  // the last iterate is always evaluated
  }
}
