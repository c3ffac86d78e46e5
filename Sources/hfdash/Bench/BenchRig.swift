import Foundation
import HFEngine

/// The data, model and optimizer one suite measures: the preset's own run (`TrainingSetup`) on its
/// default data or `--data`, or random inputs of the preset's shape when there is no data to load.
final class BenchRig {
  let architecture: NetworkArchitecture
  let train: DataMatrix<Float>
  let test: DataMatrix<Float>?
  let problem: FeedForwardProblem<Float>
  let optimizer: HFOptimizer<Float>
  /// What the data is ("generated curves seed 1", "random 2000 × 784").
  let dataLabel: String
  /// Whether targets are the inputs (autoencoders).
  let targetsAreInputs: Bool
  /// Keeps the preset's run alive (its data is part of what the memory figure measures).
  private let setup: TrainingSetup?

  init(preset: Preset, data: DataSource?, randomCases: (train: Int, test: Int)?, config: HFConfig, seed: UInt64)
    throws(DataError)
  {
    targetsAreInputs = preset.kind == .autoencoder
    guard let presetArchitecture = preset.architecture else {
      throw DataError("hfdash bench measures the feed-forward presets; \(preset.name) is recurrent.")
    }
    if let randomCases {
      let arch = presetArchitecture
      var rng = SeededGenerator(seed: seed, stream: 7)
      let trainSet = Self.randomDataset(arch, cases: randomCases.train, kind: preset.kind, rng: &rng)
      let testSet = randomCases.test > 0 ? Self.randomDataset(arch, cases: randomCases.test, kind: preset.kind, rng: &rng) : nil
      train = DataMatrix(trainSet)
      test = testSet.map { DataMatrix($0) }
      let model = FeedForwardModel<Float>(
        architecture: arch, shards: Swift.max(1, config.threads), blockRows: FeedForwardModel<Float>.defaultBlockRows)
      problem = FeedForwardProblem(model: model, train: train, test: test)
      let theta: [Float] = ParameterInitializer.martensSparse.initialize(arch.layout, rng: &rng)
      optimizer = HFOptimizer(problem: problem, config: config, initialTheta: theta)
      architecture = arch
      dataLabel = "random \(randomCases.train) train + \(randomCases.test) test × \(arch.inputWidth)"
      setup = nil
    } else {
      let run = try TrainingSetup(RunSpec(preset: preset, data: data, seed: seed, config: config))
      guard let ff = run.problem as? FeedForwardProblem<Float> else {
        throw DataError("The \(preset.name) preset is not a feed-forward network.")
      }
      setup = run
      problem = ff
      optimizer = run.optimizer
      train = ff.train
      test = ff.test
      architecture = ff.model.architecture
      dataLabel = "\(data?.description ?? "generated"): \(run.trainCases) train" + (run.testCases.map { " + \($0) test" } ?? "")
    }
  }

  /// Random cases of the architecture's shape: inputs uniform in [0, 1); targets the inputs
  /// (autoencoders) or one-hot classes.
  static func randomDataset(_ arch: NetworkArchitecture, cases: Int, kind: DataKind, rng: inout SeededGenerator) -> Dataset {
    let inputs = (0..<(cases * arch.inputWidth)).map { _ in rng.nextFloat01() }
    var targets = inputs
    if kind != .autoencoder {
      targets = [Float](repeating: 0, count: cases * arch.outputWidth)
      for c in 0..<cases { targets[c * arch.outputWidth + rng.nextInt(below: arch.outputWidth)] = 1 }
    }
    return Dataset(
      inputs: inputs, targets: targets, count: cases, inputWidth: arch.inputWidth, targetWidth: arch.outputWidth,
      source: "random")
  }
}
