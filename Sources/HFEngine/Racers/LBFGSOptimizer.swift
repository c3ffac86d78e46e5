/// L-BFGS as a racer: one `step` is one `LBFGSMinimizer` iteration (two-loop direction, strong-Wolfe
/// line search, pair update) on the full training set, or on its first `fullBatchSize` cases.
/// Passes: 1 per gradient (each line-search point that passes sufficient decrease, plus the
/// start-up gradient) and 1/3 per f-only line-search evaluation; monitoring is free (`RacerRun`).
/// A stop is honoured at the step's start.
public final class LBFGSOptimizer<S: HFScalar>: TrainingOptimizer {
  /// The method's state (x is θ).
  public let minimizer: LBFGSMinimizer<S>
  /// The latest iteration's line-search figures.
  public private(set) var lastStep: LineSearchStep?
  let run: RacerRun<S>
  let rows: Range<Int>

  /// An L-BFGS racer on `problem` from `initialTheta`.
  public init(
    problem: any RacerProblem<S>, settings: RacerSettings, weightCost: Double, testInterval: Int = 1, threads: Int = 1,
    initialTheta: [S]
  ) {
    minimizer = LBFGSMinimizer(initial: initialTheta, history: settings.lbfgsHistory)
    run = RacerRun(
      kind: .lbfgs, problem: problem, weightCost: weightCost, testInterval: testInterval, threads: threads,
      theta: minimizer.x)
    rows = run.fullRows(settings.fullBatchSize)
  }

  public var kind: OptimizerKind { .lbfgs }
  public var theta: Buffer<S> { run.theta }
  public var iteration: Int { run.iteration }
  public var dataPasses: Double { run.dataPasses }

  @discardableResult
  public func step(observer: (HFEvent) -> HFDirective = { _ in .proceed }) -> IterationReport? {
    WorkerTeam.run(threads: run.threads) {
      guard let (report, step) = run.lineSearchStep(
        rows: rows, gradient: minimizer.gradient, observer: observer, iterate: { minimizer.iterate($0) })
      else { return nil }
      lastStep = step
      return report
    }
  }

  /// The state a checkpoint needs beyond the settings: the minimizer's vectors and scalars, and the counters.
  public var state: RacerState<S> {
    let m = minimizer.state
    return RacerState(vectors: m.vectors, scalars: m.scalars, counters: RacerCounters(run))
  }

  /// Restores a checkpointed `state`.
  public func restore(_ state: RacerState<S>) throws(DataError) {
    try minimizer.restore(vectors: state.vectors, scalars: state.scalars)
    state.counters.apply(to: run)
  }
}
