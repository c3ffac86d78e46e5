/// The bookkeeping every racer shares: θ and its copy at the start of a step, the counters, the
/// objective with weight cost, the mini-batch cursor, monitoring, and the report.
///
/// Monitoring: after every step the objective and error are evaluated on the full training set
/// (and on the test set every `testInterval` steps) so that all methods report comparable
/// numbers; these forward passes are *not* charged to `dataPasses`, which counts only the work
/// the method itself needs (a gradient on b cases = b/N, a forward evaluation on b cases = b/(3N),
/// as `FeedForwardProblem.passCosts`).
///
/// The HF-only report fields stay neutral: λ 0, ρ NaN, no CG iterations or curvature products,
/// `cgReason` `.converged` (nothing was interrupted), curvature batch 0.
///
/// Non-finite numbers are contained (`containNonFinite`): a step that leaves θ or the objective
/// NaN or infinite is undone — θ restored to the step's start — and `stepScale` halves, so the
/// method's next steps are shorter; the report's `nonFinite` says so.
final class RacerRun<S: HFScalar> {
  let kind: OptimizerKind
  let problem: any RacerProblem<S>
  let weightCost: Double
  let testInterval: Int
  let threads: Int
  let theta: Buffer<S>
  /// θ at the start of the running step (stop restores it; the step norms are measured from it).
  let start: Buffer<S>
  /// Scratch for θ − start.
  let difference: Buffer<S>
  var iteration = 0
  var dataPasses = 0.0
  /// Mini-batch updates made so far (the t of the schedules).
  var updates = 0
  /// The next mini-batch's first row.
  var cursor = 0
  /// The last monitored training objective (the next report's `objectiveBefore`).
  var lastObjective: Double?
  /// The factor the method scales its step (learning rate) by: halved after each non-finite step.
  var stepScale = 1.0

  init(kind: OptimizerKind, problem: any RacerProblem<S>, weightCost: Double, testInterval: Int, threads: Int, theta: Buffer<S>) {
    precondition(theta.count == problem.parameterCount)
    self.kind = kind
    self.problem = problem
    self.weightCost = weightCost
    self.testInterval = testInterval
    self.threads = Swift.max(1, threads)
    self.theta = theta
    start = Buffer(count: theta.count)
    difference = Buffer(count: theta.count)
  }

  var n: Int { theta.count }
  var caseCount: Int { problem.caseCount }

  /// The next `size` rows of the training set, cycling (the last batch of a pass may be shorter).
  func nextBatch(size: Int) -> Range<Int> {
    let total = caseCount
    if cursor >= total { cursor = 0 }
    let rows = cursor..<Swift.min(total, cursor + Swift.max(1, size))
    cursor = rows.upperBound
    return rows
  }

  /// Runs `body` on consecutive mini-batches of `size` rows until `passes` passes over the
  /// training set are done (at least one batch), counting updates.
  func forEachMiniBatch(size: Int, passes: Double, _ body: (Range<Int>) -> Void) {
    var spent = 0.0
    repeat {
      if interrupted { return }  // the step is abandoned and its state put back
      let rows = nextBatch(size: size)
      body(rows)
      updates += 1
      spent += Double(rows.count) / Double(caseCount)
    } while spent < passes - 1e-9
  }

  /// The rows NCG and L-BFGS work on: the first `size` rows, or all.
  func fullRows(_ size: Int?) -> Range<Int> { 0..<Swift.min(caseCount, size ?? caseCount) }

  /// ‖x‖² in Double.
  func squaredNorm(_ x: Buffer<S>) -> Double { VectorMath.dot(x.pointer, x.pointer, n) }

