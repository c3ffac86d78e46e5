/// Limited-memory BFGS (Nocedal & Wright, Algorithms 7.4 and 7.5) over a parameter buffer: the
/// two-loop recursion over the last `history` pairs (s, y), initial scaling γ = sᵀy/yᵀy of the
/// newest pair, a strong-Wolfe line search (c₂ = 0.9) trying the unit step, and pairs with
/// sᵀy ≤ 0 skipped. When the line search fails — or ends at a point whose objective or gradient
/// is not finite, where x never moves — the history is dropped and the next iteration starts
/// again from steepest descent.
public final class LBFGSMinimizer<S: HFScalar> {
  /// The iterate x and ∇f(x).
  public let x: Buffer<S>, gradient: Buffer<S>
  /// f(x) (NaN until the first iteration).
  public private(set) var value = Double.nan
  /// Pairs kept.
  public let history: Int
  public var lineSearch = WolfeLineSearch(c1: 1e-4, c2: 0.9)
  /// Iterations run, pairs skipped because sᵀy ≤ 0, and history resets after failed searches.
  public private(set) var iterations = 0, skippedUpdates = 0, resets = 0
  /// Pairs currently stored.
  public private(set) var pairCount = 0
  private var started = false
  private var newest = -1
  private var s: [Buffer<S>], y: [Buffer<S>]
  /// The candidate pair, swapped into the ring when kept.
  private var spareS: Buffer<S>, spareY: Buffer<S>
  private var rho: [Double], alpha: [Double]
  private let direction: Buffer<S>, trialX: Buffer<S>, trialG: Buffer<S>

  /// A minimizer starting at `initial` keeping `history` pairs.
  public init(initial: [S], history: Int = 10) {
    let n = initial.count, m = Swift.max(1, history)
    x = Buffer(initial)
    gradient = Buffer(count: n)
    self.history = m
    s = (0..<m).map { _ in Buffer(count: n) }
    y = (0..<m).map { _ in Buffer(count: n) }
    spareS = Buffer(count: n)
    spareY = Buffer(count: n)
    rho = [Double](repeating: 0, count: m)
    alpha = [Double](repeating: 0, count: m)
    direction = Buffer(count: n)
    trialX = Buffer(count: n)
    trialG = Buffer(count: n)
  }

  /// Stored pairs, oldest first: (s, y) as arrays (for checkpoints and tests).
  public var pairs: [(s: [S], y: [S])] {
    (0..<pairCount).map { k in
      let i = (newest - pairCount + 1 + k + history) % history
      return (s[i].array, y[i].array)
    }
  }

