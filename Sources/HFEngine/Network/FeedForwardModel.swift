import CBLAS

/// A feed-forward network's objective, gradient and curvature products, with every batch
/// split into one contiguous shard per core (single-threaded BLAS inside each shard) and the
/// shards' partial sums reduced in a fixed order, so results are deterministic.
// @unchecked Sendable: used by one engine thread; its workers touch only their own shard and slot.
public final class FeedForwardModel<S: HFScalar>: @unchecked Sendable {
  public let architecture: NetworkArchitecture
  public let layout: ParameterLayout
  /// Number of shards (worker cores) per pass.
  public let shardCount: Int
  private let shards: [FeedForwardShard<S>]
  /// The shards' accumulators, in shard order (kept so reductions allocate nothing).
  private let accums: [Buffer<S>], accums2: [Buffer<S>]
  private var curvatureRows = 0
  // The curvature product's per-call arguments and its two parallel jobs, made once so that a
  // product (one per CG iteration) allocates nothing.
  private var productTheta: UnsafePointer<S>? = nil
  private var productV: UnsafePointer<S>? = nil
  private var productType = CurvatureType.gaussNewton
  private var reduceOut: UnsafeMutablePointer<S>? = nil
  private var reduceScale: S = 1
  private lazy var productJob: @Sendable (Int) -> Void = { [unowned self] s in
    let shard = shards[s]
    switch productType {
    case .gaussNewton: shard.gaussNewtonProduct(theta: productTheta!, v: productV!)
    case .hessian: shard.hessianProduct(theta: productTheta!, v: productV!)
    case .fisher: shard.fisherProduct(v: productV!)
    }
  }
  private lazy var reduceJob: @Sendable (Int) -> Void = { [unowned self] s in
    let n = layout.count, k = shardCount
    VectorMath.sum(accums, into: reduceOut!, range: (n * s / k)..<(n * (s + 1) / k), scale: reduceScale)
  }

  /// Rows per block of the streaming passes that `TrainingSetup` uses: large enough for full-speed
  /// GEMMs, small enough that the streaming workspace stays a fraction of the data.
  public static var defaultBlockRows: Int { 512 }

  /// A model running `shards` shards whose streaming workspaces hold `blockRows` cases each (the
  /// curvature cache is sized separately, by `prepareCurvature`).
  public init(architecture: NetworkArchitecture, shards: Int = 1, blockRows: Int = 1024) {
    self.architecture = architecture
    layout = architecture.layout
    shardCount = Swift.max(1, shards)
    openblas_set_num_threads(1)
    let rows = Swift.max(1, blockRows)
    let made = (0..<Swift.max(1, shards)).map { _ in FeedForwardShard<S>(arch: architecture, blockRows: rows) }
    self.shards = made
    accums = made.map(\.accum)
    accums2 = made.map(\.accum2)
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

  private func parallel(_ body: @Sendable (Int) -> Void) { parallelFor(shardCount, body) }

  /// dst ← scale · Σ_shards sources, split over the cores by parameter range (fixed summation
  /// order per element, so the result does not depend on the split).
  private func reduce(_ sources: [Buffer<S>], into dst: UnsafeMutablePointer<S>, scale: S) {
    let n = layout.count, k = shardCount
    let out = SharedPointer(dst)
    if n < 1 << 16 || k == 1 {
      VectorMath.sum(sources, into: dst, range: 0..<n, scale: scale)
      return
    }
    parallel { s in VectorMath.sum(sources, into: out.raw, range: (n * s / k)..<(n * (s + 1) / k), scale: scale) }
  }

  /// Loss and error sums of the cases `rows` (forward passes only).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func evaluate(theta: Buffer<S>, data: DataMatrix<S>, rows: Range<Int>, stop: Interruption? = nil) -> EvaluationSums {
    let parts = split(rows)
    let out = ShardSlots(count: shardCount, initial: EvaluationSums())
    do {
      parallel { s in
        let shard = shards[s]
        var total = EvaluationSums()
        var r = parts[s].lowerBound
        while r < parts[s].upperBound {
          if stop?.isRequested == true { break }
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
  /// `meanOver` replaces the divisor `rows.count` (1 gives the sums, for a rank's part of a batch).
  /// Once `stop` is requested the pass ends at the next block of rows, with partial sums to discard.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func gradient(
    theta: Buffer<S>, data: DataMatrix<S>, rows: Range<Int>, into gradient: Buffer<S>, squares: Buffer<S>? = nil,
    meanOver: Int? = nil, stop: Interruption? = nil
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
          if stop?.isRequested == true { break }
          let m = Swift.min(shard.blockRows, parts[s].upperBound - r)
          let x = data.inputRow(r), t = data.targetRow(r)
          total = total + shard.forward(theta: theta.pointer, input: x, targets: t, rows: m, into: shard.acts)
          shard.backward(
            theta: theta.pointer, input: x, targets: t, rows: m, acts: shard.acts, squares: wantSquares, deltas: nil,
            d: shard.streamD, dNext: shard.streamDNext)
          r += m
        }
        out[s] = total
      }
    }
    let scale = S(1) / S(Swift.max(meanOver ?? rows.count, 1))
    reduce(accums, into: gradient.pointer, scale: scale)
    if let squares { reduce(accums2, into: squares.pointer, scale: scale) }
    return out.all.reduce(EvaluationSums(), +)
  }

  /// Fixes the curvature batch `rows` at `theta`: caches activations (and δ's for Hessian or
  /// Fisher products) for every later `curvatureProduct` until the next call, which divide by
  /// `meanOver` (default `rows.count`; 1 gives sums, for a rank's part of a batch).
  @discardableResult
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func prepareCurvature(
    theta: Buffer<S>, data: DataMatrix<S>, rows: Range<Int>, type: CurvatureType, meanOver: Int? = nil
  ) -> EvaluationSums {
    let parts = split(rows)
    curvatureRows = meanOver ?? rows.count
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
    productTheta = UnsafePointer(theta.pointer)
    productV = v
    productType = type
    parallelFor(shardCount, job: productJob)
    reduceOut = out
    reduceScale = S(1) / S(Swift.max(curvatureRows, 1))
    parallelFor(shardCount, job: reduceJob)
  }

  /// The output layer's pre-activations z (rows × outputs), before the output non-linearity;
  /// single-threaded, for diagnostics.
  public func preActivations(theta: Buffer<S>, data: DataMatrix<S>, rows: Range<Int>) -> [S] {
    let shard = FeedForwardShard<S>(arch: architecture, blockRows: Swift.max(1, rows.count))
    _ = shard.forward(
      theta: theta.pointer, input: data.inputRow(rows.lowerBound), targets: data.targetRow(rows.lowerBound),
      rows: rows.count, into: shard.acts, stopBeforeOutput: true)
    return Array(UnsafeBufferPointer(start: shard.acts[layout.layers.count], count: rows.count * architecture.outputWidth))
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
