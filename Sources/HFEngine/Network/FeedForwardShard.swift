/// One core's share of the work: its workspaces, its slice of the curvature batch, and the
/// forward, backward and R-operator kernels that run on them with single-threaded BLAS.
// @unchecked Sendable: each shard's workspaces are used by the one worker running that shard.
final class FeedForwardShard<S: HFScalar>: @unchecked Sendable {
  let arch: NetworkArchitecture
  let layout: ParameterLayout
  let hidden: [Activation]
  let output: OutputLoss
  let sizes: [Int]
  let L: Int
  let maxWidth: Int
  /// Rows of one block of the streaming passes (objective, gradient).
  let blockRows: Int

  /// Widest hidden layer (the output width when there is none).
  let maxHidden: Int

  /// One workspace, laid out two ways that are never in use at once: the curvature products'
  /// three row-major buffers (`wide`: maxWidth columns, `narrowB`/`narrowC`: maxHidden columns,
  /// cache rows each), or the streaming passes' activations and δ buffers for `blockRows` rows.
  private(set) var arena: Buffer<S>
  private(set) var wide: UnsafeMutablePointer<S>
  private(set) var narrowB: UnsafeMutablePointer<S>
  private(set) var narrowC: UnsafeMutablePointer<S>
  /// Streaming activations acts[k], k = 1…L (index 0 unused: the input is read in place).
  private(set) var acts: [UnsafeMutablePointer<S>]
  /// Streaming δ (maxWidth wide), next δ (maxHidden), δ² and y² (maxWidth).
  private(set) var streamD: UnsafeMutablePointer<S>, streamDNext: UnsafeMutablePointer<S>
  private(set) var streamSqD: UnsafeMutablePointer<S>, streamSqY: UnsafeMutablePointer<S>
  /// Per-row loss and error terms of the output layer (2·maxWidth).
  let scratch: Buffer<S>
  /// Parameter-sized accumulators owned by this shard.
  let accum: Buffer<S>
  let accum2: Buffer<S>

  // Curvature batch cache.
  var cacheRows = 0
  private(set) var cacheCapacity = 0
  var cacheInput: UnsafeMutablePointer<S>? = nil
  var cacheTargets: UnsafeMutablePointer<S>? = nil
  var cacheActs: [Buffer<S>] = []
  /// cacheActs[k].pointer, k = 1…L (index 0 unused).
  private(set) var cachePointers: [UnsafeMutablePointer<S>] = []
  var cacheDeltas: [Buffer<S>] = []
  /// R{y_k} of every layer, kept for the Hessian product's backward pass (allocated on first use).
  var ry: [Buffer<S>] = []

  init(arch: NetworkArchitecture, blockRows: Int) {
    self.arch = arch
    layout = arch.layout
    hidden = arch.hiddenActivations
    output = arch.output
    sizes = arch.layerSizes
    L = arch.layerCount
    self.blockRows = blockRows
    let widths = arch.layerSizes, widest = widths.max()!
    maxWidth = widest
    let hiddenWidest = widths.count > 2 ? widths[1..<(widths.count - 1)].max()! : widest
    maxHidden = hiddenWidest
    let actsSize = widths.dropFirst().reduce(0, +)
    arena = Buffer(count: blockRows * (actsSize + 3 * widest + hiddenWidest))
    (wide, narrowB, narrowC) = Self.curvatureViews(arena.pointer, rows: 0, widest: widest, hidden: hiddenWidest)
    (acts, streamD, streamDNext, streamSqD, streamSqY) = Self.streamingViews(
      arena.pointer, rows: blockRows, widths: widths, widest: widest, hidden: hiddenWidest)
    scratch = Buffer(count: 2 * widest)
    accum = Buffer(count: layout.count)
    accum2 = Buffer(count: layout.count)
  }

  /// The streaming buffers' places in an arena: activations of every layer, then δ, next δ, δ², y².
  private static func streamingViews(
    _ base: UnsafeMutablePointer<S>, rows: Int, widths: [Int], widest: Int, hidden: Int
  ) -> ([UnsafeMutablePointer<S>], UnsafeMutablePointer<S>, UnsafeMutablePointer<S>, UnsafeMutablePointer<S>,
    UnsafeMutablePointer<S>)
  {
    var p = base
    var views: [UnsafeMutablePointer<S>] = [p]
    for k in 1..<widths.count {
      views.append(p)
      p += rows * widths[k]
    }
    let d = p, dNext = p + rows * widest
    let sqD = dNext + rows * hidden
    return (views, d, dNext, sqD, sqD + rows * widest)
  }

  /// The curvature buffers' places in an arena holding `rows` rows of each.
  private static func curvatureViews(
    _ base: UnsafeMutablePointer<S>, rows: Int, widest: Int, hidden: Int
  ) -> (UnsafeMutablePointer<S>, UnsafeMutablePointer<S>, UnsafeMutablePointer<S>) {
    (base, base + rows * widest, base + rows * (widest + hidden))
  }

  /// Activation of hidden layer k (1…L−1).
  @inline(__always) func activation(_ k: Int) -> Activation { hidden[k - 1] }

  // MARK: forward

