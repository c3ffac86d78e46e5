import CBLAS
import Dispatch

/// A recurrent network's objective, BPTT gradient and Gauss-Newton products with structural
/// damping, with every batch split into one contiguous range of sequences per shard (core),
/// single-threaded BLAS inside each shard, and partial sums reduced in a fixed order.
// @unchecked Sendable: used by one engine thread; its workers touch only their own shard and slot.
public final class RecurrentModel<S: HFScalar>: @unchecked Sendable {
  public let architecture: RecurrentArchitecture
  public let layout: RecurrentLayout
  /// The longest sequence the workspaces hold.
  public let maxSteps: Int
  /// Number of shards (worker cores) per pass.
  public let shardCount: Int
  private let shards: [RecurrentShard<S>]
  private let accums: [Buffer<S>]
  private var curvatureCount = 0
  /// Mean over the sequences of the last `gradient` call of ‖∂L_b/∂hₜ‖ (L_b: sequence b's loss,
  /// hₜ: its hidden state after step t), one entry per step of that batch.
  public private(set) var hiddenGradientProfile: [Double] = []

  /// Sequences per streaming block when not given (`RunMemory` sizes workspaces with it).
  public static var defaultBlockRows: Int { 256 }

  /// A model running `shards` shards whose streaming workspaces hold `blockRows` sequences each.
  public init(architecture: RecurrentArchitecture, maxSteps: Int, shards: Int = 1, blockRows: Int? = nil) {
    self.architecture = architecture
    layout = architecture.layout
    self.maxSteps = maxSteps
    shardCount = Swift.max(1, shards)
    openblas_set_num_threads(1)
    let list = (0..<Swift.max(1, shards)).map { _ in
      RecurrentShard<S>(arch: architecture, maxSteps: maxSteps, blockRows: Swift.max(1, blockRows ?? Self.defaultBlockRows))
    }
    self.shards = list
    accums = list.map(\.accum)
  }

  /// Length of the flat parameter vector.
  public var parameterCount: Int { layout.count }

  private func split(_ rows: Range<Int>) -> [Range<Int>] {
    let n = rows.count, k = shardCount
    return (0..<k).map { s in (rows.lowerBound + n * s / k)..<(rows.lowerBound + n * (s + 1) / k) }
  }

  private func parallel(_ body: @Sendable (Int) -> Void) {
    if shardCount == 1 { body(0) } else { DispatchQueue.concurrentPerform(iterations: shardCount, execute: body) }
  }

  /// Loss and zero-one error sums of the sequences `rows` (forward passes only). Once `stop` is
  /// requested the pass ends at the next block of sequences, with partial sums to discard.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func evaluate(theta: Buffer<S>, batch: SequenceBatch<S>, rows: Range<Int>, stop: Interruption? = nil) -> EvaluationSums {
    let parts = split(rows)
    let out = ShardSlots(count: shardCount, initial: EvaluationSums())
    parallel { s in out[s] = self.shards[s].evaluate(theta: theta.pointer, batch: batch, rows: parts[s], stop: stop) }
    return out.all.reduce(EvaluationSums(), +)
  }

  /// The loss gradient over `rows`, averaged over their trained outputs (no weight cost), into
  /// `gradient`; updates `hiddenGradientProfile`. A requested `stop` ends the pass early (partial sums).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func gradient(
    theta: Buffer<S>, batch: SequenceBatch<S>, rows: Range<Int>, into gradient: Buffer<S>, stop: Interruption? = nil
  ) -> EvaluationSums {
    let parts = split(rows)
    let out = ShardSlots(count: shardCount, initial: EvaluationSums())
    parallel { s in out[s] = self.shards[s].gradient(theta: theta.pointer, batch: batch, rows: parts[s], stop: stop) }
    let sums = out.all.reduce(EvaluationSums(), +)
    VectorMath.sum(accums, into: gradient.pointer, count: layout.count, scale: S(1) / S(Swift.max(sums.count, 1)))
    let steps = rows.isEmpty ? 0 : RecurrentShard<S>.steps(batch, rows.lowerBound, rows.count)
    hiddenGradientProfile = (0..<steps).map { t in shards.reduce(0.0) { $0 + $1.profile[t] } / Double(Swift.max(rows.count, 1)) }
    return sums
  }

  /// Fixes the curvature batch (sequences `rows` of `batch`, which must stay unchanged until the
  /// next call) at θ and caches its forward pass for every later `curvatureProduct`.
  @discardableResult
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func prepareCurvature(theta: Buffer<S>, batch: SequenceBatch<S>, rows: Range<Int>) -> EvaluationSums {
    let parts = split(rows)
    let out = ShardSlots(count: shardCount, initial: EvaluationSums())
    parallel { s in out[s] = self.shards[s].prepareCurvature(theta: theta.pointer, batch: batch, rows: parts[s]) }
    let sums = out.all.reduce(EvaluationSums(), +)
    curvatureCount = sums.count
    return sums
  }

  /// out ← (G v + μλ·J_tᵀD''J_t v) / (trained outputs) on the prepared batch, where
  /// `structuralDamping` is μλ (no Tikhonov term, no weight cost).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func curvatureProduct(theta: Buffer<S>, v: UnsafePointer<S>, into out: UnsafeMutablePointer<S>, structuralDamping: Double) {
    let vp = SharedPointer(v)
    let mu = S(structuralDamping)
    parallel { s in self.shards[s].gaussNewtonProduct(theta: theta.pointer, v: vp.raw, mu: mu) }
    VectorMath.sum(accums, into: out, count: layout.count, scale: S(1) / S(Swift.max(curvatureCount, 1)))
  }

  /// Euclidean norms of the input, recurrent, output and initial-state parts of a parameter-sized vector.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func groupNorms(_ vector: UnsafePointer<S>) -> [Double] {
    layout.groups.map { VectorMath.norm(vector + $0.offset, $0.count) }
  }
}
