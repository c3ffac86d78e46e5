import HFEngine

/// Everything needed to continue a run exactly from the end of an iteration: HF's state, and in a
/// race every rival's (`racers`); for a single run of another optimizer that optimizer's state is
/// the one entry of `racers` and `iteration`, `dataPasses` and `tensors` are its own.
public struct Checkpoint: Sendable, Equatable {
  /// Completed iterations of the run's leading optimizer (HF, or the single run's optimizer).
  public var iteration: Int
  /// The damping λ for the next iteration.
  public var lambda: Double
  /// Data passes spent so far.
  public var dataPasses: Double
  /// The hyperparameters in force (controls may have changed them since the start).
  public var config: HFConfig
  /// The run's random generator (`SeededGenerator.rawState`).
  public var rngState: [UInt64]
  /// Any other state the problem needs (e.g. a batch generator's words), by name.
  public var extraState: [String: [UInt64]]
  /// The parameters, one tensor per array (W1, b1, W2, … for feed-forward nets), in flat order.
  public var tensors: [NamedTensor]
  /// CG's previous final iterate (the warm start before decay).
  public var warmStart: [Float]
  /// Seconds since the session started, when the checkpoint was taken.
  public var time: Double
  /// The training data's fingerprint (see `DataFingerprint`).
  public var dataFingerprint: String
  /// The optimizer the run steps (HF, also in a race; or the single run's other optimizer).
  public var optimizer: OptimizerKind = .hf
  /// The optimizers other than HF, in race order (empty for HF alone; checkpoints written before
  /// races could be resumed hold none).
  public var racers: [RacerCheckpoint] = []

  public init(
    iteration: Int, lambda: Double, dataPasses: Double, config: HFConfig, rngState: [UInt64],
    extraState: [String: [UInt64]] = [:], tensors: [NamedTensor], warmStart: [Float], time: Double = 0,
    dataFingerprint: String = ""
  ) {
    self.iteration = iteration
    self.lambda = lambda
    self.dataPasses = dataPasses
    self.config = config
    self.rngState = rngState
    self.extraState = extraState
    self.tensors = tensors
    self.warmStart = warmStart
    self.time = time
    self.dataFingerprint = dataFingerprint
  }

  /// Captures an optimizer between iterations; `layout` names the tensors (nil: one flat `theta`).
  public init(
    optimizer: HFOptimizer<Float>, layout: ParameterLayout?, rng: SeededGenerator,
    extraState: [String: [UInt64]] = [:], time: Double = 0, dataFingerprint: String = ""
  ) {
    let theta = optimizer.theta.array
    self.init(
      iteration: optimizer.iteration, lambda: optimizer.lambda, dataPasses: optimizer.dataPasses, config: optimizer.config,
      rngState: rng.rawState, extraState: extraState,
      tensors: layout.map { ParameterTensors.split(theta, layout: $0) } ?? [NamedTensor(name: "theta", shape: [theta.count], values: theta)],
      warmStart: optimizer.warmStart.array, time: time, dataFingerprint: dataFingerprint)
  }

  /// Makes this the checkpoint of a single run of `lead` (not HF): its iteration, data passes and θ
  /// (split along `layout`, as HF's would be) become the checkpoint's, and it is the one racer entry.
  public mutating func adopt(lead: RacerCheckpoint, layout: ParameterLayout?) {
    let theta = lead.state.vectors["theta"] ?? self.theta
    optimizer = lead.kind
    iteration = lead.state.counters.iteration
    dataPasses = lead.state.counters.dataPasses
    if theta.count == self.theta.count {
      tensors = layout.map { ParameterTensors.split(theta, layout: $0) } ?? [NamedTensor(name: "theta", shape: [theta.count], values: theta)]
    }
    racers = [lead]
  }

  /// The flat parameter vector (tensors concatenated in order).
  public var theta: [Float] { tensors.flatMap(\.values) }

  /// The random generator as it was.
  public var rng: SeededGenerator { SeededGenerator(rawState: rngState) }

  /// Puts this state into `optimizer` (parameters, λ, warm start, counters, settings), checking
  /// names and shapes against `layout` when given; the generator (`rng`) and `extraState` are
  /// the caller's to restore.
  public func restore(into optimizer: HFOptimizer<Float>, layout: ParameterLayout?) throws(RecordingError) {
    let n = optimizer.theta.count
    let theta = try layout.map { l throws(RecordingError) in try ParameterTensors.join(tensors, layout: l) } ?? self.theta
    guard theta.count == n, warmStart.count == n else {
      throw RecordingError("The checkpoint holds \(theta.count) parameters but the model has \(n).")
    }
    optimizer.config = config
    optimizer.restore(theta: theta, lambda: lambda, warmStart: warmStart, iteration: iteration, dataPasses: dataPasses)
  }
}

/// A named array of parameters with its NumPy shape.
public struct NamedTensor: Sendable, Equatable {
  public var name: String
  public var shape: [Int]
  public var values: [Float]
  public init(name: String, shape: [Int], values: [Float]) {
    precondition(shape.reduce(1, *) == values.count, "the shape must hold every value")
    self.name = name
    self.shape = shape
    self.values = values
  }
}

/// Feed-forward parameters as NumPy arrays: `W1` (out × in, row-major), `b1` (out), `W2`, ….
public enum ParameterTensors {
  /// Splits a flat parameter vector along `layout`.
  public static func split(_ theta: [Float], layout: ParameterLayout) -> [NamedTensor] {
    precondition(theta.count == layout.count, "θ must match the layout")
    var out: [NamedTensor] = []
    for (k, layer) in layout.layers.enumerated() {
      out.append(
        NamedTensor(
          name: "W\(k + 1)", shape: [layer.outputs, layer.inputs],
          values: Array(theta[layer.weightOffset..<(layer.weightOffset + layer.weightCount)])))
      out.append(
        NamedTensor(name: "b\(k + 1)", shape: [layer.outputs], values: Array(theta[layer.biasOffset..<(layer.biasOffset + layer.outputs)])))
    }
    return out
  }

  /// The flat vector from tensors named and shaped as `split` makes them; an error names the first mismatch.
  public static func join(_ tensors: [NamedTensor], layout: ParameterLayout) throws(RecordingError) -> [Float] {
    let expected = split([Float](repeating: 0, count: layout.count), layout: layout)
    guard tensors.count == expected.count else {
      throw RecordingError("The checkpoint holds \(tensors.count) arrays but the model needs \(expected.count).")
    }
    for (t, e) in zip(tensors, expected) where t.name != e.name || t.shape != e.shape {
      throw RecordingError("The checkpoint's \(t.name) has shape \(t.shape) where the model needs \(e.name) with shape \(e.shape).")
    }
    return tensors.flatMap(\.values)
  }
}
