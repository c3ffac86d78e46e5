import Foundation

/// Everything needed to start (or re-execute) a run: preset, data, seed and settings.
public struct RunSpec: Sendable, Equatable {
  public var preset: Preset
  /// The data source (the preset's default when nil).
  public var data: DataSource?
  /// The CSV label column, when the data is CSV and the preset classifies.
  public var csvLabel: CSVLabel?
  public var seed: UInt64
  public var config: HFConfig
  public var initializer: ParameterInitializer
  /// Settings of the first-order and quasi-Newton racers (defaults by the preset's data kind).
  public var racers: RacerSettings

  public init(preset: Preset, data: DataSource? = nil, seed: UInt64 = 1, config: HFConfig? = nil) {
    self.preset = preset
    racers = RacerSettings(for: preset.kind)
    self.data = data
    self.seed = seed
    self.config = config ?? preset.config
    initializer = .martensSparse
    csvLabel = nil
  }
}

/// A loaded run: data in memory (shuffled once, deterministically from the seed) or a generated
/// sequence task, the model, and an optimizer at its initial parameters.
// @unchecked Sendable: handed to one engine thread (the session's queue); others reach it only at its safe points.
public final class TrainingSetup: @unchecked Sendable {
  public let spec: RunSpec
  /// The data as loaded, in its original row order (nil for recurrent presets, which generate
  /// fresh sequences every iteration). Rebuilt from the engine's copy on each access so that a run
  /// holds its data once: read it once, not per frame.
  public var split: DataSplit? { trainData.map { DataSplit(train: $0.dataset, test: testData?.dataset) } }
  /// The feed-forward network (nil for recurrent presets).
  public let architecture: NetworkArchitecture?
  /// The problem the optimizer works on (`FeedForwardProblem` or `RecurrentProblem`).
  public let problem: any HFProblem<Float>
  /// The same problem when it is recurrent (task, batches, success test, ‖∂E/∂hₜ‖ profile).
  public let recurrentProblem: RecurrentProblem<Float>?
  public let optimizer: HFOptimizer<Float>
  /// θ before any training (every optimizer `makeOptimizer` builds starts here).
  public let initialTheta: [Float]
  /// Training and test case counts (recurrent: sequences per gradient batch and in the test set).
  public let trainCases: Int
  public let testCases: Int?
  /// A one-line description of the model ("784-400-…-784 linear/logistic, logistic+CE").
  public let modelSummary: String
  /// What the reported error measures.
  public let errorName: String
  /// Where the data comes from ("generated curves seed 1", "addition, T = 30 (lengths 31–33)").
  public let dataDescription: String
  /// Names of the groups in `IterationReport.layerGradientNorms` (W1, W2, … or input, recurrent, …).
  public var groupNames: [String] { problem.groupNames }
  /// The test error below which the run has succeeded (recurrent tasks: 0.001; nil otherwise).
  public var successThreshold: Double? { recurrentProblem?.successThreshold }
  /// Whether `report` meets the success criterion (never for presets without one).
  public func isSuccess(_ report: IterationReport) -> Bool { recurrentProblem?.isSuccess(report) ?? false }
  /// The random generator after data shuffling and initialization (checkpointed with the state).
  public private(set) var rng: SeededGenerator
  private let trainData: LoadedData?
  private let testData: LoadedData?

  /// Load-time warnings, one sentence each (data whose squares overflow single precision).
  public let warnings: [String]
  /// The memory the run was checked against (racers built later are checked against it too).
  public let memory: MemoryBudget

  /// MPI ranks the run spans (1 in one process).
  public var ranks: Int { collective?.size ?? 1 }
  /// The ranks' collective in a distributed run (nil in one process).
  public let collective: (any Collective)?

  /// Loads the data and builds the run; errors are one sentence for the command line. Every
  /// setting is checked against its range (`ValidRanges.swift`) and the memory the run needs
  /// against `memory` before anything is allocated. With a `collective` of several ranks, every
  /// rank loads the same data and computes its part of every batch (`DistributedProblem`);
  /// rank 0's optimizer leads the others (`StepCoordinator`).
  public convenience init(_ spec: RunSpec, collective: (any Collective)? = nil, memory: MemoryBudget = .machine) throws(DataError) {
    try spec.config.validate()
    try spec.initializer.validate()
    let distributed = collective.flatMap { $0.size > 1 ? $0 : nil }
    if let recurrent = spec.preset.recurrent {
      if distributed != nil {
        throw DataError("--distributed runs the feed-forward presets only; the \(spec.preset.name) preset is recurrent.")
      }
      try self.init(recurrent: recurrent, spec: spec, memory: memory)
    } else {
      try self.init(feedForward: spec, collective: distributed, memory: memory)
    }
  }

