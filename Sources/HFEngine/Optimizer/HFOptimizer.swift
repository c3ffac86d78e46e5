import Dispatch
import Foundation

/// Martens' Hessian-free optimizer (2010): one `step` is one HF iteration — gradient, damped
/// curvature CG, iterate backtracking, ρ, line search, λ update — on any `HFProblem`.
///
/// Non-finite numbers never trap: when the objective, the gradient, the preconditioner, the
/// damping, a curvature product, CG's φ or ρ is NaN or infinite the iteration is rejected — θ
/// kept, the warm start dropped, λ raised (unless frozen) — and its report's `nonFinite` says
/// which value went non-finite in which phase. A trial point that backtracking or the line
/// search discards may be non-finite without rejecting the iteration.
public final class HFOptimizer<S: HFScalar> {
  /// Settings; changes take effect at the next `step`.
  public var config: HFConfig
  public let problem: any HFProblem<S>
  /// The parameters θ.
  public let theta: Buffer<S>
  /// The current damping λ.
  public var lambda: Double
  /// Completed HF iterations.
  public internal(set) var iteration = 0
  /// Data passes spent so far (see `IterationReport.dataPasses`).
  public private(set) var dataPasses = 0.0
  /// The previous final CG iterate (the warm start before decay).
  public let warmStart: Buffer<S>
  /// Keeps other ranks in step in a distributed run (rank 0's optimizer; nil otherwise).
  public var coordinator: StepCoordinator<S>?
  /// Polled outside CG: inside the gradient and objective passes between blocks of rows (the
  /// problem abandons the pass), after the gradient, after the curvature batch, and before each
  /// backtracking and line-search evaluation. Once requested, the running iteration is abandoned
  /// with nothing changed, as a stop at a CG step abandons it. Only a single-process run polls it
  /// (a distributed run stops where its ranks agree: at CG steps).
  public var interruption: Interruption? {
    didSet { problem.interruption = coordinator == nil ? interruption : nil }
  }

  /// A stop was requested and this optimizer can take it outside a CG step.
  private var interrupted: Bool { coordinator == nil && interruption?.isRequested == true }

  let cg: ConjugateGradient<S>
  /// ∇f, then Σg²/N turned into the preconditioner in place, −∇f, and θ + s·p.
  let grad: Buffer<S>, grad2: Buffer<S>, rhs: Buffer<S>, trial: Buffer<S>

  public init(problem: any HFProblem<S>, config: HFConfig, initialTheta: [S]) {
    precondition(initialTheta.count == problem.parameterCount)
    self.problem = problem
    self.config = config
    lambda = config.initialLambda
    let n = problem.parameterCount
    theta = Buffer(initialTheta)
    warmStart = Buffer(count: n)
    cg = ConjugateGradient(dimension: n)
    grad = Buffer(count: n)
    grad2 = Buffer(count: n)
    rhs = Buffer(count: n)
    trial = Buffer(count: n)
  }

  /// A feed-forward optimizer on a fixed training set.
  public convenience init(model: FeedForwardModel<S>, train: DataMatrix<S>, test: DataMatrix<S>?, config: HFConfig, initialTheta: [S]) {
    self.init(problem: FeedForwardProblem(model: model, train: train, test: test), config: config, initialTheta: initialTheta)
  }

  /// Restores a checkpointed state (parameters, λ, warm start, counters).
  public func restore(theta values: [S], lambda: Double, warmStart ws: [S], iteration: Int, dataPasses: Double) {
    precondition(values.count == theta.count && ws.count == warmStart.count)
    theta.copy(from: Buffer(values))
    warmStart.copy(from: Buffer(ws))
    self.lambda = lambda
    self.iteration = iteration
    self.dataPasses = dataPasses
  }

