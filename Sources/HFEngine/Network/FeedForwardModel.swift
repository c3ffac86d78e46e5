import CBLAS
import Dispatch

/// A feed-forward network's objective, gradient and curvature products, with every batch
/// split into one contiguous shard per core (single-threaded BLAS inside each shard) and the
/// shards' partial sums reduced in a fixed order, so results are deterministic.
public final class FeedForwardModel<S: HFScalar>: @unchecked Sendable {
  public let architecture: NetworkArchitecture
  public let layout: ParameterLayout
  /// Number of shards (worker cores) per pass.
  public let shardCount: Int
  private var shards: [FeedForwardShard<S>]
  private var curvatureRows = 0

  /// A model running `shards` shards whose streaming workspaces hold `blockRows` cases each.
  public init(architecture: NetworkArchitecture, shards: Int = 1, blockRows: Int = 1024) {
    self.architecture = architecture
    layout = architecture.layout
    shardCount = Swift.max(1, shards)
    openblas_set_num_threads(1)
    let rows = Swift.max(1, blockRows)
    self.shards = (0..<Swift.max(1, shards)).map { _ in FeedForwardShard(arch: architecture, blockRows: rows) }
  }

  public var parameterCount: Int { layout.count }

  /// The cases `rows` split into one contiguous part per shard.
  private func split(_ rows: Range<Int>) -> [Range<Int>] {
    let n = rows.count, k = shardCount
    return (0..<k).map { s in
      let a = rows.lowerBound + n * s / k, b = rows.lowerBound + n * (s + 1) / k
      return a..<b
    }
  }

  private func parallel(_ body: @Sendable (Int) -> Void) {
    if shardCount == 1 { body(0) } else { DispatchQueue.concurrentPerform(iterations: shardCount, execute: body) }
  }

  /// Loss and error sums of the cases `rows` (forward passes only).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func evaluate(theta: Buffer<S>, data: DataMatrix<S>, rows: Range<Int>) -> EvaluationSums {
    let parts = split(rows)
    let out = ShardSlots(count: shardCount, initial: EvaluationSums())
    do {
      parallel { s in
        let shard = shards[s]
        var total = EvaluationSums()
        var r = parts[s].lowerBound
        while r < parts[s].upperBound {
          let m = Swift.min(shard.blockRows, parts[s].upperBound - r)
          total = total + shard.forward(
            theta: theta.pointer, input: data.inputRow(r), targets: data.targetRow(r), rows: m, into: shard.acts)
          r += m
        }
        out[s] = total
      }
    }
    return out.all.reduce(EvaluationSums(), +)
  }

  /// The mean gradient of the loss over `rows` (no weight cost) into `gradient`, and the mean of
  /// per-case squared gradients into `squares` when given (for the diagonal preconditioner).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func gradient(
    theta: Buffer<S>, data: DataMatrix<S>, rows: Range<Int>, into gradient: Buffer<S>, squares: Buffer<S>? = nil
  ) -> EvaluationSums {
    let parts = split(rows)
    let out = ShardSlots(count: shardCount, initial: EvaluationSums())
    let wantSquares = squares != nil
    do {
      parallel { s in
        let shard = shards[s]
        shard.accum.zero()
        if wantSquares { shard.accum2.zero() }
        var total = EvaluationSums()
        var r = parts[s].lowerBound
        while r < parts[s].upperBound {
          let m = Swift.min(shard.blockRows, parts[s].upperBound - r)
          let x = data.inputRow(r), t = data.targetRow(r)
          total = total + shard.forward(theta: theta.pointer, input: x, targets: t, rows: m, into: shard.acts)
          shard.backward(
            theta: theta.pointer, input: x, targets: t, rows: m, acts: shard.acts, squares: wantSquares, deltas: nil)
          r += m
        }
        out[s] = total
      }
    }
    let scale = S(1) / S(Swift.max(rows.count, 1))
    VectorMath.sum(shards.map(\.accum), into: gradient.pointer, count: layout.count, scale: scale)
    if let squares { VectorMath.sum(shards.map(\.accum2), into: squares.pointer, count: layout.count, scale: scale) }
    return out.all.reduce(EvaluationSums(), +)
  }

  /// Fixes the curvature batch `rows` at `theta`: caches activations (and δ's for Hessian or
  /// Fisher products) for every later `curvatureProduct` until the next call.
  @discardableResult
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func prepareCurvature(
    theta: Buffer<S>, data: DataMatrix<S>, rows: Range<Int>, type: CurvatureType
  ) -> EvaluationSums {
    let parts = split(rows)
    let need = parts.map(\.count).max() ?? 0
    if need > shards[0].blockRows {
      shards = (0..<shardCount).map { _ in FeedForwardShard(arch: architecture, blockRows: need) }
    }
    curvatureRows = rows.count
    let out = ShardSlots(count: shardCount, initial: EvaluationSums())
    do {
      parallel { s in
        out[s] = shards[s].prepareCurvature(
          theta: theta.pointer, input: data.inputRow(parts[s].lowerBound), targets: data.targetRow(parts[s].lowerBound),
          rows: parts[s].count, type: type)
      }
    }
    return out.all.reduce(EvaluationSums(), +)
  }

  /// out ← C·v / m on the prepared curvature batch (C = G, H or F; no damping, no weight cost).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func curvatureProduct(
    theta: Buffer<S>, v: UnsafePointer<S>, into out: UnsafeMutablePointer<S>, type: CurvatureType
  ) {
    let vp = SharedPointer(v)
    parallel { s in
      let shard = shards[s]
      switch type {
      case .gaussNewton: shard.gaussNewtonProduct(theta: theta.pointer, v: vp.raw)
      case .hessian: shard.hessianProduct(theta: theta.pointer, v: vp.raw)
      case .fisher: shard.fisherProduct(v: vp.raw)
      }
    }
    VectorMath.sum(
      shards.map(\.accum), into: out, count: layout.count, scale: S(1) / S(Swift.max(curvatureRows, 1)))
  }

  /// The output layer's pre-activations z (rows × outputs), before the output non-linearity;
  /// single-threaded, for diagnostics.
  public func preActivations(theta: Buffer<S>, data: DataMatrix<S>, rows: Range<Int>) -> [S] {
    let shard = FeedForwardShard<S>(arch: architecture, blockRows: Swift.max(1, rows.count))
    _ = shard.forward(
      theta: theta.pointer, input: data.inputRow(rows.lowerBound), targets: data.targetRow(rows.lowerBound),
      rows: rows.count, into: shard.acts, stopBeforeOutput: true)
    return Array(UnsafeBufferPointer(start: shard.acts[layout.layers.count].pointer, count: rows.count * architecture.outputWidth))
  }

  /// u ← H_L·u for each row, given the outputs ŷ = g(z) of those rows (matching-loss curvature).
  public func applyLossCurvature(_ u: inout [S], outputs: [S], rows: Int) {
    let width = architecture.outputWidth
    u.withUnsafeMutableBufferPointer { up in
      outputs.withUnsafeBufferPointer { yp in
        architecture.output.applyLossCurvature(up.baseAddress!, outputs: yp.baseAddress!, rows: rows, width: width)
      }
    }
  }

  /// Per-layer Euclidean norms of the weight part of a parameter-sized vector.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func layerNorms(_ vector: UnsafePointer<S>) -> [Double] {
    layout.layers.map { VectorMath.norm(vector + $0.weightOffset, $0.weightCount) }
  }
}
