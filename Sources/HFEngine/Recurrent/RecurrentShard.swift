/// One core's share of a recurrent pass: workspaces for a block of sequences and the forward,
/// BPTT and R-operator kernels (single-threaded BLAS, one GEMM per step per matrix).
// @unchecked Sendable: each shard's workspaces are used by the one worker running that shard.
final class RecurrentShard<S: HFScalar>: @unchecked Sendable {
  let arch: RecurrentArchitecture
  let layout: RecurrentLayout
  let V: Int, H: Int, O: Int
  let maxSteps: Int
  /// Sequences the streaming workspace holds.
  let blockRows: Int

  // Streaming workspace (objective and gradient passes).
  /// hs[0] = h₀ per row, hs[t + 1] = hₜ; each step a `rows × H` matrix.
  let hs: Buffer<S>
  /// Outputs ŷₜ per step, `rows × O` each.
  let outs: Buffer<S>
  let dH: Buffer<S>, dA: Buffer<S>, dz: Buffer<S>
  /// Whether any output of the block is trained at step t.
  var active: [Bool]
  /// Parameter-sized accumulator owned by this shard.
  let accum: Buffer<S>
  /// Σ over this shard's sequences of ‖∂L_b/∂hₜ‖, per step (filled by `backward`).
  var profile: [Double]

  // Curvature batch cache and R-pass workspace (see RecurrentShard+Curvature).
  var cacheBatch: SequenceBatch<S>? = nil
  var cacheFirst = 0, cacheRows = 0, cacheSteps = 0, cacheCapacity = 0
  var cacheHs = Buffer<S>(count: 0), cacheOuts = Buffer<S>(count: 0)
  var cacheRa = Buffer<S>(count: 0), cacheU = Buffer<S>(count: 0)
  var rhA = Buffer<S>(count: 0), rhB = Buffer<S>(count: 0)
  var cdH = Buffer<S>(count: 0), cdA = Buffer<S>(count: 0)
  var cacheActive: [Bool] = []
  var cacheLengths: [Int] = []

  init(arch: RecurrentArchitecture, maxSteps: Int, blockRows: Int) {
    self.arch = arch
    layout = arch.layout
    V = arch.inputs
    H = arch.hidden
    O = arch.outputs
    self.maxSteps = maxSteps
    self.blockRows = blockRows
    hs = Buffer(count: (maxSteps + 1) * blockRows * H)
    outs = Buffer(count: maxSteps * blockRows * O)
    dH = Buffer(count: blockRows * H)
    dA = Buffer(count: blockRows * H)
    dz = Buffer(count: blockRows * O)
    active = Array(repeating: false, count: maxSteps)
    accum = Buffer(count: layout.count)
    profile = Array(repeating: 0, count: maxSteps)
  }

  /// The longest sequence among rows r0..<r0+m.
  static func steps(_ batch: SequenceBatch<S>, _ r0: Int, _ m: Int) -> Int {
    var l = 0
    for r in r0..<(r0 + m) { l = Swift.max(l, batch.lengths[r]) }
    return l
  }

  // MARK: forward

