import HFEngine
import Testing

/// The racers on a convex least-squares problem (one linear layer, squared error) whose minimum
/// HF reaches in one undamped Newton step.
@Suite("Racers on a convex quadratic")
struct RacerConvergenceTests {
  static let weightCost = 1e-3

  static func problem() -> (FeedForwardRacerProblem<Double>, [Double]) {
    let (arch, ds) = HFOptimizerTests.leastSquares()
    let data = DataMatrix<Double>(ds)
    let problem = FeedForwardRacerProblem(model: FeedForwardModel<Double>(architecture: arch), train: data, test: nil)
    return (problem, Fixtures.theta(arch.layout, seed: 9))
  }

  /// f* from one HF step with λ = 0 (the Newton step of a quadratic), weight cost included.
  static func optimum() -> Double {
    let (arch, ds) = HFOptimizerTests.leastSquares()
    let data = DataMatrix<Double>(ds)
    var config = HFConfig()
    config.initialLambda = 0
    config.adaptiveLambda = false
    config.weightCost = weightCost
    config.backtracking = false
    config.lineSearch = false
    config.preconditioner = false
    config.chunks = 1
    config.cg.tolerance = 1e-15
    config.cg.minIterations = 40
    let hf = HFOptimizer(
      model: FeedForwardModel<Double>(architecture: arch), train: data, test: nil, config: config,
      initialTheta: Fixtures.theta(arch.layout, seed: 9))
    return hf.step()!.objective
  }

  static func settings(batch: Int) -> RacerSettings {
    var s = RacerSettings()
    s.batchSize = batch
    s.learningRate = 0.1
    s.momentumMax = 0.9
    s.adamRate = 0.01
    return s
  }

  @Test("SGD-N and SGD-M (full batch) reach f* to 1e-9")
  func momentumMethods() throws {
    let fStar = Self.optimum()
    for kind in [OptimizerKind.sgd, .momentum] {
      let (problem, theta) = Self.problem()
      let opt = SGDOptimizer(kind: kind, problem: problem, settings: Self.settings(batch: 20), weightCost: Self.weightCost, initialTheta: theta)
      var last: IterationReport?
      for _ in 0..<1200 { last = opt.step() }
      let r = try #require(last)
      #expect(abs(r.objective - fStar) < 1e-9, "\(kind): \(r.objective) vs \(fStar)")
      #expect(r.optimizer == kind && r.learningRate == 0.1 && r.momentum == 0.9)
      #expect(r.gradientNorm < 1e-4)
    }
  }

  @Test("Adam (full batch, α 0.01) reaches f* to 1e-6")
  func adam() throws {
    let fStar = Self.optimum()
    let (problem, theta) = Self.problem()
    let opt = AdamOptimizer(problem: problem, settings: Self.settings(batch: 20), weightCost: Self.weightCost, initialTheta: theta)
    var last: IterationReport?
    for _ in 0..<4000 { last = opt.step() }
    let r = try #require(last)
    #expect(abs(r.objective - fStar) < 1e-6, "\(r.objective) vs \(fStar)")
    #expect(r.optimizer == .adam && r.momentum == 0.9)
  }

  @Test("NCG and L-BFGS reach f* to 1e-12 within 40 iterations")
  func lineSearchMethods() throws {
    let fStar = Self.optimum()
    let (p1, theta) = Self.problem()
    let ncg = NonlinearCGOptimizer(problem: p1, settings: RacerSettings(), weightCost: Self.weightCost, initialTheta: theta)
    let (p2, _) = Self.problem()
    let lbfgs = LBFGSOptimizer(problem: p2, settings: RacerSettings(), weightCost: Self.weightCost, initialTheta: theta)
    for opt in [ncg, lbfgs] as [any TrainingOptimizer<Double>] {
      var last: IterationReport?
      for _ in 0..<40 {
        last = opt.step(observer: { _ in .proceed })
        if let l = last, l.gradientNorm < 1e-10 { break }
      }
      let r = try #require(last)
      #expect(abs(r.objective - fStar) < 1e-12, "\(opt.kind): \(r.objective) vs \(fStar)")
      #expect(r.optimizer == opt.kind && r.learningRate == nil && r.rho.isNaN && r.cgIterations == 0)
    }
  }

  @Test("mini-batch SGD (batch 5) with a decaying rate gets within 1e-3 of f*")
  func stochastic() throws {
    let fStar = Self.optimum()
    let (problem, theta) = Self.problem()
    var s = Self.settings(batch: 5)
    s.schedule = .inverseTime(updates: 50)
    let opt = SGDOptimizer(kind: .sgd, problem: problem, settings: s, weightCost: Self.weightCost, initialTheta: theta)
    let first = try #require(opt.step())
    var last = first
    for _ in 0..<500 { last = try #require(opt.step()) }
    #expect(last.objective < first.objectiveBefore)
    #expect(abs(last.objective - fStar) < 1e-3, "\(last.objective) vs \(fStar)")
    #expect(last.learningRate! < 0.1 / 10)
  }
}
