import Foundation
import HFEngine
import HFRecording

/// The engine thread: build, iterate, wait while paused or DONE.
extension Session {
  /// The engine queue's whole life, from the first build to `close()`.
  func run() {
    let first = firstSetup
    firstSetup = nil
    beginRun(prebuilt: first, paused: options.startPaused)
    if first != nil { catchUpResumedRacers() }
    while true {
      let state: RunState? = lock.withLock { closeRequested ? nil : current.state }
      guard let state else { break }
      if state == .done {
        if !waitWhileDone() { break }
      } else {
        runNextIteration()
      }
    }
    lock.withLock {
      if current.state != .done {
        if let signalName {
          finish(.signal, message: signalMessage(signalName))
        } else {
          finish(.quit, message: "The session was closed at iteration \(current.iteration).")
        }
      }
    }
    // Subscriptions close before `awaitClosed` returns: whoever waited sees them closed.
    bus.close()
    lock.withLock {
      loopEnded = true
      lock.broadcast()
    }
  }

  /// The `end` message of a run ended by the signal `name` (engine thread, `lock` held).
  func signalMessage(_ name: String) -> String {
    let done = "after iteration \(current.iteration)"
    guard let k = current.runningIteration else { return "Ended by \(name) \(done)." }
    let place = current.cgStep.map { " at CG step \($0)" } ?? ""
    return "Ended by \(name) \(done); iteration \(k) was abandoned\(place), θ unchanged."
  }

  /// Builds (or adopts) a setup and the run's optimizers (the single one, or HF and its rivals,
  /// all from the same initial θ), and publishes `.started` and the first state; a build error
  /// ends in DONE (failed).
  func beginRun(prebuilt: TrainingSetup?, paused: Bool) {
    let factory = lock.withLock { optimizerFactory }
    let options = self.options
    let built = Result { () throws -> (TrainingSetup, any TrainingOptimizer<Float>, [RacerSlot]) in
      if let problem = options.optimizerError { throw DataError(problem) }
      let s = try prebuilt ?? makeSetup()
      let lead: any TrainingOptimizer<Float> = options.optimizer == .hf ? s.optimizer : try factory(s, options.optimizer)
      let slots = try options.race.map { kind in RacerSlot(kind: kind, optimizer: try factory(s, kind)) }
      return (s, lead, slots)
    }
    lock.withLock {
      current.runs += 1
      switch built {
      case .success(let (s, lead, slots)):
        setup = s
        // A stop (close, a signal) abandons whichever optimizer is mid-step, inside its passes too.
        s.optimizer.interruption = interruption
        lead.interruption = interruption
        for slot in slots { slot.optimizer.interruption = interruption }
        capabilities = s.capabilities
        primary = lead
        racers = slots
        if prebuilt != nil { restoreStandings(options.resumedRacers) }
        monitor = AlarmMonitor(bounds: options.alarmBounds)
        iterationLimit = options.maxIterations
        scheduleTakenThrough = lead.iteration
        stepTarget = nil
        consecutiveFailures = 0
        var description = Self.describe(s)
        description.optimizer = options.optimizer
        description.resumedFrom = lead.iteration > 0 ? lead.iteration : nil
        if options.isRace {
          description.racers = [RacerDescription(kind: .hf, settings: Self.hfSettings(s.optimizer.config))]
            + slots.map { RacerDescription(kind: $0.kind, settings: Self.racerSettings($0.kind, setup: s)) }
        }
        currentDescription = description
        current = SessionSnapshot(
          state: .starting, iteration: lead.iteration, lambda: lead.kind == .hf ? s.optimizer.lambda : 0,
          config: s.optimizer.config, iterationLimit: iterationLimit, runs: current.runs)
        current.optimizer = lead.kind
        current.racers = slots.map(\.snapshot)
        bus.publish(.started(description))
        for warning in s.warnings { bus.publish(.alarm(Alarm(kind: .dataOverflow, iteration: 0, message: warning))) }
        setState(paused ? .paused : .running)
      case .failure(let error):
        setup = nil
        primary = nil
        racers = []
        currentDescription = nil
        finish(.failed, message: (error as? DataError)?.message ?? String(describing: error))
      }
    }
  }

