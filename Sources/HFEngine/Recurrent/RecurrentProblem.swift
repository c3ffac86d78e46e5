/// A recurrent network on a pathological task, with data used as in Sutskever's HF-RNN code
/// (hf-spec §11, §13): every HF iteration draws a fresh training batch (gradient; its first
/// sequences are the curvature batch, which ρ also uses) and a fresh held-out batch of the
/// curvature batch's size (backtracking and line search); the test set is fixed.
// @unchecked Sendable: owned by one engine thread at a time (the session's queue, or a verifier).
public final class RecurrentProblem<S: HFScalar>: HFProblem, @unchecked Sendable {
  public let spec: RecurrentSpec
  public let model: RecurrentModel<S>
  /// Draws every iteration's batches. Read it after an iteration to checkpoint; assign a saved
  /// state to resume, and the next `beginIteration` draws what the original run drew.
  public var dataGenerator: SeededGenerator { didSet { drawnIteration = nil } }
  /// This iteration's gradient batch (its first `curvatureSequences` are the curvature batch).
  public private(set) var trainingBatch: SequenceBatch<S>
  /// This iteration's held-out batch for backtracking and the line search.
  public private(set) var heldOutBatch: SequenceBatch<S>
  /// The fixed test set.
  public let testBatch: SequenceBatch<S>
  /// Sequences in the gradient batch and in the curvature (and held-out) batch.
  public private(set) var gradientSequences = 0
  public private(set) var curvatureSequences = 0
  private var drawnIteration: Int? = nil

  /// A problem whose test set and batches derive from `seed` (test: stream 3, batches: stream 2),
  /// running `shards` shards.
  public init(spec: RecurrentSpec, seed: UInt64, shards: Int = 1) {
    precondition(spec.validationError == nil, spec.validationError ?? "")
    self.spec = spec
    let arch = spec.architecture, T = spec.sequenceLength
    let steps = spec.task.maxSteps(T)
    model = RecurrentModel(architecture: arch, maxSteps: steps, shards: shards)
    dataGenerator = SeededGenerator(seed: seed, stream: 2)
    trainingBatch = SequenceBatch(capacity: 1, maxSteps: steps, inputWidth: arch.inputs, outputWidth: arch.outputs)
    heldOutBatch = SequenceBatch(capacity: 1, maxSteps: steps, inputWidth: arch.inputs, outputWidth: arch.outputs)
    testBatch = SequenceBatch(capacity: spec.testSequences, maxSteps: steps, inputWidth: arch.inputs, outputWidth: arch.outputs)
    var testRng = SeededGenerator(seed: seed, stream: 3)
    spec.task.generate(into: testBatch, count: spec.testSequences, length: T, rng: &testRng)
  }

  public var parameterCount: Int { model.parameterCount }
  public var interruption: Interruption?
  public var groupNames: [String] { RecurrentLayout.groupNames }
  /// The curvature product adds μλ·J_tᵀD''J_t v.
  public var hasStructuralDamping: Bool { true }
  /// Backtracking and the line search use the held-out batch.
  public var evaluatesOnGradientData: Bool { false }
  /// The test zero-one error below which a run counts as SUCCESS (0.001).
  public var successThreshold: Double { spec.task.successThreshold }
  /// Whether the report's test zero-one error is below `successThreshold`.
  public func isSuccess(_ report: IterationReport) -> Bool { (report.testError ?? .infinity) < successThreshold }
  /// Mean ‖∂L_b/∂hₜ‖ per step over the last gradient batch (see `RecurrentModel.hiddenGradientProfile`).
  public var hiddenGradientProfile: [Double] { model.hiddenGradientProfile }
  /// The same profile for the HF loop's iteration reports.
  public var timeStepGradientNorms: [Double]? { model.hiddenGradientProfile }