  /// f(θ + s·p) on the backtracking data (or the curvature batch): mean loss plus weight cost.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func objective(step s: Double, along p: Buffer<S>?, curvatureBatch: Bool = false) -> (Double, EvaluationSums) {
    let n = theta.count, tp = trial.pointer, th = theta.pointer
    if let p {
      let a = S(s), pp = p.pointer
      for j in 0..<n { tp[j] = th[j] + a * pp[j] }
    } else {
      tp.update(from: th, count: n)
    }
    let sums = curvatureBatch ? problem.evaluateCurvatureBatch(theta: trial) : problem.evaluate(theta: trial)
    let costs = problem.passCosts
    dataPasses += curvatureBatch ? costs.curvatureEvaluation : costs.evaluation
    let f = sums.meanLoss + 0.5 * config.weightCost * VectorMath.dot(tp, tp, n)
    return (f, sums)
  }

  /// Runs one HF iteration, reporting through `observer`. Returns nil (and changes nothing)
  /// when the observer asked to stop mid-iteration.
  @discardableResult
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func step(observer: (HFEvent) -> HFDirective = { _ in .proceed }) -> IterationReport? {
    // One worker team serves every parallel pass of the iteration, so CG iterations allocate nothing.
    WorkerTeam.run(threads: config.threads) {
      guard let coordinator else { return iterate(observer: observer) }
      // Distributed: the other ranks take this state (sent first thing in `iterate`) and follow
      // every stop/proceed decision.
      return iterate { coordinator.relay(observer($0), at: $0) }
    }
  }

  /// Sets the counters a leading rank sent (a following rank, before each step).
  public func follow(iteration: Int, dataPasses: Double) {
    self.iteration = iteration
    self.dataPasses = dataPasses
  }

  @_specialize(where S == Float)
  @_specialize(where S == Double)
  private func iterate(observer: (HFEvent) -> HFDirective) -> IterationReport? {
    var clock = PhaseClock()
    let communicationBefore = problem.communicationSeconds
    coordinator?.lead(self)
    let it = iteration + 1
    let n = theta.count
    let wc = config.weightCost
    let lambdaBefore = lambda
    let passesBefore = dataPasses
    if observer(.iterationStarted(iteration: it, lambda: lambda)) == .stop { return nil }
    var times = PhaseTimes()

    // Gradient (and per-case squared gradients) on the gradient data.
    problem.beginIteration(it, config: config)
    let costs = problem.passCosts
    let gSums = problem.gradient(theta: theta, into: grad, squares: config.preconditioner ? grad2 : nil)
    // A pass cut short by a stop holds partial sums: abandon before anything reads them.
    if interrupted { return nil }
    dataPasses += costs.gradient
    let th = theta.pointer, g = grad.pointer
    let thetaNorm2 = VectorMath.dot(th, th, n)
    let f0 = gSums.meanLoss + 0.5 * wc * thetaNorm2
    VectorMath.axpy(S(wc), th, g, n)
    let gradientNorm = VectorMath.norm(g, n)
    let layerGradientNorms = problem.groupNorms(g)
    let timeProfile = problem.timeStepGradientNorms
    var rejection = Rejection(
      iteration: it, objective: f0, sums: gSums, lambdaBefore: lambdaBefore, gradientNorm: gradientNorm,
      layerGradientNorms: layerGradientNorms, timeProfile: timeProfile, communicationBefore: communicationBefore)
    if let bad = NonFiniteValue.first([(.objective, f0), (.gradient, gradientNorm)], in: .gradient) {
      times.gradient = clock.lap()
      return reject(bad, rejection, times: times, clock: clock, observer: observer)
    }
    if interrupted { dataPasses = passesBefore; return nil }

    // Curvature batch, preconditioner, CG.
    let cSums = problem.prepareCurvature(theta: theta, type: config.curvature)
    dataPasses += costs.curvatureSetup * (config.curvature == .gaussNewton ? 1 : 3)
    rejection.curvatureBatch = cSums.count
    if interrupted { dataPasses = passesBefore; return nil }
    let fk0 = cSums.meanLoss + 0.5 * wc * thetaNorm2
    if let bad = NonFiniteValue.first([(.objective, fk0)], in: .curvature) {
      times.gradient = clock.lap()
      return reject(bad, rejection, times: times, clock: clock, observer: observer)
    }
    let damping = S(wc + lambda)
    var preconditionerValue: Double? = nil
    if config.preconditioner {
      let g2 = grad2.pointer
      let shift = lambda + wc, alpha = config.preconditionerExponent
      for j in 0..<n { g2[j] = S(pow(Double(g2[j]) + shift, alpha)) }
      preconditionerValue = VectorMath.firstNonFinite(g2, n)
    }
    let structural = config.structuralDamping * lambda
    if let bad = NonFiniteValue.first(
      [(.damping, Double(damping)), (.structuralDamping, Double(S(structural))), (.preconditioner, preconditionerValue ?? 0)],
      in: .preconditioner)
    {
      times.gradient = clock.lap()
      return reject(bad, rejection, times: times, clock: clock, observer: observer)
    }
    for j in 0..<n { rhs.pointer[j] = -g[j] }
    // The decayed warm start goes into CG's preconditioned-residual buffer, which CG reads as x₀
    // before it first writes it.
    let decay = S(config.warmStartDecay), x0 = cg.y.pointer
    for j in 0..<n { x0[j] = decay * warmStart.pointer[j] }
    times.gradient = clock.lap()

    var products = 0
    let curvature = config.curvature
    let apply: (UnsafePointer<S>, UnsafeMutablePointer<S>) -> Void = { v, out in
      self.problem.curvatureProduct(theta: self.theta, v: v, into: out, type: curvature, structuralDamping: structural)
      for j in 0..<n { out[j] += damping * v[j] }
      products += 1
    }
    var stopped = false
    let result = cg.solve(
      apply: apply, b: rhs.pointer, x0: x0, preconditioner: config.preconditioner ? grad2 : nil,
      settings: config.cg
    ) { step in
      var s = step
      s.hfIteration = it
      if observer(.cgStep(s)) == .stop { stopped = true }
      return !stopped
    }
    if stopped { dataPasses = passesBefore; return nil }
    dataPasses += Double(products) * costs.curvatureProduct
    times.cg = clock.lap()
    rejection.products = products
    rejection.cgIterations = result.iterations
    if result.reason == .nonFinite || !cg.hasUsableStep {
      let (quantity, value) = result.nonFinite ?? (.noUsableStep, result.finalPhi)
      _ = observer(
        .cgFinished(
          CGSummary(
            hfIteration: it, iterations: result.iterations, reason: result.reason,
            stored: cg.stored.map { StoredIterate(i: $0.i, phi: $0.phi, objective: nil) }, chosen: 0,
            finalPhi: result.finalPhi)))
      return reject(NonFiniteValue(quantity, in: .cg, value: value), rejection, times: times, clock: clock, observer: observer)
    }

    // Backtrack over the stored iterates: walk back while the objective improves (a non-finite
    // objective counts as worse than any finite one).
    var stored = cg.stored.map { StoredIterate(i: $0.i, phi: $0.phi, objective: nil) }
    var chosen = stored.count - 1
    var (fBest, sumsBest) = objective(step: 1, along: cg.stored[chosen].x)
    stored[chosen].objective = fBest
    if config.backtracking {
      var j = chosen - 1
      while j >= 0 {
        if interrupted { break }
        let (fj, sj) = objective(step: 1, along: cg.stored[j].x)
        stored[j].objective = fj
        if fj.isFinite && (fj < fBest || !fBest.isFinite) {
          fBest = fj
          sumsBest = sj
          chosen = j
          j -= 1
        } else {
          break
        }
      }
    }
    if interrupted { dataPasses = passesBefore; return nil }
    let p = cg.stored[chosen].x
    times.backtracking = clock.lap()
    let spectrum = cg.spectrum(
      preconditioned: config.preconditioner, lambda: lambda, weightCost: wc,
      structuralDamping: problem.hasStructuralDamping ? structural : 0)
    _ = observer(
      .cgFinished(
        CGSummary(
          hfIteration: it, iterations: result.iterations, reason: result.reason, stored: stored,
          chosen: stored[chosen].i, finalPhi: result.finalPhi, spectrum: spectrum)))

    // ρ on the curvature batch.
    let pp = p.pointer
    let (fk1, _) = objective(step: 1, along: p, curvatureBatch: true)
    if interrupted { dataPasses = passesBefore; return nil }
    let damped = config.rhoModel == .damped
    let product = cg.ap  // free once CG has finished
    problem.curvatureProduct(
      theta: theta, v: pp, into: product.pointer, type: curvature, structuralDamping: damped ? structural : 0)
    products += 1
    dataPasses += costs.curvatureProduct
    let pCp = VectorMath.dot(pp, product.pointer, n)
    let pNorm2 = VectorMath.dot(pp, pp, n)
    let gp = VectorMath.dot(g, pp, n)
    var modelReduction = 0.5 * (pCp + wc * pNorm2) + gp
    if damped { modelReduction += 0.5 * lambda * pNorm2 }
    let rho = DampingController.reductionRatio(oldObjective: fk0, newObjective: fk1, modelReduction: modelReduction)
    rejection.products = products
    // ρ = −∞ is the rule's own mark for an objective that rose; any other non-finite ρ rejects.
    let rose = rho == -.infinity && fk1 > fk0
    if let bad = NonFiniteValue.first([(.curvatureProduct, pCp), (.objective, fk1), (.rho, rose ? 0 : rho)], in: .rho) {
      times.lineSearch = clock.lap()
      return reject(bad, rejection, times: times, clock: clock, observer: observer)
    }

    // Armijo line search on the evaluation data (the gradient's, or a held-out batch whose
    // objective at θ is computed here so that both sides of the test use the same data).
    var rate = 1.0
    var fNew = fBest
    var sumsNew = sumsBest
    if config.lineSearch {
      var (fStart, sumsStart) = (f0, gSums)
      if !problem.evaluatesOnGradientData { (fStart, sumsStart) = objective(step: 0, along: nil) }
      if interrupted { dataPasses = passesBefore; return nil }
      if let bad = NonFiniteValue.first([(.objective, fStart)], in: .lineSearch) {
        times.lineSearch = clock.lap()
        return reject(bad, rejection, times: times, clock: clock, observer: observer)
      }
      let search = LineSearch(c: config.armijoC, shrink: config.lineSearchShrink, maxTries: config.lineSearchMaxTries)
      var lastSums = sumsBest
      let r = search.search(f0: fStart, slope: gp, fullStepObjective: fBest) { s in
        if interrupted { return .nan }  // the remaining tries cost nothing; abandoned below
        let (f, sums) = objective(step: s, along: p)
        lastSums = sums
        return f
      }
      rate = r.rate
      fNew = r.rate > 0 ? r.objective : fStart
      sumsNew = r.rate > 0 ? lastSums : sumsStart
    }
    // The last place to abandon the iteration: nothing of the optimizer's state has changed yet
    // (the warm start is taken from CG's final iterate only below).
    if interrupted { dataPasses = passesBefore; return nil }
    times.lineSearch = clock.lap()
    if let bad = NonFiniteValue.first([(.objective, fNew)], in: config.lineSearch ? .lineSearch : .backtracking) {
      return reject(bad, rejection, times: times, clock: clock, observer: observer)
    }

    warmStart.copy(from: cg.x)
    // λ update (Levenberg–Marquardt), then the parameter update.
    if config.adaptiveLambda {
      lambda = DampingController(config).updated(lambda: lambda, rho: rho)
      if rate == 0 { lambda = Swift.max(lambda, lambdaBefore * config.lambdaIncrease) }
    }
    let accepted = rate > 0
    var layerStepNorms = [Double](repeating: 0, count: problem.groupNames.count)
    if accepted {
      VectorMath.axpy(S(rate), pp, th, n)
      layerStepNorms = problem.groupNorms(pp).map { $0 * rate }
    } else {
      warmStart.zero()
    }
    let stepNorm = accepted ? pNorm2.squareRoot() * rate : 0

    // Test set.
    var testObjective: Double? = nil, testError: Double? = nil
    if config.testInterval > 0, it % config.testInterval == 0, let s = problem.evaluateTest(theta: theta) {
      testObjective = s.meanLoss + 0.5 * wc * VectorMath.dot(th, th, n)
      testError = s.meanError
    }
    times.evaluation = clock.lap()
    times.total = clock.total
    times.communication = problem.communicationSeconds - communicationBefore
    iteration = it
    var report = IterationReport(
      iteration: it, objective: fNew, error: sumsNew.meanError, objectiveBefore: f0,
      testObjective: testObjective, testError: testError, lambdaBefore: lambdaBefore, lambdaAfter: lambda,
      rho: rho, rhoModel: config.rhoModel, cgIterations: result.iterations, cgChosen: stored[chosen].i,
      cgReason: result.reason, stepRate: rate, accepted: accepted, gradientNorm: gradientNorm, stepNorm: stepNorm,
      layerGradientNorms: layerGradientNorms, layerStepNorms: layerStepNorms, curvatureProducts: products,
      dataPasses: dataPasses, curvatureBatch: cSums.count, curvatureType: curvature, times: times,
      timeStepGradientNorms: timeProfile)
    report.spectrumExtremes = spectrum.map(SpectrumExtremes.init)
    _ = observer(.iterationFinished(report))
    return report
  }
}

/// Measures phase durations for reports (never used for decisions).
struct PhaseClock {
  private let start = DispatchTime.now().uptimeNanoseconds
  private var last: UInt64
  init() { last = start }
  /// Seconds since the previous lap.
  mutating func lap() -> Double {
    let now = DispatchTime.now().uptimeNanoseconds
    defer { last = now }
    return Double(now - last) / 1e9
  }
  var total: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