  /// One pass of the main loop while not DONE: the boundary before the next iteration (limit,
  /// scheduled and posted controls, waiting while paused), then the iteration itself. The run
  /// ends (DONE, reason `nonFinite`) after `HFConfig.failureLimit` consecutive iterations
  /// rejected for a non-finite value.
  func runNextIteration() {
    lock.lock()
    guard let optimizer = primary else {
      finish(.failed, message: "The session has no training setup.")
      lock.unlock()
      return
    }
    let k = optimizer.iteration + 1
    if let limit = iterationLimit, optimizer.iteration >= limit {
      finish(.iterationLimit, message: "Reached the limit of \(limit) iterations.")
      lock.unlock()
      return
    }
    if scheduleTakenThrough < k {
      pending.insert(contentsOf: options.scheduledControls.controls(at: k), at: 0)
      scheduleTakenThrough = k
    }
    while true {
      processPending(at: .boundary(iteration: k))
      if closeRequested || current.state == .done {
        lock.unlock()
        return
      }
      if current.state != .paused { break }
      idleWait()
    }
    lock.unlock()

    let report = optimizer.step { event in self.observe(event, iteration: k) }

    guard let report else { return }  // stopped or closed mid-iteration: θ unchanged
    // Before the rivals' turns (a checkpoint here holds them as they were after the last turns;
    // a resumed race takes these turns first).
    if let hook = lock.withLock({ iterationHook }), let current = setup {
      let extra = hook(current, report)
      if !extra.isEmpty { lock.withLock { for event in extra { bus.publish(event) } } }
    }
    let ended: Bool = lock.withLock {
      if let current = setup, current.isSuccess(report) {
        let threshold = current.successThreshold.map { NumberFormat.compact($0) } ?? "the threshold"
        finish(
          .success,
          message: "SUCCESS: test error \(NumberFormat.compact(report.testError ?? .nan)) < \(threshold) after \(report.iteration) \(optimizer.kind.displayName) iterations.")
        return true
      }
      for alarm in monitor.observe(report) {
        bus.publish(.alarm(alarm))
        if options.pauseOnAlarm && current.state == .running { setState(.paused) }
      }
      consecutiveFailures = report.nonFinite == nil ? 0 : consecutiveFailures + 1
      let limit = setup?.optimizer.config.failureLimit ?? HFConfig.defaultFailureLimit
      if let bad = report.nonFinite, consecutiveFailures >= limit {
        finish(
          .nonFinite,
          message: "Stopped after \(consecutiveFailures) consecutive \(optimizer.kind.displayName) iterations rejected for non-finite values (the last: \(bad.description)).")
        return true
      }
      return false
    }
    if ended { return }
    if !racers.isEmpty { runRacerTurns(after: report.iteration) }
    lock.withLock {
      if current.state == .stepping, let target = stepTarget, report.iteration >= target {
        stepTarget = nil
        setState(.paused)
      }
    }
  }

  /// The optimizer's observer: publishes the event, and at CG steps takes pause/stop and waits while paused.
  func observe(_ event: HFEvent, iteration k: Int) -> HFDirective {
    var event = event
    lock.lock()
    defer { lock.unlock() }
    switch event {
    case .iterationStarted:
      current.runningIteration = k
      current.cgStep = nil
    case .cgStep(let step):
      current.cgStep = step.i
    case .cgFinished:
      _ = monitor.observe(event)
    case .iterationFinished(var report):
      if let kind = primary?.kind, report.optimizer != kind {
        report.optimizer = kind  // every report names its method
        event = .iterationFinished(report)
      }
      current.iteration = report.iteration
      current.runningIteration = nil
      current.cgStep = nil
      current.lambda = report.lambdaAfter
    case .warning:
      break
    }
    bus.publish(.engine(event))
    guard case .cgStep(let step) = event else { return .proceed }
    while true {
      processPending(at: .cgStep(iteration: k, step: step.i))
      if closeRequested || current.state == .done { return .stop }
      if current.state != .paused { return .proceed }
      idleWait()
    }
  }

  /// DONE: waits for `restart` or `continueRun` (other run controls are dropped, hyperparameters
  /// kept for the next boundary). Returns false when the session is closed.
  func waitWhileDone() -> Bool {
    lock.lock()
    while true {
      runSafePointTasks()
      if closeRequested {
        lock.unlock()
        return false
      }
      var action: ControlRequest?
      var kept: [ControlRequest] = []
      for request in pending {
        if action != nil || request.control.isHyperparameter {
          kept.append(request)
        } else if case .restart = request.control {
          action = request
        } else if case .continueRun = request.control, setup != nil {
          action = request
        }
      }
      pending = kept
      if let action {
        let k = current.iteration + 1
        if case .continueRun(let extra) = action.control {
          let limit = extra.map { current.iteration + $0 }
          publishChange(
            action, setting: "iteration limit", old: Self.limitText(iterationLimit), new: Self.limitText(limit), iteration: k,
            cgStep: nil)
          iterationLimit = limit
          current.iterationLimit = limit
          current.finishReason = nil
          setState(.running)
          lock.unlock()
        } else {
          publishChange(action, setting: "state", old: RunState.done.rawValue, new: RunState.starting.rawValue, iteration: 1, cgStep: nil)
          current.finishReason = nil
          setState(.starting)
          lock.unlock()
          beginRun(prebuilt: nil, paused: false)
        }
        return true
      }
      idleWait()
    }
  }

  /// Waits on the session lock (held) with the engine marked idle: it does not touch the setup
  /// until it wakes holding the lock.
  func idleWait() {
    engineIdle = true
    lock.broadcast()  // for `withSetupWhileIdle`
    lock.wait()
    engineIdle = false
  }

  static func limitText(_ limit: Int?) -> String { limit.map(String.init) ?? "none" }

  static func describe(_ s: TrainingSetup) -> SessionDescription {
    SessionDescription(
      preset: s.spec.preset.name, model: s.modelSummary,
      data: (s.spec.data ?? s.spec.preset.defaultData)?.description ?? s.dataDescription, parameterCount: s.problem.parameterCount,
      trainCases: s.trainCases, testCases: s.testCases, seed: s.spec.seed, config: s.optimizer.config,
      groupNames: s.problem.groupNames, errorName: s.errorName,
      resumedFrom: s.optimizer.iteration > 0 ? s.optimizer.iteration : nil)
  }
}
