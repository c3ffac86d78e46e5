/// The pathological long-term-dependency problems of Martens & Sutskever (2011), generated as in
/// Sutskever's released `pathological.py` (hf-spec §13). Every length there is given for T = 200 and
/// scales with factor T/100: `f(x) = ⌊x·T/100⌋`.
public enum SequenceTask: String, Codable, Sendable, CaseIterable {
  case addition
  case multiplication
  case xor
  /// 2-bit temporal order (4 classes).
  case temporalOrder2 = "temporal-order"
  /// 3-bit temporal order (8 classes).
  case temporalOrder3 = "temporal-order-3"
  /// Random permutation: predict the next symbol; the last one repeats the first.
  case randomPermutation = "permutation"
  /// Noiseless memorization of 5 binary symbols.
  case memorization5 = "memorization-5"
  /// Noiseless memorization of 10 symbols of 5 values ("20-bit").
  case memorization20 = "memorization-20"

  /// Input channels per step.
  public var inputWidth: Int {
    switch self {
    case .addition, .multiplication, .xor: 2
    case .temporalOrder2, .temporalOrder3: 8
    case .randomPermutation: 100
    case .memorization5, .memorization20: memory.values + 2  // symbols, cue, blank
    }
  }

  /// Output units per step.
  public var outputWidth: Int {
    switch self {
    case .addition, .multiplication, .xor: 1
    case .temporalOrder2: 4
    case .temporalOrder3: 8
    case .randomPermutation: 100
    case .memorization5, .memorization20: memory.values + 1  // symbols, blank
    }
  }

  /// The output non-linearity and loss.
  public var output: OutputLoss {
    switch self {
    case .addition, .multiplication: .linearSquaredError
    case .xor: .logisticCrossEntropy
    default: .softmaxCrossEntropy
    }
  }

  /// (symbols to memorize, values per symbol) of the memorization tasks.
  var memory: (count: Int, values: Int) { self == .memorization5 ? (5, 2) : (10, 5) }

  /// The smallest T the generator's position ranges stay consistent for.
  public var minimumLength: Int {
    switch self {
    case .xor: 20
    case .randomPermutation: 2
    case .memorization5, .memorization20: 2 * memory.count + 2
    default: 10
    }
  }
  /// The largest T accepted (memory grows with T × batch).
  public static let maximumLength = 5000

  /// The longest sequence (in steps) generated at setting T.
  public func maxSteps(_ T: Int) -> Int {
    switch self {
    case .randomPermutation, .memorization5, .memorization20: T
    default: targetSteps(T).upperBound  // the target step is the last one
    }
  }

  /// The step T_seq that carries the target (the sequence has T_seq + 1 steps), drawn uniformly:
  /// [T, f(110)) for addition, multiplication and temporal order, [f(50), f(55)) for XOR.
  func targetSteps(_ T: Int) -> Range<Int> {
    switch self {
    case .xor: Self.nonEmpty(Self.scaled(50, T), Self.scaled(55, T))
    default: Self.nonEmpty(T, Self.scaled(110, T))
    }
  }

  /// lo..<hi, widened to lo..<lo+1 when the scaling made it empty.
  static func nonEmpty(_ lo: Int, _ hi: Int) -> Range<Int> { lo..<Swift.max(hi, lo + 1) }

  /// [S-code]'s `num_outputs`, the scale of its initial damping λ₀ = 0.01·num_outputs (and μλ₀).
  public func dampingOutputs(_ T: Int) -> Int {
    switch self {
    case .addition, .multiplication, .xor: 1
    case .temporalOrder2, .temporalOrder3: 8
    case .randomPermutation: T
    case .memorization5, .memorization20: memory.values * memory.count * T
    }
  }

  /// A run succeeds when the test zero-one error falls below this ([S-code] `losses[1] < 0.001`).
  public var successThreshold: Double { 0.001 }

  /// What the zero-one error counts.
  public var errorName: String {
    switch self {
    case .addition, .multiplication: "zero-one error (|ŷ−y| > 0.04)"
    case .xor: "zero-one error (sign)"
    case .randomPermutation: "zero-one error (last step)"
    case .memorization5, .memorization20: "zero-one error (memory symbols)"
    default: "zero-one error"
    }
  }

  /// One line for `--help` and headers.
  public var summary: String {
    switch self {
    case .addition: "sum of two marked values U[0,1] in a long sequence (linear output)"
    case .multiplication: "product of two marked values U[0,1] in a long sequence (linear output)"
    case .xor: "XOR of two marked bits (logistic output; sequences are T/2 long, as in Sutskever's code)"
    case .temporalOrder2: "order of two special symbols among distractors (4 classes)"
    case .temporalOrder3: "order of three special symbols among distractors (8 classes)"
    case .randomPermutation: "100 symbols; the last target repeats the first symbol (scored at the last step)"
    case .memorization5: "reproduce 5 binary symbols after a delay (all 32 patterns per batch)"
    case .memorization20: "reproduce 10 symbols of 5 values after a delay"
    }
  }

  /// ⌊x·T/100⌋, the [S-code] length scaling `int(x·factor)`.
  static func scaled(_ x: Int, _ T: Int) -> Int { x * T / 100 }
}