  /// Draws this iteration's batches (sizes from `config.gradientBatchSize`, default 1000, and
  /// `config.curvatureBatchSize`, default all of it); calling it again for the same iteration
  /// keeps the data, so an interrupted iteration restarts on the same batches.
  public func beginIteration(_ iteration: Int, config: HFConfig) {
    if drawnIteration == iteration { return }
    let g = Swift.max(1, config.gradientBatchSize ?? 1000)
    let c = Swift.min(g, Swift.max(1, config.curvatureBatchSize ?? g))
    let arch = spec.architecture, steps = model.maxSteps
    if trainingBatch.capacity != g {
      trainingBatch = SequenceBatch(capacity: g, maxSteps: steps, inputWidth: arch.inputs, outputWidth: arch.outputs)
    }
    if heldOutBatch.capacity != c {
      heldOutBatch = SequenceBatch(capacity: c, maxSteps: steps, inputWidth: arch.inputs, outputWidth: arch.outputs)
    }
    spec.task.generate(into: trainingBatch, count: g, length: spec.sequenceLength, rng: &dataGenerator)
    spec.task.generate(into: heldOutBatch, count: c, length: spec.sequenceLength, rng: &dataGenerator)
    gradientSequences = g
    curvatureSequences = c
    drawnIteration = iteration
  }

  /// The mean gradient over the trained outputs of the gradient batch. Per-case squared gradients
  /// are not available under weight sharing ([S-code] rnn.py), so `squares` is set to zero.
  public func gradient(theta: Buffer<S>, into gradient: Buffer<S>, squares: Buffer<S>?) -> EvaluationSums {
    squares?.zero()
    return model.gradient(theta: theta, batch: trainingBatch, rows: 0..<gradientSequences, into: gradient, stop: interruption)
  }

  /// Loss and zero-one error on the held-out batch (backtracking and line search).
  public func evaluate(theta: Buffer<S>) -> EvaluationSums {
    model.evaluate(theta: theta, batch: heldOutBatch, rows: 0..<curvatureSequences, stop: interruption)
  }

  /// Caches the curvature batch; only the Gauss-Newton matrix exists for recurrent nets, so `type` is ignored.
  public func prepareCurvature(theta: Buffer<S>, type: CurvatureType) -> EvaluationSums {
    model.prepareCurvature(theta: theta, batch: trainingBatch, rows: 0..<curvatureSequences)
  }

  /// Loss and zero-one error on the curvature batch (for ρ).
  public func evaluateCurvatureBatch(theta: Buffer<S>) -> EvaluationSums {
    model.evaluate(theta: theta, batch: trainingBatch, rows: 0..<curvatureSequences, stop: interruption)
  }

  /// out ← (G v + μλ·J_tᵀD''J_t v)/(trained outputs) on the curvature batch; `structuralDamping` is μλ.
  public func curvatureProduct(
    theta: Buffer<S>, v: UnsafePointer<S>, into out: UnsafeMutablePointer<S>, type: CurvatureType,
    structuralDamping: Double
  ) {
    model.curvatureProduct(theta: theta, v: v, into: out, structuralDamping: structuralDamping)
  }

  /// Loss and zero-one error on the fixed test set.
  public func evaluateTest(theta: Buffer<S>) -> EvaluationSums? {
    model.evaluate(theta: theta, batch: testBatch, rows: 0..<testBatch.count)
  }

  /// Norms of the input, recurrent, output and initial-state parts.
  public func groupNorms(_ vector: UnsafePointer<S>) -> [Double] { model.groupNorms(vector) }

  /// In gradients over this iteration's gradient batch: a forward pass costs ⅓, a Gauss-Newton
  /// product 4/3 per sequence (R-forward and backward, two GEMMs each per matrix).
  public var passCosts: PassCosts {
    let g = Double(Swift.max(gradientSequences, 1)), c = Double(curvatureSequences) / g
    return PassCosts(gradient: 1, evaluation: c / 3, curvatureProduct: c * 4 / 3, curvatureSetup: c / 3, curvatureEvaluation: c / 3)
  }
}
