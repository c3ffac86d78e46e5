/// What a preset trains: a feed-forward network on data, or a recurrent network on a generated task.
public enum PresetModel: Sendable, Equatable {
  case feedForward(NetworkArchitecture)
  case recurrent(RecurrentSpec)
}

/// A named experiment: network, default data and the hyperparameters that go with them.
public struct Preset: Sendable, Equatable {
  public let name: String
  /// One line for `--help` and the dashboard header.
  public let summary: String
  public let model: PresetModel
  public let config: HFConfig
  /// The data used when `--data` is not given (nil: the preset needs `--data`, or, for recurrent
  /// presets, generates its own sequences).
  public let defaultData: DataSource?
  public let kind: DataKind
  /// The published run the dashboard draws beside this preset's by default (a name in
  /// `assets/reference`), nil for none.
  public internal(set) var referenceRun: String?

  /// A preset of either kind.
  public init(name: String, summary: String, model: PresetModel, config: HFConfig, defaultData: DataSource?, kind: DataKind) {
    self.name = name
    self.summary = summary
    self.model = model
    self.config = config
    self.defaultData = defaultData
    self.kind = kind
  }

  /// A feed-forward preset.
  public init(name: String, summary: String, architecture: NetworkArchitecture, config: HFConfig, defaultData: DataSource?, kind: DataKind) {
    self.init(name: name, summary: summary, model: .feedForward(architecture), config: config, defaultData: defaultData, kind: kind)
  }

  /// The feed-forward network (nil for recurrent presets).
  public var architecture: NetworkArchitecture? {
    if case .feedForward(let a) = model { return a }
    return nil
  }
  /// The recurrent experiment (nil for feed-forward presets).
  public var recurrent: RecurrentSpec? {
    if case .recurrent(let r) = model { return r }
    return nil
  }

  /// Every preset, the default first.
  public static let all: [Preset] = [curves, mnistAutoencoder, mnistClassifier, tiny] + recurrentPresets
  /// The built-in default: the CURVES deep autoencoder on generated data.
  public static let `default` = curves

  /// Looks a preset up by name.
  public static func named(_ name: String) -> Preset? { all.first { $0.name == name } }

  /// A deep autoencoder: logistic hidden units, a linear code layer, logistic outputs + cross-entropy.
  public static func autoencoder(encoder: [Int]) -> NetworkArchitecture {
    let sizes = encoder + encoder.dropLast().reversed()
    let codeIndex = encoder.count - 2  // hidden layer index of the code layer
    let acts = (0..<(sizes.count - 2)).map { $0 == codeIndex ? Activation.linear : .logistic }
    return NetworkArchitecture(layerSizes: sizes, hiddenActivations: acts, output: .logisticCrossEntropy)
  }

  static let curves: Preset = {
    var c = HFConfig()
    c.chunks = 4
    var p = Preset(
      name: "curves", summary: "deep autoencoder 784-400-200-100-50-25-6 on generated CURVES-like images (Martens 2010)",
      architecture: autoencoder(encoder: [784, 400, 200, 100, 50, 25, 6]), config: c, defaultData: .curvesV3,
      kind: .autoencoder)
    p.referenceRun = "martens-hf-curves"
    return p
  }()

  static let mnistAutoencoder: Preset = {
    var c = HFConfig()
    c.chunks = 8
    return Preset(
      name: "mnist-autoencoder", summary: "deep autoencoder 784-1000-500-250-30 on MNIST (Martens 2010); needs --data mnist:DIR",
      architecture: autoencoder(encoder: [784, 1000, 500, 250, 30]), config: c, defaultData: nil, kind: .autoencoder)
  }()

  static let mnistClassifier: Preset = {
    var c = HFConfig()
    c.chunks = 8
    c.initialLambda = 1
    return Preset(
      name: "mnist-classifier", summary: "784-500-250-10 logistic classifier with softmax output on MNIST; needs --data mnist:DIR",
      architecture: NetworkArchitecture(
        layerSizes: [784, 500, 250, 10], hiddenActivations: [.logistic, .logistic], output: .softmaxCrossEntropy),
      config: c, defaultData: nil, kind: .classifier)
  }()

  static let tiny: Preset = {
    var c = HFConfig()
    c.chunks = 4
    c.initialLambda = 1
    c.cg.maxIterations = 50
    return Preset(
      name: "tiny", summary: "small 64-32-16-4 autoencoder on generated 8×8 images: seconds per run, for tests and demos",
      architecture: autoencoder(encoder: [64, 32, 16, 4]), config: c, defaultData: .tiny, kind: .autoencoder)
  }()
}
