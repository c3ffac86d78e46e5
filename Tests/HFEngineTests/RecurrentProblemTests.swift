import Foundation
import HFEngine
import Testing

/// The recurrent problem inside the HF loop: data handling, presets and solving a task.
@Suite("Recurrent problem")
struct RecurrentProblemTests {
  static func optimizer(
    task: SequenceTask, T: Int, hidden: Int, seed: UInt64, gradientBatch: Int, curvatureBatch: Int, test: Int, mu: Double = 0.03
  ) -> (RecurrentProblem<Float>, HFOptimizer<Float>) {
    let spec = RecurrentSpec(task: task, sequenceLength: T, hiddenUnits: hidden, testSequences: test)
    var config = spec.defaultConfig(gradientBatch: gradientBatch, curvatureBatch: curvatureBatch)
    config.structuralDamping = mu
    config.threads = 2
    var rng = SeededGenerator(seed: seed, stream: 1)
    let theta: [Float] = spec.architecture.initialize(rng: &rng)
    let problem = RecurrentProblem<Float>(spec: spec, seed: seed, shards: 2)
    return (problem, HFOptimizer(problem: problem, config: config, initialTheta: theta))
  }

  /// A report without its wall times (which differ between runs).
  static func timeless(_ r: IterationReport) -> IterationReport {
    var r = r
    r.times = PhaseTimes()
    return r
  }

  @Test("HF with structural damping solves addition at T = 20 (first value at t ≤ 1, answer due at t ≥ 20)")
  func solvesAddition() throws {
    // 32 tanh units, gradient batch 1000, curvature and held-out batches 500, 1000 test sequences:
    // 41 HF iterations (≈ 6,800 CG iterations, ≈ 15 CPU-seconds) on the development machine.
    let (problem, hf) = Self.optimizer(task: .addition, T: 20, hidden: 32, seed: 1, gradientBatch: 1000, curvatureBatch: 500, test: 1000)
    var solvedAt: Int? = nil
    var first: IterationReport? = nil
    for _ in 0..<100 {
      let report = try #require(hf.step())
      if first == nil { first = report }
      if problem.isSuccess(report) {
        solvedAt = report.iteration
        break
      }
    }
    let firstError = try #require(first?.testError)
    #expect(firstError > 0.5)  // the untrained net gets most sums wrong
    #expect(solvedAt != nil)
    #expect(problem.successThreshold == 0.001)
  }

  @Test("the same seed gives the same iterations; μ changes them")
  func deterministic() throws {
    func run(mu: Double) throws -> [IterationReport] {
      let (_, hf) = Self.optimizer(task: .temporalOrder2, T: 12, hidden: 8, seed: 4, gradientBatch: 64, curvatureBatch: 32, test: 64, mu: mu)
      return try (0..<3).map { _ in Self.timeless(try #require(hf.step())) }
    }
    let a = try run(mu: 0.03), b = try run(mu: 0.03), c = try run(mu: 0)
    #expect(a == b)
    #expect(a != c)
    #expect(a[0].layerGradientNorms.count == 4 && a[0].rhoModel == .damped)
  }

  @Test("the data generator's state is a checkpoint: restoring it redraws the same batches")
  func generatorCheckpoint() {
    let (problem, _) = Self.optimizer(task: .addition, T: 10, hidden: 4, seed: 2, gradientBatch: 8, curvatureBatch: 4, test: 8)
    let config = HFConfig()
    let saved = problem.dataGenerator
    problem.beginIteration(1, config: config)
    let lengths = (0..<problem.trainingBatch.count).map { problem.trainingBatch.length(of: $0) }
    let firstInput = problem.trainingBatch.input(step: 1, sequence: 0)
    problem.beginIteration(1, config: config)  // the same iteration again keeps its data
    #expect(problem.trainingBatch.input(step: 1, sequence: 0) == firstInput)
    problem.beginIteration(2, config: config)
    #expect(problem.trainingBatch.input(step: 1, sequence: 0) != firstInput)
    problem.dataGenerator = saved
    problem.beginIteration(2, config: config)
    #expect((0..<problem.trainingBatch.count).map { problem.trainingBatch.length(of: $0) } == lengths)
    #expect(problem.trainingBatch.input(step: 1, sequence: 0) == firstInput)
    #expect(problem.gradientSequences == 1000 && problem.curvatureSequences == 1000)
  }

  @Test("every recurrent preset builds through TrainingSetup with its task's settings")
  func presets() throws {
    for preset in Preset.recurrentPresets {
      let T = max(12, try #require(preset.recurrent).task.minimumLength)
      var spec = RunSpec(preset: try #require(preset.adjusted(sequenceLength: T, hiddenUnits: 4)), seed: 1)
      spec.config.gradientBatchSize = 8
      spec.config.curvatureBatchSize = 4
      let setup = try TrainingSetup(spec)
      let rnn = try #require(preset.recurrent)
      #expect(setup.groupNames == ["input", "recurrent", "output", "initial state"])
      #expect(setup.recurrentProblem != nil && setup.split == nil && setup.architecture == nil)
      #expect(setup.successThreshold == 0.001)
      #expect(setup.optimizer.config.cg.maxIterations == 300 && !setup.optimizer.config.preconditioner)
      #expect(setup.optimizer.config.structuralDamping == 0.03 && setup.optimizer.config.rhoModel == .damped)
      #expect(setup.optimizer.lambda == 0.01 * Double(rnn.task.dampingOutputs(T)))
      #expect(setup.problem.parameterCount == 4 * rnn.task.inputWidth + 16 + 4 * rnn.task.outputWidth + 4 + rnn.task.outputWidth + 4)
      let report = try #require(setup.optimizer.step())
      #expect(report.testError != nil && report.objective.isFinite)
    }
  }

  @Test("recurrent presets reject data files, other curvatures and lengths outside the task's range")
  func rejectsBadSettings() {
    let addition = Preset.named("addition")!
    #expect(throws: DataError.self) { try TrainingSetup(RunSpec(preset: addition, data: .tiny)) }
    var hessian = RunSpec(preset: addition)
    hessian.config.curvature = .hessian
    #expect(throws: DataError.self) { try TrainingSetup(hessian) }
    #expect(throws: DataError.self) { try TrainingSetup(RunSpec(preset: addition.adjusted(sequenceLength: 5, hiddenUnits: nil)!)) }
    #expect(Preset.named("curves")!.adjusted(sequenceLength: 20, hiddenUnits: nil) == nil)
    #expect(Preset.named("xor")!.recurrent?.sequenceLength == 40)
  }
}