  /// d ← −H∇f by the two-loop recursion (−∇f without pairs).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func computeDirection() {
    let n = x.count, d = direction.pointer, g = gradient.pointer
    for j in 0..<n { d[j] = -g[j] }
    guard pairCount > 0 else { return }
    for k in 0..<pairCount {
      let i = (newest - k + history) % history
      alpha[i] = rho[i] * LineSearchKernels.dot(s[i], direction)
      VectorMath.axpy(S(-alpha[i]), y[i].pointer, d, n)
    }
    let yy = LineSearchKernels.dot(y[newest], y[newest])
    let gamma = 1 / (rho[newest] * yy)
    for j in 0..<n { d[j] *= S(gamma) }
    for k in stride(from: pairCount - 1, through: 0, by: -1) {
      let i = (newest - k + history) % history
      let beta = rho[i] * LineSearchKernels.dot(y[i], direction)
      VectorMath.axpy(S(alpha[i] - beta), s[i].pointer, d, n)
    }
  }

  /// One iteration: direction, line search, pair update. The first call also evaluates ∇f(x).
  @discardableResult
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func iterate(_ objective: SmoothObjective<S>) -> LineSearchStep {
    var gradients = 0
    if !started {
      value = objective.valueAndGradient(x, gradient)
      gradients += 1
      started = true
    }
    iterations += 1
    let n = x.count
    computeDirection()
    var slope0 = LineSearchKernels.dot(gradient, direction)
    var steepest = pairCount == 0
    if !(slope0 < 0) {
      // Not a descent direction (possible in floating point): start over from −∇f.
      pairCount = 0
      computeDirection()
      slope0 = LineSearchKernels.dot(gradient, direction)
      steepest = true
    }
    let gNorm = VectorMath.norm(gradient.pointer, n)
    let before = value
    let initialStep = steepest ? Swift.min(1, 1 / Swift.max(gNorm, 1e-300)) : 1
    let r = lineSearch.search(
      along: direction, from: x, objective: objective, f0: value, slope0: slope0, initialStep: initialStep,
      trialX: trialX, trialG: trialG)
    gradients += r.slopes
    func failed() -> LineSearchStep {
      if pairCount > 0 { resets += 1 }
      pairCount = 0
      return LineSearchStep(
        objectiveBefore: before, objective: before, step: 0, gradientNorm: gNorm, wolfe: false,
        evaluations: r.evaluations, gradients: gradients, steepestDescent: steepest)
    }
    guard r.step > 0 else { return failed() }
    LineSearchKernels.offset(x, r.step, direction, into: trialX)
    var newValue = r.value
    if !r.gradientAtStep {
      newValue = objective.valueAndGradient(trialX, trialG)
      gradients += 1
    }
    guard newValue.isFinite, VectorMath.firstNonFinite(trialG.pointer, n) == nil else { return failed() }
    // The pair s = x⁺ − x, y = ∇f⁺ − ∇f, kept (in place of the oldest) when sᵀy > 0.
    let sp = spareS.pointer, yp = spareY.pointer
    let xp = x.pointer, tx = trialX.pointer, gp = gradient.pointer, tg = trialG.pointer
    for j in 0..<n {
      sp[j] = tx[j] - xp[j]
      yp[j] = tg[j] - gp[j]
    }
    let sy = LineSearchKernels.dot(spareS, spareY)
    if sy > 0 {
      let slot = (newest + 1) % history
      swap(&s[slot], &spareS)
      swap(&y[slot], &spareY)
      rho[slot] = 1 / sy
      newest = slot
      pairCount = Swift.min(pairCount + 1, history)
    } else {
      skippedUpdates += 1
    }
    x.copy(from: trialX)
    gradient.copy(from: trialG)
    value = newValue
    return LineSearchStep(
      objectiveBefore: before, objective: newValue, step: r.step,
      gradientNorm: VectorMath.norm(gradient.pointer, n), wolfe: r.satisfied, evaluations: r.evaluations,
      gradients: gradients, steepestDescent: steepest)
  }

  /// The state to checkpoint: x, ∇f, the pairs (oldest first) and the scalars.
  public var state: (vectors: [String: [S]], scalars: [String: Double]) {
    var vectors = ["theta": x.array, "gradient": gradient.array]
    for (k, pair) in pairs.enumerated() {
      vectors["s\(k)"] = pair.s
      vectors["y\(k)"] = pair.y
    }
    let scalars: [String: Double] = [
      "value": value, "started": started ? 1 : 0, "pairs": Double(pairCount), "iterations": Double(iterations),
      "skipped": Double(skippedUpdates), "resets": Double(resets),
    ]
    return (vectors, scalars)
  }

  /// Restores a checkpointed `state` (pairs beyond `history` are dropped, oldest first).
  public func restore(vectors: [String: [S]], scalars: [String: Double]) throws(DataError) {
    let saved = RacerState<S>(vectors: vectors, scalars: scalars, counters: RacerCounters(iteration: 0, dataPasses: 0, updates: 0, cursor: 0, lastObjective: nil))
    try saved.load(["theta": x, "gradient": gradient])
    let count = Int(try saved.scalar("pairs"))
    let kept = Swift.min(count, history)
    for k in 0..<kept {
      let from = count - kept + k
      try saved.load(["s\(from)": s[k], "y\(from)": y[k]])
      rho[k] = 1 / LineSearchKernels.dot(s[k], y[k])
    }
    pairCount = kept
    newest = kept - 1
    value = try saved.scalar("value")
    started = try saved.scalar("started") != 0
    iterations = Int(try saved.scalar("iterations"))
    skippedUpdates = Int(try saved.scalar("skipped"))
    resets = Int(try saved.scalar("resets"))
  }
}
