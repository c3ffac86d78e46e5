/// Why non-linear CG went back to steepest descent.
public enum NCGRestart: String, Sendable, CaseIterable, Codable {
  /// The Polak–Ribière β was ≤ 0 (PR+: β = max(0, β)).
  case betaNonPositive
  /// The restart interval elapsed.
  case periodic
  /// Powell's test |gₖᵀgₖ₋₁| ≥ 0.2‖gₖ‖²: consecutive gradients far from orthogonal, conjugacy lost.
  case powell
  /// The new direction was not a descent direction.
  case notDescent
  /// The previous line search failed.
  case lineSearchFailed
}

/// Non-linear conjugate gradient, Polak–Ribière+ (Nocedal & Wright §5.2, eq. 5.44–5.45; Powell
/// 1977 for the restart test) with a strong-Wolfe line search (c₂ = 0.1) — the optimizer Hinton &
/// Salakhutdinov (2006) fine-tuned their autoencoders with and Martens (2010) compares against:
///
///     β = max(0, gₖᵀ(gₖ − gₖ₋₁) / ‖gₖ₋₁‖²),   dₖ = −gₖ + β dₖ₋₁
///
/// restarting with dₖ = −gₖ when β ≤ 0, every `restartInterval` iterations, when Powell's test
/// shows lost conjugacy, when dₖ is not a descent direction, and after a failed line search (one
/// that found nothing, or ended where the objective or gradient is not finite: x stays).
/// The first step tries α = min(1, 1/‖g‖); later ones α₀ = αₖ₋₁·gₖ₋₁ᵀdₖ₋₁ / gₖᵀdₖ (N&W eq. 3.60).
public final class NonlinearCGMinimizer<S: HFScalar> {
  public let x: Buffer<S>, gradient: Buffer<S>
  /// f(x) (NaN until the first iteration).
  public private(set) var value = Double.nan
  /// Restart to steepest descent at least every this many iterations.
  public var restartInterval: Int
  public var lineSearch = WolfeLineSearch(c1: 1e-4, c2: 0.1)
  /// Iterations run, and restarts by reason.
  public private(set) var iterations = 0
  public private(set) var restarts: [NCGRestart: Int] = [:]
  /// The reason of the latest iteration's restart (nil: it took a conjugate direction or was the first).
  public private(set) var lastRestart: NCGRestart?
  private var started = false, failed = false
  private var sinceRestart = 0
  private var previousSlope = 0.0, previousStep = 0.0
  private let direction: Buffer<S>, previousGradient: Buffer<S>, trialX: Buffer<S>, trialG: Buffer<S>

  public init(initial: [S], restartInterval: Int? = nil) {
    let n = initial.count
    x = Buffer(initial)
    gradient = Buffer(count: n)
    self.restartInterval = Swift.max(1, restartInterval ?? n)
    direction = Buffer(count: n)
    previousGradient = Buffer(count: n)
    trialX = Buffer(count: n)
    trialG = Buffer(count: n)
  }

  /// Restarts counted over all reasons.
  public var restartCount: Int { restarts.values.reduce(0, +) }

  /// The restart rule on the scalars it reads: ‖gₖ‖², gₖᵀgₖ₋₁, ‖gₖ₋₁‖² and iterations since the
  /// last restart. Returns the PR+ β, or the reason to restart (periodic, β ≤ 0, Powell, in that order).
  public static func conjugacy(
    gradientSquared gg: Double, gradientDotPrevious gp: Double, previousSquared pp: Double, sinceRestart: Int,
    interval: Int
  ) -> (beta: Double, restart: NCGRestart?) {
    if sinceRestart >= interval { return (0, .periodic) }
    let beta = (gg - gp) / pp
    if !(beta > 0) { return (0, .betaNonPositive) }
    if abs(gp) >= 0.2 * gg { return (0, .powell) }
    return (beta, nil)
  }

