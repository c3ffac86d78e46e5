/// Matrix-free curvature products on the cached curvature slice (hf-spec §3.4).
extension FeedForwardShard {
  /// R-forward pass: ry[k] ← R{y_k} for k = 1…L−1 and ry[L] ← H_L·R{z} (the output-layer
  /// curvature applied, which for matching pairs is R{ŷ}).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func rForward(theta: UnsafePointer<S>, v: UnsafePointer<S>) {
    let rows = cacheRows
    for i in 0..<L {
      let l = layout.layers[i]
      let yin: UnsafePointer<S> = i == 0 ? UnsafePointer(cacheInput!) : UnsafePointer(cacheActs[i].pointer)
      let rx = ry[i + 1].pointer
      S.gemm(
        transA: false, transB: true, m: rows, n: l.outputs, k: l.inputs, alpha: 1,
        a: yin, lda: l.inputs, b: v + l.weightOffset, ldb: l.inputs, beta: 0, c: rx, ldc: l.outputs)
      if i > 0 {
        S.gemm(
          transA: false, transB: true, m: rows, n: l.outputs, k: l.inputs, alpha: 1,
          a: ry[i].pointer, lda: l.inputs, b: theta + l.weightOffset, ldb: l.inputs, beta: 1, c: rx,
          ldc: l.outputs)
      }
      let c = v + l.biasOffset
      let yout = cacheActs[i + 1].pointer
      if i + 1 < L {
        let act = activation(i + 1)
        for r in 0..<rows {
          let row = rx + r * l.outputs, yr = yout + r * l.outputs
          if act.isLinear {
            for j in 0..<l.outputs { row[j] += c[j] }
          } else {
            for j in 0..<l.outputs { row[j] = (row[j] + c[j]) * act.derivative(fromOutput: yr[j]) }
          }
        }
      } else {
        for r in 0..<rows {
          let row = rx + r * l.outputs
          for j in 0..<l.outputs { row[j] += c[j] }
        }
        output.applyLossCurvature(rx, outputs: yout, rows: rows, width: l.outputs)
      }
    }
  }

  /// Adds Σ_c (Jᵀ H_L J v)_c into `accum`: the Gauss-Newton product on this shard's slice.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func gaussNewtonProduct(theta: UnsafePointer<S>, v: UnsafePointer<S>) {
    accum.zero()
    guard cacheRows > 0 else { return }
    rForward(theta: theta, v: v)
    let rows = cacheRows
    var u = ry[L].pointer
    var uNext = rBack[0].pointer, spare = rBack[1].pointer
    let g = accum.pointer
    for i in stride(from: L - 1, through: 0, by: -1) {
      let l = layout.layers[i]
      let yin: UnsafePointer<S> = i == 0 ? UnsafePointer(cacheInput!) : UnsafePointer(cacheActs[i].pointer)
      S.gemm(
        transA: true, transB: false, m: l.outputs, n: l.inputs, k: rows, alpha: 1,
        a: u, lda: l.outputs, b: yin, ldb: l.inputs, beta: 0, c: g + l.weightOffset, ldc: l.inputs)
      let gb = g + l.biasOffset
      VectorMath.addColumnSums(u, rows: rows, width: l.outputs, into: gb)
      if i > 0 {
        S.gemm(
          transA: false, transB: false, m: rows, n: l.inputs, k: l.outputs, alpha: 1,
          a: u, lda: l.outputs, b: theta + l.weightOffset, ldb: l.inputs, beta: 0, c: uNext, ldc: l.inputs)
        let act = activation(i)
        if !act.isLinear {
          for j in 0..<(rows * l.inputs) { uNext[j] *= act.derivative(fromOutput: yin[j]) }
        }
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
    rForward(theta: theta, v: v)
    let rows = cacheRows
    var rd = ry[L].pointer  // Rδ_L = H_L·Rz
    var rdNext = rBack[0].pointer, spare = rBack[1].pointer
    let tmp = rBack[2].pointer
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
    let s = rBack[0].pointer  // s_c = g_cᵀ v, one per row
    let tmp = rBack[1].pointer
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