  /// Forward pass of sequences r0..<r0+m over `steps` steps into `hs`/`outs` (laid out for m
  /// rows); marks `active` steps; returns loss, zero-one error and counts.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func forward(
    theta: UnsafePointer<S>, batch: SequenceBatch<S>, first r0: Int, rows m: Int, steps L: Int,
    hs: UnsafeMutablePointer<S>, outs: UnsafeMutablePointer<S>, active: inout [Bool]
  ) -> EvaluationSums {
    let l = layout
    let h0 = theta + l.initialState, bh = theta + l.hiddenBias, bo = theta + l.outputBias
    for r in 0..<m { (hs + r * H).update(from: h0, count: H) }
    var loss = 0.0, error = 0.0, count = 0, scored = 0
    let output = arch.output
    let lossMask = batch.lossMask.pointer, scoreMask = batch.scoreMask.pointer
    for t in 0..<L {
      let x = UnsafePointer(batch.inputRow(t, r0))
      let hp = hs + t * m * H, hc = hs + (t + 1) * m * H
      S.gemm(transA: false, transB: true, m: m, n: H, k: V, alpha: 1, a: x, lda: V, b: theta + l.inputWeights, ldb: V, beta: 0, c: hc, ldc: H)
      S.gemm(transA: false, transB: true, m: m, n: H, k: H, alpha: 1, a: hp, lda: H, b: theta + l.recurrentWeights, ldb: H, beta: 1, c: hc, ldc: H)
      for r in 0..<m {
        let row = hc + r * H
        for j in 0..<H { row[j] = S.tanh(row[j] + bh[j]) }
      }
      let maskRow = t * batch.capacity + r0
      var any = false
      for r in 0..<m where lossMask[maskRow + r] != 0 { any = true; break }
      active[t] = any
      guard any else { continue }
      let z = outs + t * m * O
      S.gemm(transA: false, transB: true, m: m, n: O, k: H, alpha: 1, a: hc, lda: H, b: theta + l.outputWeights, ldb: H, beta: 0, c: z, ldc: O)
      for r in 0..<m {
        let zr = z + r * O
        for j in 0..<O { zr[j] += bo[j] }
        let target = UnsafePointer(batch.targetRow(t, r0 + r))
        let rowLoss = output.activateAndLoss(zr, targets: target, rows: 1, width: O)
        if lossMask[maskRow + r] != 0 {
          loss += rowLoss
          count += 1
        }
        if scoreMask[maskRow + r] != 0 {
          scored += 1
          if isWrong(UnsafePointer(zr), target) { error += 1 }
        }
      }
    }
    return EvaluationSums(loss: loss, error: error, count: count, errorCount: scored)
  }

  /// The zero-one test: |ŷ − y| > tolerance (linear), sign (logistic), argmax (softmax).
  @inline(__always)
  func isWrong(_ y: UnsafePointer<S>, _ t: UnsafePointer<S>) -> Bool {
    switch arch.output {
    case .linearSquaredError:
      for j in 0..<O where Swift.abs(Double(y[j]) - Double(t[j])) > arch.errorTolerance { return true }
      return false
    case .logisticCrossEntropy:
      for j in 0..<O where (y[j] > 0.5) != (t[j] > 0.5) { return true }
      return false
    case .softmaxCrossEntropy:
      var best = 0, bestT = 0
      for j in 1..<Swift.max(O, 1) {
        if y[j] > y[best] { best = j }
        if t[j] > t[bestT] { bestT = j }
      }
      return best != bestT
    }
  }

  // MARK: gradient

  /// Objective and error of the sequences `rows` (streamed in blocks).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func evaluate(theta: UnsafePointer<S>, batch: SequenceBatch<S>, rows: Range<Int>, stop: Interruption? = nil) -> EvaluationSums {
    var total = EvaluationSums()
    var r = rows.lowerBound
    while r < rows.upperBound {
      if stop?.isRequested == true { break }
      let m = Swift.min(blockRows, rows.upperBound - r)
      let L = Self.steps(batch, r, m)
      total = total + forward(theta: theta, batch: batch, first: r, rows: m, steps: L, hs: hs.pointer, outs: outs.pointer, active: &active)
      r += m
    }
    return total
  }

  /// Adds Σ ∇L over the sequences `rows` into `accum` (zeroed first) by BPTT, and the per-step
  /// Σ_b ‖∂L_b/∂hₜ‖ into `profile`.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func gradient(theta: UnsafePointer<S>, batch: SequenceBatch<S>, rows: Range<Int>, stop: Interruption? = nil) -> EvaluationSums {
    accum.zero()
    for t in 0..<maxSteps { profile[t] = 0 }
    var total = EvaluationSums()
    var r = rows.lowerBound
    while r < rows.upperBound {
      if stop?.isRequested == true { break }
      let m = Swift.min(blockRows, rows.upperBound - r)
      let L = Self.steps(batch, r, m)
      total = total + forward(theta: theta, batch: batch, first: r, rows: m, steps: L, hs: hs.pointer, outs: outs.pointer, active: &active)
      backward(theta: theta, batch: batch, first: r, rows: m, steps: L)
      r += m
    }
    return total
  }

  /// Step t of a backward pass (BPTT or the GN product's Jᵀ), given δaₜ for the block's m rows:
  /// adds its input, recurrent and hidden-bias gradients to `g` and sets dh ← δaₜ·W_hh (∂/∂hₜ₋₁).
  @inline(__always)
  func backThroughWeights(
    _ da: UnsafeMutablePointer<S>, step t: Int, batch: SequenceBatch<S>, first r0: Int, rows m: Int,
    previous hp: UnsafeMutablePointer<S>, theta: UnsafePointer<S>, into g: UnsafeMutablePointer<S>,
    dh: UnsafeMutablePointer<S>
  ) {
    let l = layout
    let x = UnsafePointer(batch.inputRow(t, r0))
    S.gemm(transA: true, transB: false, m: H, n: H, k: m, alpha: 1, a: da, lda: H, b: hp, ldb: H, beta: 1, c: g + l.recurrentWeights, ldc: H)
    S.gemm(transA: true, transB: false, m: H, n: V, k: m, alpha: 1, a: da, lda: H, b: x, ldb: V, beta: 1, c: g + l.inputWeights, ldc: V)
    VectorMath.addColumnSums(da, rows: m, width: H, into: g + l.hiddenBias)
    S.gemm(transA: false, transB: false, m: m, n: H, k: H, alpha: 1, a: da, lda: H, b: theta + l.recurrentWeights, ldb: H, beta: 0, c: dh, ldc: H)
  }

  /// BPTT over the block whose forward pass is in `hs`/`outs`.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func backward(theta: UnsafePointer<S>, batch: SequenceBatch<S>, first r0: Int, rows m: Int, steps L: Int) {
    let l = layout
    let g = accum.pointer
    let dh = dH.pointer, da = dA.pointer, d = dz.pointer
    let lossMask = batch.lossMask.pointer
    dH.zero()
    for t in stride(from: L - 1, through: 0, by: -1) {
      let hp = hs.pointer + t * m * H, hc = hs.pointer + (t + 1) * m * H
      if active[t] {
        let y = outs.pointer + t * m * O
        let maskRow = t * batch.capacity + r0
        for r in 0..<m {
          let target = batch.targetRow(t, r0 + r)
          let on = lossMask[maskRow + r] != 0
          for j in 0..<O { d[r * O + j] = on ? y[r * O + j] - target[j] : 0 }
        }
        S.gemm(transA: true, transB: false, m: O, n: H, k: m, alpha: 1, a: d, lda: O, b: hc, ldb: H, beta: 1, c: g + l.outputWeights, ldc: H)
        VectorMath.addColumnSums(d, rows: m, width: O, into: g + l.outputBias)
        S.gemm(transA: false, transB: false, m: m, n: H, k: O, alpha: 1, a: d, lda: O, b: theta + l.outputWeights, ldb: H, beta: 1, c: dh, ldc: H)
      }
      var norms = 0.0
      for r in 0..<m {
        var s = 0.0
        for j in 0..<H {
          let v = dh[r * H + j]
          s += Double(v) * Double(v)
          let h = hc[r * H + j]
          da[r * H + j] = v * (1 - h * h)
        }
        norms += s.squareRoot()
      }
      profile[t] += norms
      backThroughWeights(da, step: t, batch: batch, first: r0, rows: m, previous: hp, theta: theta, into: g, dh: dh)
    }
    VectorMath.addColumnSums(dh, rows: m, width: H, into: g + l.initialState)
  }
}
