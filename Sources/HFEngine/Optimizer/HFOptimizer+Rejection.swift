extension HFOptimizer {
  /// What a running iteration knows when it has to be rejected: enough to report it.
  struct Rejection {
    let iteration: Int
    /// f(θ) on the gradient data (θ is kept, so it is also the objective after the iteration).
    let objective: Double
    let sums: EvaluationSums
    let lambdaBefore: Double
    let gradientNorm: Double
    let layerGradientNorms: [Double]
    let timeProfile: [Double]?
    let communicationBefore: Double
    var curvatureBatch = 0
    var products = 0
    var cgIterations = 0
  }

  /// Rejects the running iteration because `bad` went non-finite: θ is kept, the warm start
  /// dropped (it may hold the non-finite values), λ raised by the LM factor when λ adapts and
  /// the raised value is finite. Reports the iteration (ρ NaN, CG reason `.nonFinite`,
  /// `nonFinite` = `bad`) and returns the report.
  func reject(
    _ bad: NonFiniteValue, _ r: Rejection, times phases: PhaseTimes, clock: PhaseClock,
    observer: (HFEvent) -> HFDirective
  ) -> IterationReport {
    warmStart.zero()
    if config.adaptiveLambda {
      let raised = lambda * config.lambdaIncrease
      if raised.isFinite { lambda = raised }
    }
    var times = phases
    times.total = clock.total
    times.communication = problem.communicationSeconds - r.communicationBefore
    iteration = r.iteration
    var report = IterationReport(
      iteration: r.iteration, objective: r.objective, error: r.sums.meanError, objectiveBefore: r.objective,
      testObjective: nil, testError: nil, lambdaBefore: r.lambdaBefore, lambdaAfter: lambda, rho: .nan,
      rhoModel: config.rhoModel, cgIterations: r.cgIterations, cgChosen: 0, cgReason: .nonFinite, stepRate: 0,
      accepted: false, gradientNorm: r.gradientNorm, stepNorm: 0, layerGradientNorms: r.layerGradientNorms,
      layerStepNorms: [Double](repeating: 0, count: problem.groupNames.count), curvatureProducts: r.products,
      dataPasses: dataPasses, curvatureBatch: r.curvatureBatch, curvatureType: config.curvature, times: times,
      timeStepGradientNorms: r.timeProfile)
    report.nonFinite = bad
    _ = observer(.iterationFinished(report))
    return report
  }
}
