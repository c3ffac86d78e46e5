/// Mini-batch stochastic gradient descent with momentum: Nesterov's accelerated gradient (kind
/// `.sgd`) or classical momentum (kind `.momentum`), both under the momentum schedule of
/// Sutskever, Martens, Dahl & Hinton (2013, eqs. 1–5), from the run's initial θ:
///
///     classical: v ← μv − ε∇f(θ),        θ ← θ + v
///     Nesterov:  v ← μv − ε∇f(θ + μv),   θ ← θ + v
///
/// with μ = `MomentumSchedule.sutskever(update: t, maximum: μ_max)` and ε from the learning-rate
/// schedule, t the update count. Mini-batches are consecutive row ranges of the training set,
/// which `TrainingSetup` shuffled once from the seed, cycled in order (no reshuffles: the run is
/// deterministic without a generator of its own).
///
/// One `step` is one reporting interval: `passesPerReport` data passes of updates, then the
/// monitoring evaluation (see `RacerRun`). A stop from the observer is honoured when the step
/// starts (`.iterationStarted`); there are no events between updates, so a running interval
/// always completes. An interval that leaves θ or the objective non-finite is undone (θ back to
/// its start, v zeroed) and the learning rate is halved from then on (`RacerRun.stepScale`).
public final class SGDOptimizer<S: HFScalar>: TrainingOptimizer {
  /// `.sgd` (Nesterov) or `.momentum` (classical).
  public let kind: OptimizerKind
  /// Settings; changes take effect at the next `step`.
  public var settings: RacerSettings
  /// The velocity v.
  public let velocity: Buffer<S>
  let run: RacerRun<S>
  let gradient: Buffer<S>, lookahead: Buffer<S>

  /// A racer of `kind` (`.sgd` or `.momentum`) on `problem` from `initialTheta`.
  public init(
    kind: OptimizerKind = .sgd, problem: any RacerProblem<S>, settings: RacerSettings, weightCost: Double,
    testInterval: Int = 1, threads: Int = 1, initialTheta: [S]
  ) {
    precondition(kind == .sgd || kind == .momentum, "SGDOptimizer runs .sgd or .momentum")
    self.kind = kind
    self.settings = settings
    run = RacerRun(
      kind: kind, problem: problem, weightCost: weightCost, testInterval: testInterval, threads: threads,
      theta: Buffer(initialTheta))
    velocity = Buffer(count: initialTheta.count)
    gradient = Buffer(count: initialTheta.count)
    lookahead = Buffer(count: initialTheta.count)
  }

  public var theta: Buffer<S> { run.theta }
  public var iteration: Int { run.iteration }
  public var dataPasses: Double { run.dataPasses }
  /// A stop requested through it abandons the running step with nothing changed (`RacerRun.abandonable`).
  public var interruption: Interruption? {
    get { run.problem.interruption }
    set { run.problem.interruption = newValue }
  }
  /// Mini-batch updates made so far (t).
  public var updates: Int { run.updates }
  /// Whether the gradient is taken at the look-ahead point θ + μv.
  public var nesterov: Bool { kind == .sgd }

  @discardableResult
  public func step(observer: (HFEvent) -> HFDirective = { _ in .proceed }) -> IterationReport? {
    WorkerTeam.run(threads: run.threads) { run.abandonable(self, observer: observer) { iterate(observer: $0) } }
  }

  @_specialize(where S == Float)
  @_specialize(where S == Double)
  private func iterate(observer: (HFEvent) -> HFDirective) -> IterationReport? {
    let clock = PhaseClock()
    guard let before = run.begin(observer: observer) else { return nil }
    let n = run.n, th = theta.pointer, v = velocity.pointer, g = gradient.pointer, ahead = lookahead.pointer
    var rate = 0.0, mu = 0.0
    run.forEachMiniBatch(size: settings.batchSize, passes: settings.passesPerReport) { rows in
      mu = MomentumSchedule.sutskever(update: run.updates, maximum: settings.momentumMax)
      rate = settings.schedule.rate(base: settings.learningRate, update: run.updates) * run.stepScale
      let m = S(mu), e = S(rate)
      if nesterov {
        for j in 0..<n { ahead[j] = th[j] + m * v[j] }
        _ = run.gradient(at: lookahead, rows: rows, into: gradient)
      } else {
        _ = run.gradient(at: theta, rows: rows, into: gradient)
      }
      for j in 0..<n {
        let vj = m * v[j] - e * g[j]
        v[j] = vj
        th[j] += vj
      }
    }
    var (f, sums) = run.monitor()
    let bad = run.containNonFinite(objective: f)
    if bad != nil {
      velocity.zero()
      (f, sums) = run.monitor()
    }
    return run.finish(
      objective: f, sums: sums, before: before, gradient: gradient, stepRate: bad == nil ? rate : 0, accepted: bad == nil,
      learningRate: rate, momentum: mu, seconds: clock.total, nonFinite: bad, observer: observer)
  }

  /// The state a checkpoint needs beyond the settings: θ, v and the counters.
  public var state: RacerState<S> {
    RacerState(
      vectors: ["theta": theta.array, "velocity": velocity.array],
      counters: RacerCounters(run))
  }

  /// Restores a checkpointed `state`.
  public func restore(_ state: RacerState<S>) throws(DataError) {
    try state.load(["theta": theta, "velocity": velocity])
    state.counters.apply(to: run)
  }
}