  /// One iteration: direction (with the restart tests), line search, move. The first call also
  /// evaluates ∇f(x).
  @discardableResult
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func iterate(_ objective: SmoothObjective<S>) -> LineSearchStep {
    var gradients = 0
    let n = x.count, d = direction.pointer, g = gradient.pointer
    var restart: NCGRestart? = nil
    var steepest = true
    if !started {
      value = objective.valueAndGradient(x, gradient)
      gradients += 1
      started = true
      for j in 0..<n { d[j] = -g[j] }
    } else if failed {
      restart = .lineSearchFailed
      for j in 0..<n { d[j] = -g[j] }
    } else {
      let rule = Self.conjugacy(
        gradientSquared: LineSearchKernels.dot(gradient, gradient),
        gradientDotPrevious: LineSearchKernels.dot(gradient, previousGradient),
        previousSquared: LineSearchKernels.dot(previousGradient, previousGradient), sinceRestart: sinceRestart,
        interval: restartInterval)
      restart = rule.restart
      let b = S(rule.beta)
      for j in 0..<n { d[j] = -g[j] + b * d[j] }
      steepest = rule.restart != nil
    }
    var slope0 = LineSearchKernels.dot(gradient, direction)
    if !(slope0 < 0) && !steepest {
      restart = .notDescent
      for j in 0..<n { d[j] = -g[j] }
      slope0 = LineSearchKernels.dot(gradient, direction)
      steepest = true
    }
    if let restart { restarts[restart, default: 0] += 1 }
    lastRestart = restart
    sinceRestart = steepest ? 1 : sinceRestart + 1
    iterations += 1
    let gNorm = VectorMath.norm(g, n)
    let before = value
    var initialStep = Swift.min(1, 1 / Swift.max(gNorm, 1e-300))
    if previousStep > 0, slope0 < 0 {
      let guess = previousStep * previousSlope / slope0
      if guess.isFinite && guess > 0 { initialStep = guess }
    }
    let r = lineSearch.search(
      along: direction, from: x, objective: objective, f0: value, slope0: slope0, initialStep: initialStep,
      trialX: trialX, trialG: trialG)
    gradients += r.slopes
    func rejected() -> LineSearchStep {
      failed = true
      previousStep = 0
      return LineSearchStep(
        objectiveBefore: before, objective: before, step: 0, gradientNorm: gNorm, wolfe: false,
        evaluations: r.evaluations, gradients: gradients, steepestDescent: steepest)
    }
    guard r.step > 0 else { return rejected() }
    LineSearchKernels.offset(x, r.step, direction, into: trialX)
    var newValue = r.value
    if !r.gradientAtStep {
      newValue = objective.valueAndGradient(trialX, trialG)
      gradients += 1
    }
    guard newValue.isFinite, VectorMath.firstNonFinite(trialG.pointer, n) == nil else { return rejected() }
    failed = false
    previousGradient.copy(from: gradient)
    x.copy(from: trialX)
    gradient.copy(from: trialG)
    value = newValue
    previousStep = r.step
    previousSlope = slope0
    return LineSearchStep(
      objectiveBefore: before, objective: newValue, step: r.step, gradientNorm: VectorMath.norm(g, n),
      wolfe: r.satisfied, evaluations: r.evaluations, gradients: gradients, steepestDescent: steepest)
  }

  /// The state to checkpoint: x, ∇f, the previous gradient and direction, and the scalars.
  public var state: (vectors: [String: [S]], scalars: [String: Double]) {
    var scalars: [String: Double] = [
      "value": value, "started": started ? 1 : 0, "failed": failed ? 1 : 0, "sinceRestart": Double(sinceRestart),
      "previousSlope": previousSlope, "previousStep": previousStep, "iterations": Double(iterations),
    ]
    for (reason, count) in restarts { scalars["restart." + reason.rawValue] = Double(count) }
    let vectors = [
      "theta": x.array, "gradient": gradient.array, "previous_gradient": previousGradient.array,
      "direction": direction.array,
    ]
    return (vectors, scalars)
  }

  /// Restores a checkpointed `state`.
  public func restore(vectors: [String: [S]], scalars: [String: Double]) throws(DataError) {
    let saved = RacerState<S>(vectors: vectors, scalars: scalars, counters: RacerCounters(iteration: 0, dataPasses: 0, updates: 0, cursor: 0, lastObjective: nil))
    try saved.load(["theta": x, "gradient": gradient, "previous_gradient": previousGradient, "direction": direction])
    value = try saved.scalar("value")
    started = try saved.scalar("started") != 0
    failed = try saved.scalar("failed") != 0
    sinceRestart = Int(try saved.scalar("sinceRestart"))
    previousSlope = try saved.scalar("previousSlope")
    previousStep = try saved.scalar("previousStep")
    iterations = Int(try saved.scalar("iterations"))
    restarts = [:]
    for reason in NCGRestart.allCases {
      if let c = scalars["restart." + reason.rawValue] { restarts[reason] = Int(c) }
    }
  }
}
