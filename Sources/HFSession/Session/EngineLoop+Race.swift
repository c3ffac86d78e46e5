import HFEngine
import HFRecording

/// One rival of HF in a race, owned by the engine thread (its snapshot goes to the shared state).
final class RacerSlot {
  let kind: OptimizerKind
  let optimizer: any TrainingOptimizer<Float>
  var status = RacerStatus.racing
  var objective: Double?
  /// Steps in a row rejected for a non-finite value.
  var failures = 0

  init(kind: OptimizerKind, optimizer: any TrainingOptimizer<Float>) {
    self.kind = kind
    self.optimizer = optimizer
  }

  var snapshot: RacerSnapshot {
    RacerSnapshot(kind: kind, status: status, iteration: optimizer.iteration, dataPasses: optimizer.dataPasses, objective: objective)
  }
}

/// Races: turn-taking between HF and its rivals.
///
/// The rule: the racers never run at the same time — the one stepping has every core. After each
/// HF iteration, every active rival (not paused, dropped or stopped) takes steps while its data
/// passes are below HF's, the one furthest behind first (ties in race order). So all racers
/// advance in slices of equal data passes: after HF iteration k each active rival has spent at
/// least HF's passes and at most one of its own steps more. A rival whose step spends no passes
/// waits for the next HF iteration. Between rival steps the session takes pause, stop and racer
/// controls (hyperparameters wait for HF's next boundary); closing stops a rival mid-step.
extension EngineLoop {
  /// The rivals' turns after HF iteration `k`.
  func runRacerTurns(after k: Int) {
    guard let leader = primary else { return }
    var stalled: Set<OptimizerKind> = []
    while true {
      let go = atSafePoint { s -> Bool? in
        takePending(&s, at: .racerTurn(iteration: k + 1))
        if s.closeRequested || s.current.state == .done { return false }
        return s.current.state == .paused ? nil : true
      }
      guard go else { return }
      let target = leader.dataPasses
      let next = racers.filter { $0.status == .racing && !stalled.contains($0.kind) && $0.optimizer.dataPasses < target }
        .min { $0.optimizer.dataPasses < $1.optimizer.dataPasses }
      guard let slot = next else { return }
      let before = slot.optimizer.dataPasses
      guard let report = slot.optimizer.step(observer: { event in self.observeRacer(event, slot: slot) }) else { return }
      shared.withLock { finishRacerStep(slot, report: report, hfIteration: k, &$0) }
      if !(slot.optimizer.dataPasses > before) { stalled.insert(slot.kind) }
    }
  }

  /// A rival's observer: publishes its event as `.racer`; stops it when the session closes or ends.
  private func observeRacer(_ event: HFEvent, slot: RacerSlot) -> HFDirective {
    var event = event
    if case .iterationFinished(var report) = event, report.optimizer != slot.kind {
      report.optimizer = slot.kind
      event = .iterationFinished(report)
    }
    return atSafePoint { s in
      bus.publish(.racer(slot.kind, event))
      return s.closeRequested || s.current.state == .done ? .stop : .proceed
    }
  }

  /// Books a rival's finished step (lock held: `s`); a non-finite objective, or
  /// `HFConfig.failureLimit` steps in a row rejected for a non-finite value, stops that rival alone.
  private func finishRacerStep(_ slot: RacerSlot, report: IterationReport, hfIteration k: Int, _ s: inout SessionSharedState) {
    slot.objective = report.objective
    slot.failures = report.nonFinite == nil ? 0 : slot.failures + 1
    let limit = setup?.optimizer.config.failureLimit ?? HFConfig.defaultFailureLimit
    var why: String?
    if let bad = report.nonFinite, slot.failures >= limit {
      why = "\(slot.failures) steps in a row were rejected for non-finite values (the last: \(bad.description))"
    } else if !report.objective.isFinite {
      why = "its training objective is not finite (\(NumberFormat.compact(report.objective)))"
    }
    if let why, slot.status == .racing {
      slot.status = .stopped
      bus.publish(
        .alarm(
          Alarm(
            kind: .nonFinite, iteration: k,
            message: "\(slot.kind.displayName) stopped: \(why); the race goes on without it.")))
    }
    s.current.racers = racers.map(\.snapshot)
  }

  /// Applies a racer control (lock held: `s`) at any safe point: a turn boundary, or an HF CG step —
  /// no racer is mid-step there, so a racer paused while HF is paused mid-CG says so at once and
  /// sits out the turns after this HF iteration.
  func takeRacerControl(_ request: ControlRequest, at point: ControlPoint, _ s: inout SessionSharedState) -> Bool {
    let kind: OptimizerKind
    let newStatus: RacerStatus
    switch request.control {
    case .setRacerPaused(let k, let hold):
      kind = k
      newStatus = hold ? .paused : .racing
    case .dropRacer(let k):
      kind = k
      newStatus = .dropped
    default: return true
    }
    guard let slot = racers.first(where: { $0.kind == kind }), slot.status == .racing || slot.status == .paused,
      slot.status != newStatus
    else { return true }
    let old = slot.status
    slot.status = newStatus
    s.current.racers = racers.map(\.snapshot)
    publishChange(request, setting: kind.displayName, old: old.rawValue, new: newStatus.rawValue, iteration: point.iteration, cgStep: nil)
    return true
  }

  /// HF's settings in one line, for a race's description.
  static func hfSettings(_ c: HFConfig) -> String {
    "λ₀ \(NumberFormat.compact(c.initialLambda))\(c.adaptiveLambda ? "" : " frozen"), \(c.curvature.shortName), CG ≤ \(c.cg.maxIterations)"
  }

  /// A rival's settings in one line, for a race's description.
  static func racerSettings(_ kind: OptimizerKind, setup: TrainingSetup) -> String {
    setup.spec.racers.summary(for: kind)
  }
}
