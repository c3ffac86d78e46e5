import HFEngine
import HFRecording

/// Turns iteration reports (and CG summaries) into alarms, each once per occurrence: an alarm
/// fires when its condition starts to hold (or a streak reaches its length) and re-arms only
/// after the condition has cleared.
public struct AlarmMonitor: Sendable, Equatable {
  /// The thresholds in use.
  public var bounds: AlarmBounds
  private var rhoStreak = 0
  private var cgMaxStreak = 0
  /// Conditions that held after the previous report (they do not fire again until they clear).
  private var holding: Set<AlarmKind> = []
  /// The CG summary of the iteration being reported, if it came first.
  private var summary: CGSummary?

  /// A monitor with every alarm armed.
  public init(bounds: AlarmBounds = AlarmBounds()) {
    self.bounds = bounds
  }

  /// Looks at one engine event: CG summaries are remembered, reports produce the alarms.
  public mutating func observe(_ event: HFEvent) -> [Alarm] {
    switch event {
    case .cgFinished(let s):
      summary = s
      return []
    case .iterationFinished(let report):
      return observe(report)
    case .iterationStarted, .cgStep, .warning:
      return []
    }
  }

  /// The alarms one finished HF iteration raises (using its CG summary if it was observed). A
  /// report of another optimizer (`report.optimizer`) raises only the non-finite alarm, named
  /// after it: λ, ρ, CG and line-search alarms are HF's.
  public mutating func observe(_ report: IterationReport) -> [Alarm] {
    let k = report.iteration
    if report.optimizer != .hf {
      summary = nil
      let message = Self.nonFiniteMessage(report, nil)
      let fire = message != nil && !holding.contains(.nonFinite)
      holding = message == nil ? [] : [.nonFinite]
      return fire ? [Alarm(kind: .nonFinite, iteration: k, message: "\(report.optimizer.displayName): " + message!)] : []
    }
    let cg = summary?.hfIteration == k ? summary : nil
    summary = nil
    var alarms: [Alarm] = []
    var now: Set<AlarmKind> = []
    func condition(_ kind: AlarmKind, _ holds: Bool, _ message: @autoclosure () -> String) {
      guard holds else { return }
      now.insert(kind)
      if !holding.contains(kind) { alarms.append(Alarm(kind: kind, iteration: k, message: message())) }
    }

    condition(.nonFinite, Self.nonFiniteMessage(report, cg) != nil, Self.nonFiniteMessage(report, cg) ?? "")
    condition(
      .negativeCurvature, report.cgReason == .negativeCurvature,
      "CG met negative curvature (pᵀBp ≤ 0) at step \(report.cgIterations): the curvature matrix is indefinite here.")
    condition(
      .rejectedStep, !report.accepted && report.nonFinite == nil,
      "The line search rejected the step: θ is unchanged and λ is now \(NumberFormat.compact(report.lambdaAfter)).")

    // A rejected non-finite iteration has no ρ: it neither extends nor breaks the streak.
    if report.nonFinite == nil { rhoStreak = report.rho >= 0 ? 0 : rhoStreak + 1 }
    condition(
      .negativeRhoStreak, rhoStreak >= bounds.negativeRhoStreak,
      "ρ has been negative for \(rhoStreak) iterations in a row (now \(NumberFormat.compact(report.rho))): the quadratic model is not trusted.")
    cgMaxStreak = report.cgReason == .maxIterations ? cgMaxStreak + 1 : 0
    condition(
      .cgAtMaximum, cgMaxStreak >= bounds.cgAtMaximumStreak,
      "CG stopped at its cap of \(report.cgIterations) steps \(cgMaxStreak) iterations in a row: raise max CG or λ.")

    let lambda = report.lambdaAfter
    condition(
      .lambdaAboveBound, lambda > bounds.lambdaMax,
      "λ = \(NumberFormat.compact(lambda)) rose above \(NumberFormat.compact(bounds.lambdaMax)): steps are tiny and progress will stall.")
    condition(
      .lambdaBelowBound, lambda < bounds.lambdaMin,
      "λ = \(NumberFormat.compact(lambda)) fell below \(NumberFormat.compact(bounds.lambdaMin)): the damping barely regularizes CG.")
    holding = now
    return alarms
  }

  /// What is not finite in this iteration, as one sentence (nil when everything is finite). A
  /// rejected iteration's `nonFinite` says exactly what went non-finite where.
  static func nonFiniteMessage(_ report: IterationReport, _ cg: CGSummary?) -> String? {
    if let bad = report.nonFinite {
      let kept =
        report.optimizer == .hf
        ? "θ is unchanged and λ is now \(NumberFormat.compact(report.lambdaAfter))"
        : "θ is back where the step began and the step is halved"
      return "Iteration \(report.iteration) was rejected: \(bad.description); \(kept)."
    }
    if !report.objective.isFinite { return "The training objective is not finite (\(NumberFormat.compact(report.objective)))." }
    if !report.gradientNorm.isFinite {
      return "The gradient norm is not finite (\(NumberFormat.compact(report.gradientNorm)))."
    }
    if let cg, !cg.finalPhi.isFinite { return "CG's φ is not finite (\(NumberFormat.compact(cg.finalPhi)))." }
    if report.cgReason == .nonFinite { return "CG stopped on a non-finite value at step \(report.cgIterations)." }
    return nil
  }
}
