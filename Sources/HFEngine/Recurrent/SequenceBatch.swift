/// A batch of variable-length sequences stored time-major and padded to `maxSteps`: at step t
/// the inputs of all sequences form one `capacity × inputWidth` row-major matrix, so a shard's
/// contiguous rows at one step are one GEMM operand. Steps past a sequence's length are zero
/// with masks 0.
// @unchecked Sendable: filled before a pass, then only read by the shards (each its own rows).
public final class SequenceBatch<S: HFScalar>: @unchecked Sendable {
  /// Sequences the storage holds (the row stride of every step).
  public let capacity: Int
  /// Steps the storage holds.
  public let maxSteps: Int
  public let inputWidth: Int
  public let outputWidth: Int
  /// Sequences in use (0..<count).
  public internal(set) var count = 0
  /// The longest length among the sequences in use.
  public internal(set) var steps = 0
  /// Inputs, `maxSteps × capacity × inputWidth`.
  let inputs: Buffer<S>
  /// Targets, `maxSteps × capacity × outputWidth`.
  let targets: Buffer<S>
  /// 1 where the output at (step, sequence) enters the loss, `maxSteps × capacity`.
  let lossMask: Buffer<S>
  /// 1 where the output at (step, sequence) is scored by the zero-one error.
  let scoreMask: Buffer<S>
  /// Length of each sequence.
  var lengths: [Int]

  /// An empty batch with room for `capacity` sequences of up to `maxSteps` steps.
  public init(capacity: Int, maxSteps: Int, inputWidth: Int, outputWidth: Int) {
    self.capacity = capacity
    self.maxSteps = maxSteps
    self.inputWidth = inputWidth
    self.outputWidth = outputWidth
    inputs = Buffer(count: maxSteps * capacity * inputWidth)
    targets = Buffer(count: maxSteps * capacity * outputWidth)
    lossMask = Buffer(count: maxSteps * capacity)
    scoreMask = Buffer(count: maxSteps * capacity)
    lengths = Array(repeating: 0, count: capacity)
  }

  /// Zeroes everything and sets the number of sequences in use.
  func reset(count n: Int) {
    precondition(n <= capacity)
    inputs.zero()
    targets.zero()
    lossMask.zero()
    scoreMask.zero()
    for r in 0..<capacity { lengths[r] = 0 }
    count = n
    steps = 0
  }

  /// Sets sequence `r`'s length (and updates `steps`).
  func setLength(_ r: Int, _ length: Int) {
    precondition(length <= maxSteps)
    lengths[r] = length
    steps = Swift.max(steps, length)
  }

  /// The input row of (step, sequence).
  @inline(__always) func inputRow(_ t: Int, _ r: Int) -> UnsafeMutablePointer<S> {
    inputs.pointer + (t * capacity + r) * inputWidth
  }
  /// The target row of (step, sequence).
  @inline(__always) func targetRow(_ t: Int, _ r: Int) -> UnsafeMutablePointer<S> {
    targets.pointer + (t * capacity + r) * outputWidth
  }
  /// Marks the output at (step, sequence) as trained on and, when `scored`, scored.
  @inline(__always) func mark(_ t: Int, _ r: Int, scored: Bool = true) {
    lossMask.pointer[t * capacity + r] = 1
    if scored { scoreMask.pointer[t * capacity + r] = 1 }
  }

  /// Removes every sequence.
  public func clear() { reset(count: 0) }

  /// Appends one sequence given per step: its input, its target, whether the output enters the
  /// loss (`trained`) and whether the zero-one error scores it (`scored`, default: `trained`).
  public func append(inputs x: [[S]], targets y: [[S]], trained: [Bool], scored: [Bool]? = nil) {
    let n = x.count
    precondition(count < capacity && n >= 1 && n <= maxSteps, "the batch is full or the sequence does not fit")
    precondition(y.count == n && trained.count == n && (scored?.count ?? n) == n, "one target and mask per step")
    let r = count
    count += 1
    for t in 0..<n {
      precondition(x[t].count == inputWidth && y[t].count == outputWidth, "input or target width mismatch")
      for j in 0..<inputWidth { inputRow(t, r)[j] = x[t][j] }
      for j in 0..<outputWidth { targetRow(t, r)[j] = y[t][j] }
      lossMask.pointer[t * capacity + r] = trained[t] ? 1 : 0
      scoreMask.pointer[t * capacity + r] = (scored?[t] ?? trained[t]) ? 1 : 0
    }
    setLength(r, n)
  }

  /// The length of sequence `r`.
  public func length(of r: Int) -> Int { lengths[r] }
  /// The input vector at (step, sequence).
  public func input(step t: Int, sequence r: Int) -> [S] { Array(UnsafeBufferPointer(start: inputRow(t, r), count: inputWidth)) }
  /// The target vector at (step, sequence).
  public func target(step t: Int, sequence r: Int) -> [S] { Array(UnsafeBufferPointer(start: targetRow(t, r), count: outputWidth)) }
  /// Whether the output at (step, sequence) enters the loss.
  public func isTrained(step t: Int, sequence r: Int) -> Bool { lossMask.pointer[t * capacity + r] != 0 }
  /// Whether the output at (step, sequence) is scored by the zero-one error.
  public func isScored(step t: Int, sequence r: Int) -> Bool { scoreMask.pointer[t * capacity + r] != 0 }
}
