import Foundation

/// Adam (Kingma & Ba 2015, Algorithm 1) on the same mini-batches as `SGDOptimizer`:
///
///     m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²,
///     θ ← θ − α·m̂ / (√v̂ + ε),   m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ)
///
/// with β₁ = 0.9, β₂ = 0.999, ε = 1e-8, t the update count from 1, and α = `adamRate` (under the
/// learning-rate schedule). One `step` is `passesPerReport` passes of updates; a stop is honoured
/// at the step's start only (see `SGDOptimizer`). A step that leaves θ or the objective
/// non-finite is undone (θ back to its start, m and v zeroed) and α is halved from then on.
public final class AdamOptimizer<S: HFScalar>: TrainingOptimizer {
  public let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8
  /// Settings; changes take effect at the next `step`.
  public var settings: RacerSettings
  /// First and second moment estimates m and v.
  public let firstMoment: Buffer<S>, secondMoment: Buffer<S>
  let run: RacerRun<S>
  let gradient: Buffer<S>

  /// An Adam racer on `problem` from `initialTheta`.
  public init(
    problem: any RacerProblem<S>, settings: RacerSettings, weightCost: Double, testInterval: Int = 1, threads: Int = 1,
    initialTheta: [S]
  ) {
    self.settings = settings
    run = RacerRun(
      kind: .adam, problem: problem, weightCost: weightCost, testInterval: testInterval, threads: threads,
      theta: Buffer(initialTheta))
    firstMoment = Buffer(count: initialTheta.count)
    secondMoment = Buffer(count: initialTheta.count)
    gradient = Buffer(count: initialTheta.count)
  }

  public var kind: OptimizerKind { .adam }
  public var theta: Buffer<S> { run.theta }
  public var iteration: Int { run.iteration }
  public var dataPasses: Double { run.dataPasses }
  /// A stop requested through it abandons the running step with nothing changed (`RacerRun.abandonable`).
  public var interruption: Interruption? {
    get { run.problem.interruption }
    set { run.problem.interruption = newValue }
  }
  /// Updates made so far (t).
  public var updates: Int { run.updates }

  @discardableResult
  public func step(observer: (HFEvent) -> HFDirective = { _ in .proceed }) -> IterationReport? {
    WorkerTeam.run(threads: run.threads) { run.abandonable(self, observer: observer) { iterate(observer: $0) } }
  }

  @_specialize(where S == Float)
  @_specialize(where S == Double)
  private func iterate(observer: (HFEvent) -> HFDirective) -> IterationReport? {
    let clock = PhaseClock()
    guard let before = run.begin(observer: observer) else { return nil }
    let n = run.n, th = theta.pointer, m = firstMoment.pointer, v = secondMoment.pointer, g = gradient.pointer
    var rate = 0.0
    run.forEachMiniBatch(size: settings.batchSize, passes: settings.passesPerReport) { rows in
      _ = run.gradient(at: theta, rows: rows, into: gradient)
      rate = settings.schedule.rate(base: settings.adamRate, update: run.updates) * run.stepScale
      let t = Double(run.updates + 1)
      let b1 = S(beta1), b2 = S(beta2), c1 = S(1 - beta1), c2 = S(1 - beta2), eps = S(epsilon)
      // α·m̂/(√v̂ + ε) = a·m / (√v·s + ε) with a = α/(1 − β₁ᵗ), s = 1/√(1 − β₂ᵗ).
      let a = S(rate / (1 - pow(beta1, t))), s = S(1 / (1 - pow(beta2, t)).squareRoot())
      for j in 0..<n {
        let gj = g[j]
        let mj = b1 * m[j] + c1 * gj
        let vj = b2 * v[j] + c2 * gj * gj
        m[j] = mj
        v[j] = vj
        th[j] -= a * mj / (vj.squareRoot() * s + eps)
      }
    }
    var (f, sums) = run.monitor()
    let bad = run.containNonFinite(objective: f)
    if bad != nil {
      firstMoment.zero()
      secondMoment.zero()
      (f, sums) = run.monitor()
    }
    return run.finish(
      objective: f, sums: sums, before: before, gradient: gradient, stepRate: bad == nil ? rate : 0, accepted: bad == nil,
      learningRate: rate, momentum: beta1, seconds: clock.total, nonFinite: bad, observer: observer)
  }

  /// The state a checkpoint needs beyond the settings: θ, m, v and the counters.
  public var state: RacerState<S> {
    RacerState(
      vectors: ["theta": theta.array, "m": firstMoment.array, "v": secondMoment.array], counters: RacerCounters(run))
  }

  /// Restores a checkpointed `state`.
  public func restore(_ state: RacerState<S>) throws(DataError) {
    try state.load(["theta": theta, "m": firstMoment, "v": secondMoment])
    state.counters.apply(to: run)
  }
}
