import Foundation
import HFEngine
import HFRecording

/// Starting a run, and waiting after DONE for the next one.
extension EngineLoop {
  /// Builds (or adopts) a setup and the run's optimizers (the single one, or HF and its rivals,
  /// all from the same initial θ), and publishes `.started` and the first state; a build error
  /// ends in DONE (failed).
  func beginRun(prebuilt: TrainingSetup?, paused: Bool) {
    let factory = shared.withLock { $0.optimizerFactory }
    let options = self.options
    let makeSetup = session.makeSetup
    let built = Result { () throws -> (TrainingSetup, any TrainingOptimizer<Float>, [RacerSlot]) in
      if let problem = options.optimizerError { throw DataError(problem) }
      let s = try prebuilt ?? makeSetup()
      let lead: any TrainingOptimizer<Float> = options.optimizer == .hf ? s.optimizer : try factory(s, options.optimizer)
      let slots = try options.race.map { kind in RacerSlot(kind: kind, optimizer: try factory(s, kind)) }
      return (s, lead, slots)
    }
    shared.withLock { shared in
      shared.current.runs += 1
      switch built {
      case .success(let (s, lead, slots)):
        setup = s
        shared.setup = s
        // A stop (close, a signal) abandons whichever optimizer is mid-step, inside its passes too
        // (the lead is the setup's own HF in an HF run).
        lead.interruption = session.interruption
        for slot in slots { slot.optimizer.interruption = session.interruption }
        shared.capabilities = s.capabilities
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
        shared.description = description
        shared.current = SessionSnapshot(
          state: .starting, iteration: lead.iteration, lambda: lead.kind == .hf ? s.optimizer.lambda : 0,
          config: s.optimizer.config, iterationLimit: iterationLimit, runs: shared.current.runs)
        shared.current.optimizer = lead.kind
        shared.current.racers = slots.map(\.snapshot)
        bus.publish(.started(description))
        for warning in s.warnings { bus.publish(.alarm(Alarm(kind: .dataOverflow, iteration: 0, message: warning))) }
        setState(&shared, paused ? .paused : .running)
      case .failure(let error):
        setup = nil
        shared.setup = nil
        primary = nil
        racers = []
        shared.description = nil
        finish(&shared, .failed, message: (error as? DataError)?.message ?? String(describing: error))
      }
    }
  }

  /// DONE: waits for `restart` or `continueRun` (other run controls are dropped, hyperparameters
  /// kept for the next boundary). Returns false when the session is closed.
  func waitWhileDone() -> Bool {
    let next: DoneExit = atSafePoint { s in
      if s.closeRequested { return .closed }
      var action: ControlRequest?
      var kept: [ControlRequest] = []
      for request in s.pending {
        if action != nil || request.control.isHyperparameter {
          kept.append(request)
        } else if case .restart = request.control {
          action = request
        } else if case .continueRun = request.control, setup != nil {
          action = request
        }
      }
      s.pending = kept
      guard let action else { return nil }
      let k = s.current.iteration + 1
      if case .continueRun(let extra) = action.control {
        let limit = extra.map { s.current.iteration + $0 }
        publishChange(
          action, setting: "iteration limit", old: Self.limitText(iterationLimit), new: Self.limitText(limit), iteration: k,
          cgStep: nil)
        iterationLimit = limit
        s.current.iterationLimit = limit
        s.current.finishReason = nil
        setState(&s, .running)
        return .continued
      }
      publishChange(action, setting: "state", old: RunState.done.rawValue, new: RunState.starting.rawValue, iteration: 1, cgStep: nil)
      s.current.finishReason = nil
      setState(&s, .starting)
      return .restart
    }
    switch next {
    case .closed: return false
    case .continued: return true
    case .restart:
      beginRun(prebuilt: nil, paused: false)
      return true
    }
  }
}

/// How the wait after DONE ended.
private enum DoneExit {
  case closed
  case continued
  case restart
}
