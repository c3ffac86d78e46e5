/// Matrix-free curvature products on the cached curvature slice (hf-spec §3.4).
extension FeedForwardShard {
  /// R-forward pass: R{y_k} for k = 1…L−1 and, for the output layer, H_L·R{z} (the output-layer
  /// curvature applied, which for matching pairs is R{ŷ}); returns where that last one is.
  /// With `keepAll` every R{y_k} stays in ry[k] (the Hessian product needs them); otherwise two
  /// rolling work buffers hold them (the Gauss-Newton product needs only the last).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func rForward(theta: UnsafePointer<S>, v: UnsafePointer<S>, keepAll: Bool) -> UnsafeMutablePointer<S> {
    let rows = cacheRows
    // Rolling: hidden layers alternate between the two narrow buffers, the output goes to `wide`.
    var previous = narrowC
    var rx = narrowB
    for i in 0..<L {
      let l = layout.layers[i]
      let yin: UnsafePointer<S> = i == 0 ? UnsafePointer(cacheInput!) : UnsafePointer(cacheActs[i].pointer)
      if keepAll {
        rx = ry[i + 1].pointer
        if i > 0 { previous = ry[i].pointer }
      } else if i == L - 1 {
        rx = wide
      }
      S.gemm(
        transA: false, transB: true, m: rows, n: l.outputs, k: l.inputs, alpha: 1,
        a: yin, lda: l.inputs, b: v + l.weightOffset, ldb: l.inputs, beta: 0, c: rx, ldc: l.outputs)
      if i > 0 {
        S.gemm(
          transA: false, transB: true, m: rows, n: l.outputs, k: l.inputs, alpha: 1,
          a: previous, lda: l.inputs, b: theta + l.weightOffset, ldb: l.inputs, beta: 1, c: rx,
          ldc: l.outputs)
      }
      let c = v + l.biasOffset
      let yout = cacheActs[i + 1].pointer
      if i + 1 < L {
        let act = activation(i + 1)
        for r in 0..<rows {
          act.addBiasTimesDerivative(rx + r * l.outputs, bias: c, outputs: yout + r * l.outputs, count: l.outputs)
        }
      } else {
        for r in 0..<rows {
          let row = rx + r * l.outputs
          for j in 0..<l.outputs { row[j] += c[j] }
        }
        output.applyLossCurvature(rx, outputs: yout, rows: rows, width: l.outputs)
      }
      if !keepAll { swap(&rx, &previous) }
    }
    return keepAll ? ry[L].pointer : previous
  }

  /// Adds Σ_c (Jᵀ H_L J v)_c into `accum`: the Gauss-Newton product on this shard's slice.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func gaussNewtonProduct(theta: UnsafePointer<S>, v: UnsafePointer<S>) {
    accum.zero()
    guard cacheRows > 0 else { return }
    var u = rForward(theta: theta, v: v, keepAll: false)  // in `wide`
    let rows = cacheRows
    var uNext = narrowB, spare = narrowC
    let g = accum.pointer
    for i in stride(from: L - 1, through: 0, by: -1) {
      let l = layout.layers[i]
      let yin: UnsafePointer<S> = i == 0 ? UnsafePointer(cacheInput!) : UnsafePointer(cacheActs[i].pointer)
      S.gemm(
        transA: true, transB: false, m: l.outputs, n: l.inputs, k: rows, alpha: 1,
        a: u, lda: l.outputs, b: yin, ldb: l.inputs, beta: 0, c: g + l.weightOffset, ldc: l.inputs)
      VectorMath.addColumnSums(u, rows: rows, width: l.outputs, into: g + l.biasOffset)
      if i > 0 {
        S.gemm(
          transA: false, transB: false, m: rows, n: l.inputs, k: l.outputs, alpha: 1,
          a: u, lda: l.outputs, b: theta + l.weightOffset, ldb: l.inputs, beta: 0, c: uNext, ldc: l.inputs)
        activation(i).multiplyByDerivative(uNext, outputs: yin, count: rows * l.inputs)
        u = uNext
        swap(&uNext, &spare)
      }
    }
  }

  /// Adds Σ_c (H v)_c into `accum`: Pearlmutter's Hessian product on this shard's slice.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func hessianProduct(theta: UnsafePointer<S>, v: UnsafePointer<S>) {
    accum.zero()
    guard cacheRows > 0 else { return }
    var rd = rForward(theta: theta, v: v, keepAll: true)  // Rδ_L = H_L·Rz
    let rows = cacheRows
    var rdNext = wide, spare = narrowB
    let tmp = narrowC
    let g = accum.pointer
    for i in stride(from: L - 1, through: 0, by: -1) {
      let l = layout.layers[i]
      let yin: UnsafePointer<S> = i == 0 ? UnsafePointer(cacheInput!) : UnsafePointer(cacheActs[i].pointer)
      let delta = cacheDeltas[i].pointer
      S.gemm(
        transA: true, transB: false, m: l.outputs, n: l.inputs, k: rows, alpha: 1,
        a: rd, lda: l.outputs, b: yin, ldb: l.inputs, beta: 0, c: g + l.weightOffset, ldc: l.inputs)
      if i > 0 {
        S.gemm(
          transA: true, transB: false, m: l.outputs, n: l.inputs, k: rows, alpha: 1,
          a: delta, lda: l.outputs, b: ry[i].pointer, ldb: l.inputs, beta: 1, c: g + l.weightOffset,
          ldc: l.inputs)
      }
      VectorMath.addColumnSums(rd, rows: rows, width: l.outputs, into: g + l.biasOffset)
      if i > 0 {
        // Rδ_{i−1} = f'⊙(Rδ_i W_i + δ_i V_i) + (f''/f')⊙Ry_i⊙(δ_i W_i)
        S.gemm(
          transA: false, transB: false, m: rows, n: l.inputs, k: l.outputs, alpha: 1,
          a: rd, lda: l.outputs, b: theta + l.weightOffset, ldb: l.inputs, beta: 0, c: rdNext, ldc: l.inputs)
        S.gemm(
          transA: false, transB: false, m: rows, n: l.inputs, k: l.outputs, alpha: 1,
          a: delta, lda: l.outputs, b: v + l.weightOffset, ldb: l.inputs, beta: 1, c: rdNext, ldc: l.inputs)
        S.gemm(
          transA: false, transB: false, m: rows, n: l.inputs, k: l.outputs, alpha: 1,
          a: delta, lda: l.outputs, b: theta + l.weightOffset, ldb: l.inputs, beta: 0, c: tmp, ldc: l.inputs)
        let act = activation(i)
        let ryi = ry[i].pointer
        for j in 0..<(rows * l.inputs) {
          let y = yin[j]
          rdNext[j] = act.derivative(fromOutput: y) * rdNext[j] + act.curvatureRatio(fromOutput: y) * ryi[j] * tmp[j]
        }
        rd = rdNext
        swap(&rdNext, &spare)
      }
    }
  }

  /// Adds Σ_c g_c (g_cᵀ v) into `accum`: the empirical Fisher product on this shard's slice.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func fisherProduct(v: UnsafePointer<S>) {
    accum.zero()
    guard cacheRows > 0 else { return }
    let rows = cacheRows
    let s = narrowB  // s_c = g_cᵀ v, one per row
    let tmp = wide
    for r in 0..<rows { s[r] = 0 }
    for i in 0..<L {
      let l = layout.layers[i]
      let yin: UnsafePointer<S> = i == 0 ? UnsafePointer(cacheInput!) : UnsafePointer(cacheActs[i].pointer)
      let delta = cacheDeltas[i].pointer
      S.gemm(
        transA: false, transB: true, m: rows, n: l.outputs, k: l.inputs, alpha: 1,
        a: yin, lda: l.inputs, b: v + l.weightOffset, ldb: l.inputs, beta: 0, c: tmp, ldc: l.outputs)
      let c = v + l.biasOffset
      for r in 0..<rows {
        var acc: S = 0
        for j in 0..<l.outputs { acc += delta[r * l.outputs + j] * (tmp[r * l.outputs + j] + c[j]) }
        s[r] += acc
      }
    }
    let g = accum.pointer
    for i in 0..<L {
      let l = layout.layers[i]
      let yin: UnsafePointer<S> = i == 0 ? UnsafePointer(cacheInput!) : UnsafePointer(cacheActs[i].pointer)
      let delta = cacheDeltas[i].pointer
      for r in 0..<rows {
        for j in 0..<l.outputs { tmp[r * l.outputs + j] = s[r] * delta[r * l.outputs + j] }
      }
      S.gemm(
        transA: true, transB: false, m: l.outputs, n: l.inputs, k: rows, alpha: 1,
        a: tmp, lda: l.outputs, b: yin, ldb: l.inputs, beta: 0, c: g + l.weightOffset, ldc: l.inputs)
      VectorMath.addColumnSums(tmp, rows: rows, width: l.outputs, into: g + l.biasOffset)
    }
  }
}