  /// A feed-forward run on loaded data.
  private init(feedForward spec: RunSpec, collective: (any Collective)?, memory: MemoryBudget) throws(DataError) {
    guard let source = spec.data ?? spec.preset.defaultData else {
      throw DataError("The \(spec.preset.name) preset needs data: pass --data mnist:DIR (the four MNIST IDX files) or --data csv:FILE.")
    }
    guard var arch = spec.preset.architecture else { throw DataError("The \(spec.preset.name) preset has no network.") }
    let split = try source.load(kind: spec.preset.kind, label: spec.csvLabel, seed: spec.seed, memory: memory)
    if split.train.inputWidth != arch.inputWidth {
      // CSV data may have any width: an autoencoder preset adapts its outer layers to it.
      guard case .csv = source else {
        throw DataError("The data has \(split.train.inputWidth) inputs per case but the \(spec.preset.name) preset expects \(arch.inputWidth).")
      }
      var sizes = arch.layerSizes
      sizes[0] = split.train.inputWidth
      if spec.preset.kind == .autoencoder { sizes[sizes.count - 1] = split.train.targetWidth }
      arch = NetworkArchitecture(layerSizes: sizes, hiddenActivations: arch.hiddenActivations, output: arch.output)
    }
    if let problem = arch.validationError { throw DataError("The data does not fit a network: " + problem) }
    if split.train.targetWidth != arch.outputWidth {
      throw DataError("The data has \(split.train.targetWidth) targets per case but the \(spec.preset.name) network has \(arch.outputWidth) outputs.")
    }
    guard split.train.count >= 1 else { throw DataError("The training data has no cases.") }
    if let bad = Self.firstNonFinite(split.train) {
      throw DataError("The training data holds a non-finite value (\(bad)); hfdash needs finite numbers.")
    }
    let shared = spec.preset.kind == .autoencoder && split.train.inputWidth == split.train.targetWidth
    try memory.check(
      RunMemory.feedForward(
        arch, trainCases: split.train.count, testCases: split.test?.count ?? 0, targetsShared: shared, config: spec.config),
      for: "The \(spec.preset.name) run (\(arch.checkedParameterCount.map(String.init) ?? "too many") parameters, \(split.train.count) training cases)")
    var rng = SeededGenerator(seed: spec.seed, stream: 1)
    // Martens: "the training data must be randomly permuted once beforehand".
    var order = Array(0..<split.train.count)
    order.shuffle(using: &rng)
    let train = DataMatrix<Float>(split.train, order: order)
    let test = split.test.map { DataMatrix<Float>($0) }
    let theta: [Float] = spec.initializer.initialize(arch.layout, rng: &rng)
    var config = spec.config
    if config.threads < 1 { config.threads = 1 }
    let model = FeedForwardModel<Float>(
      architecture: arch, shards: config.threads, blockRows: FeedForwardModel<Float>.defaultBlockRows)
    self.spec = spec
    trainData = LoadedData(matrix: train, order: order, labels: split.train.labels, source: split.train.source)
    testData = zip(test, split.test).map { LoadedData(matrix: $0, order: nil, labels: $1.labels, source: $1.source) }
    architecture = arch
    if let collective {
      let part = RankPart(rank: collective.rank, size: collective.size)
      let local = FeedForwardProblem(model: model, train: train, test: test, part: part)
      problem = DistributedProblem(local: local, collective: collective)
    } else {
      problem = FeedForwardProblem(model: model, train: train, test: test)
    }
    self.collective = collective
    recurrentProblem = nil
    trainCases = train.count
    testCases = test?.count
    modelSummary = arch.summary
    errorName = arch.output.errorName
    dataDescription = split.train.source
    warnings = [split.train.overflowWarning(name: "The training data"), split.test?.overflowWarning(name: "The test data")]
      .compactMap { $0 }
    self.memory = memory
    optimizer = HFOptimizer(problem: problem, config: config, initialTheta: theta)
    initialTheta = theta
    if let collective, collective.rank == 0 { optimizer.coordinator = StepCoordinator(collective: collective) }
    self.rng = rng
  }

