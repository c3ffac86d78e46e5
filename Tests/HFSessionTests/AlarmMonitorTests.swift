import HFEngine
import HFSession
import Testing
import HFRecording

/// A real report and CG summary of tiny's first iteration, to vary one field at a time.
private let template: (report: IterationReport, summary: CGSummary) = {
  let setup = try! makeTiny()
  var summary: CGSummary?
  let report = setup.optimizer.step { event in
    if case .cgFinished(let s) = event { summary = s }
    return .proceed
  }!
  return (report, summary!)
}()

/// The template report as iteration `k`, changed by `edit` (a healthy step unless edited).
private func report(_ k: Int, _ edit: (inout IterationReport) -> Void = { _ in }) -> IterationReport {
  var r = template.report
  r.iteration = k
  r.rho = 0.5
  r.accepted = true
  r.cgReason = .converged
  r.lambdaAfter = 1
  edit(&r)
  return r
}

/// Feeds `reports` to a monitor; returns the iterations at which `kind` fired.
private func firing(_ kind: AlarmKind, bounds: AlarmBounds = AlarmBounds(), _ reports: [IterationReport]) -> [Int] {
  var monitor = AlarmMonitor(bounds: bounds)
  return reports.flatMap { monitor.observe($0) }.filter { $0.kind == kind }.map(\.iteration)
}

@Suite struct AlarmMonitorTests {
  @Test func aHealthyTinyRunRaisesNothing() throws {
    var monitor = AlarmMonitor()
    let setup = try makeTiny()
    var alarms: [Alarm] = []
    for _ in 0..<5 {
      setup.optimizer.step { event in
        alarms += monitor.observe(event)
        return .proceed
      }
    }
    #expect(alarms.isEmpty)
  }

  @Test func negativeRhoStreakFiresWhenTheStreakReachesItsLengthAndRearms() {
    let rhos: [Double] = [-1, -0.2, -.infinity, -1, 0.5, -1, -1, -1, -1]
    let reports = rhos.enumerated().map { i, rho in report(i + 1) { $0.rho = rho } }
    #expect(firing(.negativeRhoStreak, reports) == [3, 8])
    #expect(firing(.negativeRhoStreak, bounds: AlarmBounds(negativeRhoStreak: 2), reports) == [2, 7])
    var monitor = AlarmMonitor()
    let third = reports.prefix(3).flatMap { monitor.observe($0) }
    #expect(third.map(\.message) == ["ρ has been negative for 3 iterations in a row (now -Inf): the quadratic model is not trusted."])
  }

  @Test func lambdaBoundsFireOnCrossingAndRearmAfterReturning() {
    let lambdas: [Double] = [1, 2e5, 3e5, 10, 2e5, 1e-7, 1e-8, 1]
    let reports = lambdas.enumerated().map { i, l in report(i + 1) { $0.lambdaAfter = l } }
    #expect(firing(.lambdaAboveBound, reports) == [2, 5])
    #expect(firing(.lambdaBelowBound, reports) == [6])
    var monitor = AlarmMonitor(bounds: AlarmBounds(lambdaMax: 100))
    let alarms = monitor.observe(report(1) { $0.lambdaAfter = 150 })
    #expect(alarms == [Alarm(kind: .lambdaAboveBound, iteration: 1, message: "λ = 150 rose above 100: steps are tiny and progress will stall.")])
  }

  @Test func nonFiniteObjectiveGradientOrPhiFiresOncePerOccurrence() {
    let reports = [
      report(1), report(2) { $0.objective = .nan }, report(3) { $0.objective = .nan }, report(4),
      report(5) { $0.gradientNorm = .infinity }, report(6),
    ]
    #expect(firing(.nonFinite, reports) == [2, 5])
    var monitor = AlarmMonitor()
    var summary = template.summary
    summary.hfIteration = 7
    summary.finalPhi = .nan
    #expect(monitor.observe(HFEvent.cgFinished(summary)).isEmpty)
    let alarms = monitor.observe(HFEvent.iterationFinished(report(7)))
    #expect(alarms == [Alarm(kind: .nonFinite, iteration: 7, message: "CG's φ is not finite (NaN).")])
    // A summary of another iteration is not applied to this report.
    #expect(monitor.observe(report(8)).isEmpty)
  }

  @Test func negativeCurvatureAndRejectedStepsFireOncePerRun() {
    let reports = [
      report(1) { $0.cgReason = .negativeCurvature }, report(2) { $0.cgReason = .negativeCurvature }, report(3),
      report(4) { $0.cgReason = .negativeCurvature; $0.cgIterations = 12 },
    ]
    #expect(firing(.negativeCurvature, reports) == [1, 4])
    var monitor = AlarmMonitor()
    _ = reports.prefix(3).map { monitor.observe($0) }
    #expect(monitor.observe(reports[3]).first?.message == "CG met negative curvature (pᵀBp ≤ 0) at step 12: the curvature matrix is indefinite here.")

    let rejections = [report(1) { $0.accepted = false }, report(2) { $0.accepted = false }, report(3), report(4) { $0.accepted = false }]
    #expect(firing(.rejectedStep, rejections) == [1, 4])
  }

  @Test func cgAtMaximumFiresAfterAStreakAndRearms() {
    let atMax = [true, true, true, true, false, true, true, true]
    let reports = atMax.enumerated().map { i, m in report(i + 1) { $0.cgReason = m ? .maxIterations : .converged; $0.cgIterations = 50 } }
    #expect(firing(.cgAtMaximum, reports) == [3, 8])
    #expect(firing(.cgAtMaximum, bounds: AlarmBounds(cgAtMaximumStreak: 1), reports) == [1, 6])
    var monitor = AlarmMonitor()
    let message = reports.prefix(3).flatMap { monitor.observe($0) }.first?.message
    #expect(message == "CG stopped at its cap of 50 steps 3 iterations in a row: raise max CG or λ.")
  }

  @Test func oneIterationCanRaiseSeveralAlarmsInAFixedOrder() {
    var monitor = AlarmMonitor(bounds: AlarmBounds(negativeRhoStreak: 1, cgAtMaximumStreak: 1))
    let r = report(1) {
      $0.objective = .infinity
      $0.accepted = false
      $0.rho = -.infinity
      $0.cgReason = .maxIterations
      $0.lambdaAfter = 1e6
    }
    #expect(monitor.observe(r).map(\.kind) == [.nonFinite, .rejectedStep, .negativeRhoStreak, .cgAtMaximum, .lambdaAboveBound])
  }
}