  /// f(x) = mean loss + wc/2‖x‖² and ∇f (weight cost included) on `rows`; charges |rows|/N passes.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func gradient(at x: Buffer<S>, rows: Range<Int>, into g: Buffer<S>) -> (f: Double, sums: EvaluationSums) {
    let sums = problem.gradient(theta: x, rows: rows, into: g)
    dataPasses += Double(rows.count) / Double(caseCount)
    if weightCost != 0 { VectorMath.axpy(S(weightCost), x.pointer, g.pointer, n) }
    return (sums.meanLoss + 0.5 * weightCost * squaredNorm(x), sums)
  }

  /// f(x) on `rows` (forward only); charges |rows|/(3N) passes.
  func value(at x: Buffer<S>, rows: Range<Int>) -> (f: Double, sums: EvaluationSums) {
    let sums = problem.evaluate(theta: x, rows: rows)
    dataPasses += Double(rows.count) / (3 * Double(caseCount))
    return (sums.meanLoss + 0.5 * weightCost * squaredNorm(x), sums)
  }

  /// f(θ) and its sums on the full training set, uncharged (monitoring).
  func monitor() -> (f: Double, sums: EvaluationSums) {
    let sums = problem.evaluate(theta: theta, rows: 0..<caseCount)
    return (sums.meanLoss + 0.5 * weightCost * squaredNorm(theta), sums)
  }

  /// Opens a step: announces it, and unless stopped keeps θ and returns the objective before it.
  func begin(observer: (HFEvent) -> HFDirective) -> Double? {
    if observer(.iterationStarted(iteration: iteration + 1, lambda: 0)) == .stop { return nil }
    start.copy(from: theta)
    if let f = lastObjective { return f }
    let f = monitor().f
    lastObjective = f
    return f
  }

  /// Undoes a step that went non-finite: when `objective` or θ is NaN or infinite, θ goes back to
  /// the step's start and `stepScale` halves. Returns what was non-finite (nil: the step stands).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func containNonFinite(objective: Double) -> NonFiniteValue? {
    let bad: NonFiniteValue
    if let value = VectorMath.firstNonFinite(theta.pointer, n) {
      bad = NonFiniteValue(.parameters, in: .update, value: value)
    } else if !objective.isFinite {
      bad = NonFiniteValue(.objective, in: .update, value: objective)
    } else {
      return nil
    }
    theta.copy(from: start)
    stepScale *= 0.5
    return bad
  }

  /// Closes a step: step norms from θ − start, test evaluation, the report and its event.
  func finish(
    objective: Double, sums: EvaluationSums, before: Double, gradient: Buffer<S>, stepRate: Double, accepted: Bool,
    learningRate: Double?, momentum: Double?, seconds: Double, nonFinite: NonFiniteValue? = nil,
    observer: (HFEvent) -> HFDirective
  ) -> IterationReport {
    let it = iteration + 1
    let th = theta.pointer, st = start.pointer, d = difference.pointer
    for j in 0..<n { d[j] = th[j] - st[j] }
    var testObjective: Double? = nil, testError: Double? = nil
    // A step a stop is abandoning skips its test evaluation (its report is never sent).
    if testInterval > 0, it % testInterval == 0, !interrupted, let s = problem.evaluateTest(theta: theta) {
      testObjective = s.meanLoss + 0.5 * weightCost * squaredNorm(theta)
      testError = s.meanError
    }
    iteration = it
    lastObjective = objective
    var times = PhaseTimes()
    times.total = seconds
    var report = IterationReport(
      iteration: it, objective: objective, error: sums.meanError, objectiveBefore: before,
      testObjective: testObjective, testError: testError, lambdaBefore: 0, lambdaAfter: 0, rho: .nan,
      rhoModel: .undamped, cgIterations: 0, cgChosen: 0, cgReason: .converged, stepRate: stepRate,
      accepted: accepted, gradientNorm: VectorMath.norm(gradient.pointer, n),
      stepNorm: VectorMath.norm(d, n), layerGradientNorms: problem.groupNorms(gradient.pointer),
      layerStepNorms: problem.groupNorms(d), curvatureProducts: 0, dataPasses: dataPasses, curvatureBatch: 0,
      curvatureType: .gaussNewton, times: times)
    report.optimizer = kind
    report.learningRate = learningRate
    report.momentum = momentum
    report.nonFinite = nonFinite
    _ = observer(.iterationFinished(report))
    return report
  }
}
