import Foundation
import HFEngine
import Testing

@Suite("HF learning and determinism")
struct HFLearningTests {
  static func tinySetup(seed: UInt64 = 1, threads: Int = 2, configure: (inout HFConfig) -> Void = { _ in }) throws -> TrainingSetup {
    let preset = try #require(Preset.named("tiny"))
    var config = preset.config
    config.threads = threads
    configure(&config)
    return try TrainingSetup(RunSpec(preset: preset, seed: seed, config: config))
  }

  @Test("two runs with the same seed give bit-identical numbers")
  func determinism() throws {
    var runs: [[IterationReport]] = []
    for _ in 0..<2 {
      let setup = try Self.tinySetup(seed: 7)
      runs.append((0..<4).compactMap { _ in setup.optimizer.step() })
    }
    #expect(runs[0].count == 4)
    for (a, b) in zip(runs[0], runs[1]) {
      #expect(a.objective == b.objective)
      #expect(a.error == b.error)
      #expect(a.lambdaAfter == b.lambdaAfter)
      #expect(a.rho == b.rho)
      #expect(a.cgIterations == b.cgIterations)
      #expect(a.layerGradientNorms == b.layerGradientNorms)
    }
    let other = try Self.tinySetup(seed: 8)
    #expect(other.optimizer.step()!.objective != runs[0][0].objective)
  }

  @Test("HF cuts the tiny autoencoder's training error by at least half in 10 iterations")
  func tinyLearns() throws {
    let setup = try Self.tinySetup()
    let problem = try #require(setup.problem as? FeedForwardProblem<Float>)
    let before = problem.model.evaluate(theta: setup.optimizer.theta, data: problem.train, rows: 0..<problem.train.count)
    var last: IterationReport?
    for _ in 0..<10 { last = setup.optimizer.step() }
    let after = try #require(last)
    #expect(after.error <= 0.5 * before.meanError, "error \(before.meanError) → \(after.error)")
    #expect(after.testError! < before.meanError * 0.6)
  }

  @Test("on a deep, narrow net HF beats gradient descent (best of three rates) at equal data passes")
  func beatsGradientDescent() throws {
    let arch = Preset.autoencoder(encoder: [64, 32, 16, 8, 4, 2])
    let split = TinyGenerator.make(trainCount: 400, testCount: 0, seed: 3)
    let data = DataMatrix<Float>(split.train)
    var config = HFConfig()
    config.initialLambda = 1
    config.chunks = 2
    config.cg.maxIterations = 40
    config.testInterval = 0
    var rng = SeededGenerator(seed: 5)
    let theta0: [Float] = ParameterInitializer.martensSparse.initialize(arch.layout, rng: &rng)
    let hf = HFOptimizer(model: FeedForwardModel<Float>(architecture: arch, shards: 2), train: data, test: nil, config: config, initialTheta: theta0)
    var hfObjective = Double.infinity
    for _ in 0..<30 { hfObjective = hf.step()!.objective }
    let passes = Int(hf.dataPasses.rounded(.up))

    // Plain full-batch gradient descent from the same weights, one data pass per step.
    let model = FeedForwardModel<Float>(architecture: arch, shards: 2)
    var bestGD = Double.infinity
    for rate in [0.1, 1.0, 10.0] {
      let theta = Buffer(theta0), grad = Buffer<Float>(count: theta0.count)
      var f = Double.infinity
      for _ in 0..<passes {
        let sums = model.gradient(theta: theta, data: data, rows: 0..<data.count, into: grad)
        let norm2 = theta.array.reduce(0.0) { $0 + Double($1) * Double($1) }
        f = sums.meanLoss + 0.5 * config.weightCost * norm2
        for j in 0..<theta.count { theta[j] -= Float(rate) * (grad[j] + Float(config.weightCost) * theta[j]) }
      }
      let final = model.evaluate(theta: theta, data: data, rows: 0..<data.count).meanLoss
      bestGD = min(bestGD, f.isFinite ? min(f, final) : final)
    }
    #expect(hfObjective < bestGD, "HF \(hfObjective) vs GD \(bestGD) after \(passes) passes")
  }

  @Test("Hessian and Fisher curvature runs stay finite and report their type")
  func otherCurvatures() throws {
    for type in [CurvatureType.hessian, .fisher] {
      let setup = try Self.tinySetup { $0.curvature = type }
      let r = try #require(setup.optimizer.step())
      #expect(r.curvatureType == type)
      #expect(r.objective.isFinite)
      #expect(r.objective <= r.objectiveBefore || !r.accepted)
    }
  }

  @Test("a stop request mid-CG leaves θ, λ and the iteration count unchanged")
  func stopLeavesStateUnchanged() throws {
    let setup = try Self.tinySetup()
    setup.optimizer.step()
    let theta = setup.optimizer.theta.array, lambda = setup.optimizer.lambda
    let report = setup.optimizer.step { event in
      if case .cgStep(let s) = event, s.i == 3 { return .stop }
      return .proceed
    }
    #expect(report == nil)
    #expect(setup.optimizer.theta.array == theta)
    #expect(setup.optimizer.lambda == lambda)
    #expect(setup.optimizer.iteration == 1)
  }

  @Test("events arrive in order: started, CG steps 1…n, CG finished, iteration finished")
  func eventOrder() throws {
    let setup = try Self.tinySetup()
    var kinds: [String] = []
    var cgIndices: [Int] = []
    let report = try #require(setup.optimizer.step { event in
      switch event {
      case .iterationStarted: kinds.append("start")
      case .cgStep(let s): kinds.append("cg"); cgIndices.append(s.i)
      case .cgFinished: kinds.append("cgdone")
      case .iterationFinished: kinds.append("done")
      case .warning: kinds.append("warn")
      }
      return .proceed
    })
    #expect(kinds.first == "start" && kinds.last == "done")
    #expect(kinds.dropLast().last == "cgdone")
    #expect(cgIndices == Array(1...report.cgIterations))
    #expect(report.layerGradientNorms.count == 6 && report.layerStepNorms.count == 6)
  }
}