  /// A recurrent run: the task's test set and batches from the seed, Sutskever's initialization.
  private init(recurrent: RecurrentSpec, spec: RunSpec, memory: MemoryBudget) throws(DataError) {
    if let problem = recurrent.validationError { throw DataError("Impossible setting: " + problem) }
    if spec.data != nil {
      throw DataError("The \(spec.preset.name) preset generates its own sequences; --data does not apply to it.")
    }
    if spec.csvLabel != nil { throw DataError("--label only applies to csv data, not to the \(spec.preset.name) task.") }
    if let refusal = ProblemCapabilities.recurrent.refusal(spec.config) { throw DataError(refusal) }
    try memory.check(
      RunMemory.recurrent(recurrent, config: spec.config),
      for: "The \(recurrent.task.rawValue) run at T = \(recurrent.sequenceLength) with \(recurrent.hiddenUnits) hidden units")
    var config = spec.config
    if config.threads < 1 { config.threads = 1 }
    var rng = SeededGenerator(seed: spec.seed, stream: 1)
    let arch = recurrent.architecture
    let theta: [Float] = arch.initialize(rng: &rng)
    let problem = RecurrentProblem<Float>(spec: recurrent, seed: spec.seed, shards: config.threads)
    self.spec = spec
    trainData = nil
    testData = nil
    architecture = nil
    self.problem = problem
    collective = nil
    recurrentProblem = problem
    trainCases = Swift.max(1, config.gradientBatchSize ?? 1000)
    testCases = recurrent.testSequences
    modelSummary = arch.summary
    errorName = recurrent.task.errorName
    dataDescription = recurrent.dataDescription + ", fresh batches every iteration, seed \(spec.seed)"
    warnings = []
    self.memory = memory
    optimizer = HFOptimizer(problem: problem, config: config, initialTheta: theta)
    initialTheta = theta
    self.rng = rng
  }

  /// How θ splits into named tensors (W1, b1, …) for checkpoints; nil means one flat vector.
  public var parameterLayout: ParameterLayout? { architecture?.layout }

  /// Problem state beyond θ, λ and the warm start that a checkpoint must keep to continue exactly
  /// (a recurrent problem's batch generator).
  public var extraState: [String: [UInt64]] {
    guard let recurrentProblem else { return [:] }
    return ["data_generator": recurrentProblem.dataGenerator.rawState]
  }

  /// Restores the random generator and extra state saved in a checkpoint.
  public func restore(rng: SeededGenerator, extraState: [String: [UInt64]]) {
    self.rng = rng
    if let recurrentProblem, let state = extraState["data_generator"], state.count == 4 {
      recurrentProblem.dataGenerator = SeededGenerator(rawState: state)
    }
  }

  private static func firstNonFinite(_ d: Dataset) -> Float? {
    if let v = d.inputs.first(where: { !$0.isFinite }) { return v }
    return d.targets.first { !$0.isFinite }
  }
}

/// The engine's copy of a data set plus what it takes to give the `Dataset` back.
// @unchecked Sendable: holds read-only matrices (DataMatrix) built once.
private struct LoadedData: @unchecked Sendable {
  let matrix: DataMatrix<Float>
  /// Row r of the matrix is row order[r] of the data as loaded.
  let order: [Int]?
  let labels: [Int]?
  let source: String

  /// The data set as loaded (original row order; targets share the inputs' storage for autoencoders).
  var dataset: Dataset {
    let n = matrix.count, wi = matrix.inputWidth, wt = matrix.targetWidth
    func unshuffled(_ buffer: Buffer<Float>, width: Int) -> [Float] {
      var values = [Float](repeating: 0, count: n * width)
      values.withUnsafeMutableBufferPointer { dst in
        for r in 0..<n { (dst.baseAddress! + (order?[r] ?? r) * width).update(from: buffer.pointer + r * width, count: width) }
      }
      return values
    }
    let inputs = unshuffled(matrix.inputs, width: wi)
    let targets = matrix.targetsAreInputs ? inputs : unshuffled(matrix.targets, width: wt)
    return Dataset(inputs: inputs, targets: targets, labels: labels, count: n, inputWidth: wi, targetWidth: wt, source: source)
  }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
  guard let a, let b else { return nil }
  return (a, b)
}
