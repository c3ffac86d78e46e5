import Foundation
import HFEngine
import HFRecording

/// One iteration of the main loop, and the optimizer's observer.
extension EngineLoop {
  /// One pass of the main loop while not DONE: the boundary before the next iteration (limit,
  /// scheduled and posted controls, waiting while paused), then the iteration itself. The run
  /// ends (DONE, reason `nonFinite`) after `HFConfig.failureLimit` consecutive iterations
  /// rejected for a non-finite value.
  func runNextIteration() {
    guard let optimizer = primary else {
      shared.withLock { finish(&$0, .failed, message: "The session has no training setup.") }
      return
    }
    let k = optimizer.iteration + 1
    if let limit = iterationLimit, optimizer.iteration >= limit {
      shared.withLock { finish(&$0, .iterationLimit, message: "Reached the limit of \(limit) iterations.") }
      return
    }
    if scheduleTakenThrough < k {
      let scheduled = options.scheduledControls.controls(at: k)
      shared.withLock { $0.pending.insert(contentsOf: scheduled, at: 0) }
      scheduleTakenThrough = k
    }
    let proceed = atSafePoint { s -> Bool? in
      takePending(&s, at: .boundary(iteration: k))
      if s.closeRequested || s.current.state == .done { return false }
      return s.current.state == .paused ? nil : true
    }
    guard proceed else { return }

    let report = optimizer.step { event in self.observe(event, iteration: k) }

    guard let report else { return }  // stopped or closed mid-iteration: θ unchanged
    // Before the rivals' turns (a checkpoint here holds them as they were after the last turns;
    // a resumed race takes these turns first).
    if let hook = shared.withLock({ $0.iterationHook }), let current = setup {
      let extra = hook(current, report) { self.otherOptimizerCheckpoints() }
      if !extra.isEmpty { shared.withLock { _ in for event in extra { bus.publish(event) } } }
    }
    let ended: Bool = shared.withLock { s in
      if let current = setup, current.isSuccess(report) {
        let threshold = current.successThreshold.map { NumberFormat.compact($0) } ?? "the threshold"
        finish(
          &s, .success,
          message: "SUCCESS: test error \(NumberFormat.compact(report.testError ?? .nan)) < \(threshold) after \(report.iteration) \(optimizer.kind.displayName) iterations.")
        return true
      }
      for alarm in monitor.observe(report) {
        bus.publish(.alarm(alarm))
        if options.pauseOnAlarm && s.current.state == .running { setState(&s, .paused) }
      }
      consecutiveFailures = report.nonFinite == nil ? 0 : consecutiveFailures + 1
      let limit = setup?.optimizer.config.failureLimit ?? HFConfig.defaultFailureLimit
      if let bad = report.nonFinite, consecutiveFailures >= limit {
        finish(
          &s, .nonFinite,
          message: "Stopped after \(consecutiveFailures) consecutive \(optimizer.kind.displayName) iterations rejected for non-finite values (the last: \(bad.description)).")
        return true
      }
      return false
    }
    if ended { return }
    if !racers.isEmpty { runRacerTurns(after: report.iteration) }
    shared.withLock { s in
      if s.current.state == .stepping, let target = stepTarget, report.iteration >= target {
        stepTarget = nil
        setState(&s, .paused)
      }
    }
  }

  /// The optimizer's observer: publishes the event, and at CG steps takes pause/stop and waits while paused.
  func observe(_ event: HFEvent, iteration k: Int) -> HFDirective {
    var event = event
    if case .cgFinished = event { _ = monitor.observe(event) }
    if case .iterationFinished(var report) = event, let kind = primary?.kind, report.optimizer != kind {
      report.optimizer = kind  // every report names its method
      event = .iterationFinished(report)
    }
    shared.withLock { s in
      switch event {
      case .iterationStarted:
        s.current.runningIteration = k
        s.current.cgStep = nil
      case .cgStep(let step):
        s.current.cgStep = step.i
      case .iterationFinished(let report):
        s.current.iteration = report.iteration
        s.current.runningIteration = nil
        s.current.cgStep = nil
        s.current.lambda = report.lambdaAfter
      case .cgFinished, .warning:
        break
      }
      bus.publish(.engine(event))
    }
    guard case .cgStep(let step) = event else { return .proceed }
    return atSafePoint { s in
      takePending(&s, at: .cgStep(iteration: k, step: step.i))
      if s.closeRequested || s.current.state == .done { return .stop }
      return s.current.state == .paused ? nil : .proceed
    }
  }
}
