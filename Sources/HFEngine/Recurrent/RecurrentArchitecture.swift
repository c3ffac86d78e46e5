/// A tanh recurrent network's shape (Martens & Sutskever 2011; hf-spec §3.5):
/// aₜ = W_vh xₜ + W_hh hₜ₋₁ + b_h, hₜ = tanh(aₜ), zₜ = W_ho hₜ + b_o, ŷₜ = g(zₜ), with a learned h₋₁ = h₀.
public struct RecurrentArchitecture: Codable, Sendable, Equatable {
  public var inputs: Int
  public var hidden: Int
  public var outputs: Int
  /// The output non-linearity and its matching loss.
  public var output: OutputLoss
  /// A linear output counts as wrong when |ŷ − y| exceeds this (0.04, the LSTM-paper convention).
  public var errorTolerance: Double

  /// A network with V inputs, H tanh hidden units and O outputs.
  public init(inputs: Int, hidden: Int, outputs: Int, output: OutputLoss, errorTolerance: Double = 0.04) {
    precondition(inputs >= 1 && hidden >= 1 && outputs >= 1, "a recurrent network needs at least one unit per layer")
    self.inputs = inputs
    self.hidden = hidden
    self.outputs = outputs
    self.output = output
    self.errorTolerance = errorTolerance
  }

  /// Where each parameter block lives in the flat vector.
  public var layout: RecurrentLayout { RecurrentLayout(inputs: inputs, hidden: hidden, outputs: outputs) }

  /// A short description such as "2-100-1 tanh RNN, linear+SE".
  public var summary: String {
    let out: String
    switch output {
    case .linearSquaredError: out = "linear+SE"
    case .logisticCrossEntropy: out = "logistic+CE"
    case .softmaxCrossEntropy: out = "softmax+CE"
    }
    return "\(inputs)-\(hidden)-\(outputs) tanh RNN, " + out
  }

  /// Sutskever's initialization ([S-code] demo.py): every hidden and output unit gets
  /// min(`connections`, fan-in) nonzero incoming weights from N(0, scale²), scale = 1/√connections;
  /// the input weights are then multiplied by `inputScale` (0.25); h₀ is dense N(0, scale²)
  /// (a 1 × H matrix keeps all its entries under the sparsifier); biases are zero.
  public func initialize<S: HFScalar>(
    rng: inout SeededGenerator, connections: Int = 15, inputScale: Double = 0.25
  ) -> [S] {
    let l = layout
    let scale = 1 / Double(connections).squareRoot()
    var theta = [S](repeating: 0, count: l.count)
    func sparse(offset: Int, rows: Int, columns: Int, factor: Double) {
      let k = Swift.min(connections, columns)
      var order = Array(0..<columns)
      for unit in 0..<rows {
        for j in 0..<k { order.swapAt(j, j + rng.nextInt(below: columns - j)) }
        for j in 0..<k { theta[offset + unit * columns + order[j]] = S(factor * scale * rng.nextGaussian()) }
      }
    }
    sparse(offset: l.inputWeights, rows: hidden, columns: inputs, factor: inputScale)
    sparse(offset: l.recurrentWeights, rows: hidden, columns: hidden, factor: 1)
    sparse(offset: l.outputWeights, rows: outputs, columns: hidden, factor: 1)
    for j in 0..<hidden { theta[l.initialState + j] = S(scale * rng.nextGaussian()) }
    return theta
  }
}

/// The flat parameter vector of a recurrent network: W_vh (H × V), W_hh (H × H), W_ho (O × H),
/// all row-major (outputs × inputs), then b_h (H), b_o (O) and h₀ (H).
public struct RecurrentLayout: Sendable, Equatable {
  public let inputs: Int, hidden: Int, outputs: Int
  /// Offsets of each block.
  public let inputWeights: Int, recurrentWeights: Int, outputWeights: Int
  public let hiddenBias: Int, outputBias: Int, initialState: Int
  /// Length of the vector.
  public let count: Int

  /// The layout of a V-H-O network.
  public init(inputs: Int, hidden: Int, outputs: Int) {
    self.inputs = inputs
    self.hidden = hidden
    self.outputs = outputs
    inputWeights = 0
    recurrentWeights = hidden * inputs
    outputWeights = recurrentWeights + hidden * hidden
    hiddenBias = outputWeights + outputs * hidden
    outputBias = hiddenBias + hidden
    initialState = outputBias + outputs
    count = initialState + hidden
  }

  /// The groups per-group norms report: input (W_vh), recurrent (W_hh), output (W_ho), initial state (h₀).
  public static let groupNames = ["input", "recurrent", "output", "initial state"]

  /// (offset, length) of each group, in `groupNames` order; biases belong to no group.
  public var groups: [(offset: Int, count: Int)] {
    [(inputWeights, hidden * inputs), (recurrentWeights, hidden * hidden), (outputWeights, outputs * hidden),
     (initialState, hidden)]
  }
}