  /// Forward pass of `rows` cases into `out` (out[k], k = 1…L); returns loss and error sums.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func forward(
    theta: UnsafePointer<S>, input: UnsafePointer<S>, targets: UnsafePointer<S>, rows: Int,
    into out: [UnsafeMutablePointer<S>], stopBeforeOutput: Bool = false
  ) -> EvaluationSums {
    var y = input
    for i in 0..<L {
      let l = layout.layers[i]
      let x = out[i + 1]
      S.gemm(
        transA: false, transB: true, m: rows, n: l.outputs, k: l.inputs, alpha: 1,
        a: y, lda: l.inputs, b: theta + l.weightOffset, ldb: l.inputs, beta: 0, c: x, ldc: l.outputs)
      let b = theta + l.biasOffset
      if i + 1 < L {
        let act = activation(i + 1)
        for r in 0..<rows { act.applyAddingBias(x + r * l.outputs, bias: b, count: l.outputs) }
      } else if stopBeforeOutput {
        // The output layer's pre-activations z, for diagnostics.
        for r in 0..<rows { for j in 0..<l.outputs { x[r * l.outputs + j] += b[j] } }
        return EvaluationSums(count: rows)
      } else {
        let sums = output.activate(x, bias: b, targets: targets, rows: rows, width: l.outputs, scratch: scratch.pointer)
        return EvaluationSums(loss: sums.loss, error: sums.error, count: rows)
      }
      y = UnsafePointer(x)
    }
    return EvaluationSums()
  }

  // MARK: gradient

  /// Adds Σ_c ∇L_c into `accum` (and Σ_c ∇L_c⊙∇L_c into `accum2` when `squares`), for cases
  /// whose activations are in `a`. Stores δ per layer into `deltas` when given.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func backward(
    theta: UnsafePointer<S>, input: UnsafePointer<S>, targets: UnsafePointer<S>, rows: Int,
    acts a: [UnsafeMutablePointer<S>], squares: Bool, deltas: [Buffer<S>]?,
    d first: UnsafeMutablePointer<S>, dNext second: UnsafeMutablePointer<S>
  ) {
    // δ starts in `first` (output width); the two buffers then alternate for hidden widths.
    var d = first, dNext = second
    let outW = sizes[L]
    let yOut = a[L]
    for j in 0..<(rows * outW) { d[j] = yOut[j] - targets[j] }
    let g = accum.pointer, g2 = accum2.pointer
    for i in stride(from: L - 1, through: 0, by: -1) {
      let l = layout.layers[i]
      let yin: UnsafePointer<S> = i == 0 ? input : UnsafePointer(a[i])
      if let deltas { deltas[i].pointer.update(from: d, count: rows * l.outputs) }
      S.gemm(
        transA: true, transB: false, m: l.outputs, n: l.inputs, k: rows, alpha: 1,
        a: d, lda: l.outputs, b: yin, ldb: l.inputs, beta: 1, c: g + l.weightOffset, ldc: l.inputs)
      VectorMath.addColumnSums(d, rows: rows, width: l.outputs, into: g + l.biasOffset)
      if squares {
        let dd = streamSqD, yy = streamSqY
        for j in 0..<(rows * l.outputs) { dd[j] = d[j] * d[j] }
        for j in 0..<(rows * l.inputs) { yy[j] = yin[j] * yin[j] }
        S.gemm(
          transA: true, transB: false, m: l.outputs, n: l.inputs, k: rows, alpha: 1,
          a: dd, lda: l.outputs, b: yy, ldb: l.inputs, beta: 1, c: g2 + l.weightOffset, ldc: l.inputs)
        VectorMath.addColumnSums(dd, rows: rows, width: l.outputs, into: g2 + l.biasOffset)
      }
      if i > 0 {
        S.gemm(
          transA: false, transB: false, m: rows, n: l.inputs, k: l.outputs, alpha: 1,
          a: d, lda: l.outputs, b: theta + l.weightOffset, ldb: l.inputs, beta: 0, c: dNext, ldc: l.inputs)
        activation(i).multiplyByDerivative(dNext, outputs: yin, count: rows * l.inputs)
        swap(&d, &dNext)
      }
    }
  }

  // MARK: curvature batch

  /// Caches this shard's slice of the curvature batch: forward activations (and δ's when the
  /// curvature type needs them). Returns the loss/error sums on the slice.
  func prepareCurvature(
    theta: UnsafePointer<S>, input: UnsafeMutablePointer<S>, targets: UnsafeMutablePointer<S>, rows: Int,
    type: CurvatureType
  ) -> EvaluationSums {
    if rows > cacheCapacity || cacheActs.isEmpty {
      cacheCapacity = Swift.max(rows, 1)
      cacheActs = [Buffer(count: 0)] + (1...L).map { Buffer(count: cacheCapacity * sizes[$0]) }
      cachePointers = cacheActs.map(\.pointer)
      cacheDeltas = []
      ry = []
      let need = cacheCapacity * (maxWidth + 2 * maxHidden)
      if need > arena.count {
        arena = Buffer(count: need)
        (acts, streamD, streamDNext, streamSqD, streamSqY) = Self.streamingViews(
          arena.pointer, rows: blockRows, widths: sizes, widest: maxWidth, hidden: maxHidden)
      }
      (wide, narrowB, narrowC) = Self.curvatureViews(arena.pointer, rows: cacheCapacity, widest: maxWidth, hidden: maxHidden)
    }
    cacheRows = rows
    cacheInput = input
    cacheTargets = targets
    let sums = forward(theta: theta, input: input, targets: targets, rows: rows, into: cachePointers)
    if type == .hessian && ry.isEmpty {
      ry = [Buffer(count: 0)] + (1...L).map { Buffer(count: cacheCapacity * sizes[$0]) }
    }
    if type != .gaussNewton {
      if cacheDeltas.isEmpty { cacheDeltas = (0..<L).map { Buffer(count: cacheCapacity * sizes[$0 + 1]) } }
      accum.zero()
      backward(
        theta: theta, input: input, targets: targets, rows: rows, acts: cachePointers, squares: false,
        deltas: cacheDeltas, d: wide, dNext: narrowB)
    }
    return sums
  }
}
