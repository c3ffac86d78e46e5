/// The Gauss-Newton product through time with structural damping (hf-spec §3.5, §9) on the
/// cached curvature slice.
extension RecurrentShard {
  /// Caches the forward pass of sequences `rows` of `batch` (kept by reference until the next
  /// call); allocates only when the slice outgrows the cache.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func prepareCurvature(theta: UnsafePointer<S>, batch: SequenceBatch<S>, rows: Range<Int>) -> EvaluationSums {
    let m = rows.count
    let L = m > 0 ? Self.steps(batch, rows.lowerBound, m) : 0
    let need = Swift.max(1, m) * Swift.max(1, L)
    if need > cacheCapacity || cdH.count < Swift.max(1, m) * H {
      cacheHs = Buffer(count: need * H + Swift.max(1, m) * H)
      cacheOuts = Buffer(count: need * O)
      cacheRa = Buffer(count: need * H)
      cacheU = Buffer(count: need * O)
      rhA = Buffer(count: Swift.max(1, m) * H)
      rhB = Buffer(count: Swift.max(1, m) * H)
      cdH = Buffer(count: Swift.max(1, m) * H)
      cdA = Buffer(count: Swift.max(1, m) * H)
      cacheCapacity = need
    }
    if cacheActive.count < L { cacheActive = Array(repeating: false, count: L) }
    if cacheLengths.count < m { cacheLengths = Array(repeating: 0, count: m) }
    cacheBatch = batch
    cacheFirst = rows.lowerBound
    cacheRows = m
    cacheSteps = L
    for r in 0..<m { cacheLengths[r] = batch.lengths[rows.lowerBound + r] }
    guard m > 0 else { return EvaluationSums() }
    return forward(
      theta: theta, batch: batch, first: rows.lowerBound, rows: m, steps: L, hs: cacheHs.pointer,
      outs: cacheOuts.pointer, active: &cacheActive)
  }

  /// Sets `accum` to Σ over the cached sequences of (Jᵀ H_L J v + μλ·J_tᵀ D'' J_t v), where J_t v
  /// is the R-forward of the hidden pre-activations and D'' = 0.25·(1 − hₜ²) on every step inside
  /// a sequence ([S-code] `Tanh.H_prod`); `mu` is μλ.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func gaussNewtonProduct(theta: UnsafePointer<S>, v: UnsafePointer<S>, mu: S) {
    accum.zero()
    guard let batch = cacheBatch, cacheRows > 0 else { return }
    let l = layout
    let m = cacheRows, L = cacheSteps, r0 = cacheFirst
    let hs = cacheHs.pointer, outs = cacheOuts.pointer, raAll = cacheRa.pointer, uAll = cacheU.pointer
    let ch = v + l.hiddenBias, co = v + l.outputBias
    let lossMask = batch.lossMask.pointer
    let output = arch.output

    // R-forward: R aₜ = V_vh xₜ + V_hh hₜ₋₁ + W_hh R hₜ₋₁ + c_h, R hₜ = (1 − hₜ²) R aₜ,
    // R zₜ = W_ho R hₜ + V_ho hₜ + c_o, uₜ = mask·H_L R zₜ.
    var rhPrev = rhA.pointer, rhCur = rhB.pointer
    for r in 0..<m { (rhPrev + r * H).update(from: v + l.initialState, count: H) }
    for t in 0..<L {
      let x = UnsafePointer(batch.inputRow(t, r0))
      let hp = hs + t * m * H, hc = hs + (t + 1) * m * H
      let ra = raAll + t * m * H
      S.gemm(transA: false, transB: true, m: m, n: H, k: V, alpha: 1, a: x, lda: V, b: v + l.inputWeights, ldb: V, beta: 0, c: ra, ldc: H)
      S.gemm(transA: false, transB: true, m: m, n: H, k: H, alpha: 1, a: hp, lda: H, b: v + l.recurrentWeights, ldb: H, beta: 1, c: ra, ldc: H)
      S.gemm(transA: false, transB: true, m: m, n: H, k: H, alpha: 1, a: rhPrev, lda: H, b: theta + l.recurrentWeights, ldb: H, beta: 1, c: ra, ldc: H)
      for r in 0..<m {
        for j in 0..<H {
          let k = r * H + j
          let a = ra[k] + ch[j]
          ra[k] = a
          let h = hc[k]
          rhCur[k] = (1 - h * h) * a
        }
      }
      if cacheActive[t] {
        let u = uAll + t * m * O
        S.gemm(transA: false, transB: true, m: m, n: O, k: H, alpha: 1, a: rhCur, lda: H, b: theta + l.outputWeights, ldb: H, beta: 0, c: u, ldc: O)
        S.gemm(transA: false, transB: true, m: m, n: O, k: H, alpha: 1, a: hc, lda: H, b: v + l.outputWeights, ldb: H, beta: 1, c: u, ldc: O)
        let maskRow = t * batch.capacity + r0
        for r in 0..<m {
          let ur = u + r * O
          if lossMask[maskRow + r] != 0 {
            for j in 0..<O { ur[j] += co[j] }
            output.applyLossCurvature(ur, outputs: outs + t * m * O + r * O, rows: 1, width: O)
          } else {
            for j in 0..<O { ur[j] = 0 }
          }
        }
      }
      swap(&rhPrev, &rhCur)
    }

    // Backward (Jᵀ, first derivatives only), with the structural term added to ∂/∂aₜ.
    let g = accum.pointer
    let dh = cdH.pointer, da = cdA.pointer
    for j in 0..<(m * H) { dh[j] = 0 }
    let quarterMu = mu * S(0.25)
    for t in stride(from: L - 1, through: 0, by: -1) {
      let hp = hs + t * m * H, hc = hs + (t + 1) * m * H
      let ra = raAll + t * m * H
      if cacheActive[t] {
        let u = uAll + t * m * O
        S.gemm(transA: true, transB: false, m: O, n: H, k: m, alpha: 1, a: u, lda: O, b: hc, ldb: H, beta: 1, c: g + l.outputWeights, ldc: H)
        VectorMath.addColumnSums(u, rows: m, width: O, into: g + l.outputBias)
        S.gemm(transA: false, transB: false, m: m, n: H, k: O, alpha: 1, a: u, lda: O, b: theta + l.outputWeights, ldb: H, beta: 1, c: dh, ldc: H)
      }
      for r in 0..<m {
        let structural = mu != 0 && t < cacheLengths[r]
        for j in 0..<H {
          let k = r * H + j
          let h = hc[k]
          let d = 1 - h * h
          da[k] = structural ? d * (dh[k] + quarterMu * ra[k]) : d * dh[k]
        }
      }
      backThroughWeights(da, step: t, batch: batch, first: r0, rows: m, previous: hp, theta: theta, into: g, dh: dh)
    }
    VectorMath.addColumnSums(dh, rows: m, width: H, into: g + l.initialState)
  }
}
