/// A full-batch minimizer that moves by line searches along its own directions (L-BFGS, NCG).
public protocol LineSearchMinimizer<Scalar>: AnyObject {
  associatedtype Scalar: HFScalar
  /// The iterate and the gradient at it.
  var x: Buffer<Scalar> { get }
  var gradient: Buffer<Scalar> { get }
  /// One iteration: a direction, a line search along it, the method's update.
  func iterate(_ objective: SmoothObjective<Scalar>) -> LineSearchStep
  /// The state a checkpoint keeps, and its restoration.
  var state: (vectors: [String: [Scalar]], scalars: [String: Double]) { get }
  func restore(vectors: [String: [Scalar]], scalars: [String: Double]) throws(DataError)
}

extension LBFGSMinimizer: LineSearchMinimizer {}
extension NonlinearCGMinimizer: LineSearchMinimizer {}

/// A line-search minimizer as a racer: one `step` is one minimizer iteration on the full training
/// set, or on its first `fullBatchSize` cases. Passes: 1 per gradient (each line-search point that
/// passes sufficient decrease, plus the start-up gradient) and 1/3 per f-only line-search
/// evaluation; monitoring is free (`RacerRun`). A stop is honoured at the step's start.
public final class LineSearchRacer<S: HFScalar, M: LineSearchMinimizer>: TrainingOptimizer where M.Scalar == S {
  /// The method's state (x is θ).
  public let minimizer: M
  /// The latest iteration's line-search figures.
  public private(set) var lastStep: LineSearchStep?
  public let kind: OptimizerKind
  let run: RacerRun<S>
  let rows: Range<Int>

  init(
    kind: OptimizerKind, minimizer: M, problem: any RacerProblem<S>, settings: RacerSettings, weightCost: Double,
    testInterval: Int, threads: Int
  ) {
    self.kind = kind
    self.minimizer = minimizer
    run = RacerRun(
      kind: kind, problem: problem, weightCost: weightCost, testInterval: testInterval, threads: threads,
      theta: minimizer.x)
    rows = run.fullRows(settings.fullBatchSize)
  }

  public var theta: Buffer<S> { run.theta }
  public var iteration: Int { run.iteration }
  public var dataPasses: Double { run.dataPasses }
  /// A stop requested through it abandons the running step with nothing changed (`RacerRun.abandonable`).
  public var interruption: Interruption? {
    get { run.problem.interruption }
    set { run.problem.interruption = newValue }
  }

  @discardableResult
  public func step(observer: (HFEvent) -> HFDirective = { _ in .proceed }) -> IterationReport? {
    WorkerTeam.run(threads: run.threads) {
      var taken: LineSearchStep?
      let report = run.abandonable(self, observer: observer) { observe in
        guard let (report, step) = run.lineSearchStep(
          rows: rows, gradient: minimizer.gradient, observer: observe, iterate: { minimizer.iterate($0) })
        else { return nil }
        taken = step
        return report
      }
      if report != nil, let taken { lastStep = taken }
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

/// L-BFGS as a racer (two-loop direction, strong-Wolfe line search, pair update).
public typealias LBFGSOptimizer<S: HFScalar> = LineSearchRacer<S, LBFGSMinimizer<S>>
/// Non-linear CG (Polak–Ribière+ with restarts) as a racer.
public typealias NonlinearCGOptimizer<S: HFScalar> = LineSearchRacer<S, NonlinearCGMinimizer<S>>

extension LineSearchRacer where M == LBFGSMinimizer<S> {
  /// An L-BFGS racer on `problem` from `initialTheta`.
  public convenience init(
    problem: any RacerProblem<S>, settings: RacerSettings, weightCost: Double, testInterval: Int = 1, threads: Int = 1,
    initialTheta: [S]
  ) {
    self.init(
      kind: .lbfgs, minimizer: LBFGSMinimizer(initial: initialTheta, history: settings.lbfgsHistory), problem: problem,
      settings: settings, weightCost: weightCost, testInterval: testInterval, threads: threads)
  }
}

extension LineSearchRacer where M == NonlinearCGMinimizer<S> {
  /// An NCG racer on `problem` from `initialTheta`.
  public convenience init(
    problem: any RacerProblem<S>, settings: RacerSettings, weightCost: Double, testInterval: Int = 1, threads: Int = 1,
    initialTheta: [S]
  ) {
    self.init(
      kind: .ncg, minimizer: NonlinearCGMinimizer(initial: initialTheta, restartInterval: settings.ncgRestartInterval),
      problem: problem, settings: settings, weightCost: weightCost, testInterval: testInterval, threads: threads)
  }
}
