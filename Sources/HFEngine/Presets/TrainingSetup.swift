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

  public init(preset: Preset, data: DataSource? = nil, seed: UInt64 = 1, config: HFConfig? = nil) {
    self.preset = preset
    self.data = data
    self.seed = seed
    self.config = config ?? preset.config
    initializer = .martensSparse
    csvLabel = nil
  }
}

/// A loaded run: data in memory (shuffled once, deterministically from the seed), the model,
/// and an optimizer at its initial parameters.
public final class TrainingSetup: @unchecked Sendable {
  public let spec: RunSpec
  public let split: DataSplit
  public let architecture: NetworkArchitecture
  /// The problem the optimizer works on (a `FeedForwardProblem` for these presets).
  public let problem: any HFProblem<Float>
  public let optimizer: HFOptimizer<Float>
  /// Training and test case counts.
  public let trainCases: Int
  public let testCases: Int?
  /// A one-line description of the model ("784-400-…-784 linear/logistic, logistic+CE").
  public var modelSummary: String { architecture.summary }
  /// What the reported error measures.
  public var errorName: String { architecture.output.errorName }
  /// The random generator after data shuffling and initialization (checkpointed with the state).
  public private(set) var rng: SeededGenerator

  /// Loads the data and builds the run; errors are one sentence for the command line.
  public init(_ spec: RunSpec) throws(DataError) {
    if let problem = spec.config.validationError { throw DataError("Impossible setting: " + problem) }
    guard let source = spec.data ?? spec.preset.defaultData else {
      throw DataError("The \(spec.preset.name) preset needs data: pass --data mnist:DIR (the four MNIST IDX files) or --data csv:FILE.")
    }
    let split = try source.load(kind: spec.preset.kind, label: spec.csvLabel, seed: spec.seed)
    var arch = spec.preset.architecture
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
    if split.train.targetWidth != arch.outputWidth {
      throw DataError("The data has \(split.train.targetWidth) targets per case but the \(spec.preset.name) network has \(arch.outputWidth) outputs.")
    }
    guard split.train.count >= 1 else { throw DataError("The training data has no cases.") }
    if let bad = Self.firstNonFinite(split.train) {
      throw DataError("The training data holds a non-finite value (\(bad)); hfdash needs finite numbers.")
    }
    var rng = SeededGenerator(seed: spec.seed, stream: 1)
    // Martens: "the training data must be randomly permuted once beforehand".
    var order = Array(0..<split.train.count)
    order.shuffle(using: &rng)
    let train = DataMatrix<Float>(split.train, order: order)
    let test = split.test.map { DataMatrix<Float>($0) }
    let theta: [Float] = spec.initializer.initialize(arch.layout, rng: &rng)
    var config = spec.config
    if config.threads < 1 { config.threads = 1 }
    let blockRows = Swift.max(256, (config.curvatureBatchSize ?? (train.count / Swift.max(1, config.chunks))) / config.threads)
    let model = FeedForwardModel<Float>(architecture: arch, shards: config.threads, blockRows: blockRows)
    self.spec = spec
    self.split = split
    architecture = arch
    problem = FeedForwardProblem(model: model, train: train, test: test)
    trainCases = train.count
    testCases = test?.count
    optimizer = HFOptimizer(problem: problem, config: config, initialTheta: theta)
    self.rng = rng
  }

  /// How θ splits into named tensors (W1, b1, …) for checkpoints; nil means one flat vector.
  public var parameterLayout: ParameterLayout? { architecture.layout }

  /// Problem state beyond θ, λ and the warm start that a checkpoint must keep to continue exactly.
  public var extraState: [String: [UInt64]] { [:] }

  /// Restores the random generator and extra state saved in a checkpoint.
  public func restore(rng: SeededGenerator, extraState: [String: [UInt64]]) {
    self.rng = rng
  }

  private static func firstNonFinite(_ d: Dataset) -> Float? {
    if let v = d.inputs.first(where: { !$0.isFinite }) { return v }
    return d.targets.first { !$0.isFinite }
  }
}
