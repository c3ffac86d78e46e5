/// One core's share of the work: its workspaces, its slice of the curvature batch, and the
/// forward, backward and R-operator kernels that run on them with single-threaded BLAS.
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

  /// Streaming activations acts[k], k = 1…L, for `blockRows` cases (index 0 unused: the input is
  /// read in place).
  let acts: [Buffer<S>]
  /// Row-major scratch matrices `maxWidth` wide, shared by the backward pass (δ, next δ, δ², y²)
  /// and the curvature products (the R-passes' rolling buffers); `workRows` rows each (the last
  /// only `blockRows`: it holds y² of the streaming gradient).
  private(set) var work: [Buffer<S>]
  private(set) var workRows: Int
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
    acts = [Buffer(count: 0)] + (1...arch.layerCount).map { Buffer(count: blockRows * widths[$0]) }
    workRows = blockRows
    work = (0..<4).map { _ in Buffer(count: blockRows * widest) }
    scratch = Buffer(count: 2 * widest)
    accum = Buffer(count: layout.count)
    accum2 = Buffer(count: layout.count)
  }

  /// Activation of hidden layer k (1…L−1).
  @inline(__always) func activation(_ k: Int) -> Activation { hidden[k - 1] }

  // MARK: forward

  /// Forward pass of `rows` cases into `out` (out[k], k = 1…L); returns loss and error sums.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func forward(
    theta: UnsafePointer<S>, input: UnsafePointer<S>, targets: UnsafePointer<S>, rows: Int,
    into out: [Buffer<S>]
  ) -> EvaluationSums {
    var y = input
    for i in 0..<L {
      let l = layout.layers[i]
      let x = out[i + 1].pointer
      S.gemm(
        transA: false, transB: true, m: rows, n: l.outputs, k: l.inputs, alpha: 1,
        a: y, lda: l.inputs, b: theta + l.weightOffset, ldb: l.inputs, beta: 0, c: x, ldc: l.outputs)
      let b = theta + l.biasOffset
      if i + 1 < L {
        let act = activation(i + 1)
        for r in 0..<rows { act.applyAddingBias(x + r * l.outputs, bias: b, count: l.outputs) }
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
    acts a: [Buffer<S>], squares: Bool, deltas: [Buffer<S>]?
  ) {
    var d = work[0].pointer, dNext = work[1].pointer
    let outW = sizes[L]
    let yOut = a[L].pointer
    for j in 0..<(rows * outW) { d[j] = yOut[j] - targets[j] }
    let g = accum.pointer, g2 = accum2.pointer
    for i in stride(from: L - 1, through: 0, by: -1) {
      let l = layout.layers[i]
      let yin: UnsafePointer<S> = i == 0 ? input : UnsafePointer(a[i].pointer)
      if let deltas { deltas[i].pointer.update(from: d, count: rows * l.outputs) }
      S.gemm(
        transA: true, transB: false, m: l.outputs, n: l.inputs, k: rows, alpha: 1,
        a: d, lda: l.outputs, b: yin, ldb: l.inputs, beta: 1, c: g + l.weightOffset, ldc: l.inputs)
      VectorMath.addColumnSums(d, rows: rows, width: l.outputs, into: g + l.biasOffset)
      if squares {
        let dd = work[2].pointer, yy = work[3].pointer
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
      cacheDeltas = []
      ry = []
    }
    if rows > workRows {
      workRows = rows
      work = (0..<3).map { _ in Buffer(count: rows * maxWidth) } + [work[3]]
    }
    cacheRows = rows
    cacheInput = input
    cacheTargets = targets
    let sums = forward(theta: theta, input: input, targets: targets, rows: rows, into: cacheActs)
    if type == .hessian && ry.isEmpty {
      ry = [Buffer(count: 0)] + (1...L).map { Buffer(count: cacheCapacity * sizes[$0]) }
    }
    if type != .gaussNewton {
      if cacheDeltas.isEmpty { cacheDeltas = (0..<L).map { Buffer(count: cacheCapacity * sizes[$0 + 1]) } }
      accum.zero()
      backward(
        theta: theta, input: input, targets: targets, rows: rows, acts: cacheActs, squares: false,
        deltas: cacheDeltas)
    }
    return sums
  }
}
