/// The glue between `RacerRun` and the line-search minimizers (NCG, L-BFGS).
extension RacerRun {
  /// The objective on `rows` as a `SmoothObjective`, charging passes as it goes; `sums` receives
  /// the sums of the latest gradient evaluation.
  func smoothObjective(rows: Range<Int>, sums: LatestSums) -> SmoothObjective<S> {
    var objective = SmoothObjective<S>(
      value: { [unowned self] x in value(at: x, rows: rows).f },
      valueAndGradient: { [unowned self] x, g in
        let (f, s) = gradient(at: x, rows: rows, into: g)
        sums.value = s
        return f
      })
    objective.isAbandoned = { [unowned self] in interrupted }
    return objective
  }

  /// Runs one minimizer iteration as a racer step: start event (a stop there returns nil with θ
  /// unchanged), the iteration on `rows`, and the report. On the full training set the objective
  /// and error of the accepted point come from its gradient evaluation; otherwise (a batch, or a
  /// rejected step) from the uncharged monitoring pass.
  func lineSearchStep(
    rows: Range<Int>, gradient: Buffer<S>, observer: (HFEvent) -> HFDirective,
    iterate: (SmoothObjective<S>) -> LineSearchStep
  ) -> (IterationReport, LineSearchStep)? {
    let clock = PhaseClock()
    guard let before = begin(observer: observer) else { return nil }
    let latest = LatestSums()
    let step = iterate(smoothObjective(rows: rows, sums: latest))
    var (f, sums) = (step.objective, latest.value)
    if !step.accepted || rows.count != caseCount || sums == nil {
      let m = monitor()
      (f, sums) = (m.f, m.sums)
    }
    // The minimizers never move to a non-finite point; a non-finite objective here is the start's.
    let bad = containNonFinite(objective: f)
    let report = finish(
      objective: f, sums: sums ?? EvaluationSums(), before: before, gradient: gradient, stepRate: step.step,
      accepted: step.accepted && bad == nil, learningRate: nil, momentum: nil, seconds: clock.total, nonFinite: bad,
      observer: observer)
    return (report, step)
  }
}

/// The sums of the latest gradient evaluation (a box the objective closures write).
final class LatestSums {
  var value: EvaluationSums?
}
