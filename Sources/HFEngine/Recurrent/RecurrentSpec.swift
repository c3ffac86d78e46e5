/// A recurrent experiment: the task, its length setting T, the network width and the test set.
public struct RecurrentSpec: Codable, Sendable, Equatable {
  public var task: SequenceTask
  /// The task's length setting T ([S-code] lengths scale with T/100).
  public var sequenceLength: Int
  /// Tanh hidden units.
  public var hiddenUnits: Int
  /// Sequences in the fixed test set (generated once from the seed).
  public var testSequences: Int

  /// An experiment; 100 hidden units and 2000 test sequences unless given.
  public init(task: SequenceTask, sequenceLength: Int, hiddenUnits: Int = 100, testSequences: Int = 2000) {
    self.task = task
    self.sequenceLength = sequenceLength
    self.hiddenUnits = hiddenUnits
    self.testSequences = testSequences
  }

  /// The network the task needs.
  public var architecture: RecurrentArchitecture {
    RecurrentArchitecture(inputs: task.inputWidth, hidden: hiddenUnits, outputs: task.outputWidth, output: task.output)
  }

  /// The published RNN settings ([S-code] demo, hf-spec §13/§17): λ₀ = 0.01·num_outputs, μ = 0.03
  /// (applied as μλ), CG ≤ 300, no preconditioner, ρ on the damped model including the structural
  /// term, warm start ×0.95, L2 2e-5, "any decrease" line search (c = 0, ×0.8, ≤ 50 tries); the
  /// given batch sizes (gradient; curvature = the first sequences of the gradient batch; the
  /// held-out backtracking/line-search batch has the curvature batch's size).
  public func defaultConfig(gradientBatch: Int, curvatureBatch: Int) -> HFConfig {
    var c = HFConfig()
    c.initialLambda = 0.01 * Double(task.dampingOutputs(sequenceLength))
    c.structuralDamping = 0.03
    c.cg.maxIterations = 300
    c.preconditioner = false
    c.rhoModel = .damped
    c.warmStartDecay = 0.95
    c.weightCost = 2e-5
    c.armijoC = 0
    c.lineSearchShrink = 0.8
    c.lineSearchMaxTries = 50
    c.gradientBatchSize = gradientBatch
    c.curvatureBatchSize = curvatureBatch
    c.testInterval = 1
    return c
  }

  /// The first setting outside its range (`ValidRanges.swift`), in one sentence (nil when valid).
  public var validationError: String? {
    let lengths = Self.sequenceLengthRange(task)
    if !lengths.contains(sequenceLength) {
      return "the \(task.rawValue) task needs a sequence length between \(lengths.lowerBound) and \(lengths.upperBound) (got \(sequenceLength))."
    }
    if !Self.hiddenUnitsRange.contains(hiddenUnits) {
      return "the hidden layer needs \(RangeText.whole(Self.hiddenUnitsRange)) units (got \(hiddenUnits))."
    }
    if !Self.testSequencesRange.contains(testSequences) {
      return "the test set needs \(RangeText.whole(Self.testSequencesRange)) sequences (got \(testSequences))."
    }
    return nil
  }

  /// "addition, T = 30 (lengths 31–33)".
  public var dataDescription: String {
    let lo: Int, hi = task.maxSteps(sequenceLength)
    switch task {
    case .randomPermutation, .memorization5, .memorization20: lo = sequenceLength
    default: lo = task.targetSteps(sequenceLength).lowerBound + 1
    }
    return "\(task.rawValue), T = \(sequenceLength) (" + (lo == hi ? "length \(lo))" : "lengths \(lo)–\(hi))")
  }
}
