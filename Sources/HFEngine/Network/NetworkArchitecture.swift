/// A feed-forward network's shape: layer widths, hidden non-linearities and the output/loss pair.
public struct NetworkArchitecture: Codable, Sendable, Equatable {
  /// Widths from the input to the output, e.g. [784, 400, …, 784].
  public var layerSizes: [Int]
  /// One non-linearity per hidden layer (layerSizes.count − 2 entries).
  public var hiddenActivations: [Activation]
  /// The output non-linearity and its matching loss.
  public var output: OutputLoss

  public init(layerSizes: [Int], hiddenActivations: [Activation], output: OutputLoss) {
    precondition(layerSizes.count >= 2, "a network needs an input and an output layer")
    precondition(hiddenActivations.count == layerSizes.count - 2, "one activation per hidden layer")
    self.layerSizes = layerSizes
    self.hiddenActivations = hiddenActivations
    self.output = output
  }

  /// Number of weight layers (W₁ … W_ℓ).
  public var layerCount: Int { layerSizes.count - 1 }
  public var inputWidth: Int { layerSizes[0] }
  public var outputWidth: Int { layerSizes[layerSizes.count - 1] }

  /// A short description such as "784-400-200-6-200-400-784 logistic/linear, logistic+CE".
  public var summary: String {
    let acts = Set(hiddenActivations.map(\.rawValue)).sorted().joined(separator: "/")
    let out: String
    switch output {
    case .linearSquaredError: out = "linear+SE"
    case .logisticCrossEntropy: out = "logistic+CE"
    case .softmaxCrossEntropy: out = "softmax+CE"
    }
    return layerSizes.map(String.init).joined(separator: "-") + " " + acts + ", " + out
  }

  /// The flat parameter layout: per layer W_i (out × in, row-major) then b_i.
  public var layout: ParameterLayout { ParameterLayout(layerSizes: layerSizes) }

  /// The first layer size outside `widthRange` (or a layer count outside `layerCountRange`), in
  /// one sentence fragment; nil when the network can be built.
  public var validationError: String? {
    if !Self.layerCountRange.contains(layerSizes.count) {
      return "a network needs \(RangeText.whole(Self.layerCountRange)) layers (got \(layerSizes.count))."
    }
    if let (k, width) = layerSizes.enumerated().first(where: { !Self.widthRange.contains($0.element) }) {
      return "layer \(k) of the network would have \(width) units; a layer holds \(RangeText.whole(Self.widthRange))."
    }
    return nil
  }

  /// Parameters of the network, nil when the count does not fit in an Int (checked arithmetic,
  /// so it can be asked before `layout` is built).
  public var checkedParameterCount: Int? {
    var total = 0
    for k in 0..<(layerSizes.count - 1) {
      guard let weights = Checked.product(layerSizes[k], layerSizes[k + 1]),
        let layer = Checked.sum(weights, layerSizes[k + 1]), let next = Checked.sum(total, layer)
      else { return nil }
      total = next
    }
    return total
  }
}

/// Where each layer's weights and biases live in the flat parameter vector.
public struct ParameterLayout: Sendable, Equatable {
  /// One entry per weight layer.
  public struct Layer: Sendable, Equatable {
    public let inputs: Int
    public let outputs: Int
    /// Offset of W (outputs × inputs, row-major).
    public let weightOffset: Int
    /// Offset of b (outputs).
    public let biasOffset: Int
    public var weightCount: Int { inputs * outputs }
    /// The range of W and b together.
    public var range: Range<Int> { weightOffset..<(biasOffset + outputs) }
  }

  public let layers: [Layer]
  public let count: Int

  public init(layerSizes: [Int]) {
    var layers: [Layer] = []
    var offset = 0
    for i in 0..<(layerSizes.count - 1) {
      let (nin, nout) = (layerSizes[i], layerSizes[i + 1])
      layers.append(Layer(inputs: nin, outputs: nout, weightOffset: offset, biasOffset: offset + nin * nout))
      offset += nin * nout + nout
    }
    self.layers = layers
    count = offset
  }
}
