import HFEngine
import HFSession
import HFRecording

extension DashboardState {
  /// Folds one session event into the state (the only way session data enters the dashboard).
  public mutating func apply(_ event: SessionEvent) {
    switch event {
    case .engine(let e): applyEngine(e)
    case .racer(let kind, let e): applyRacer(kind, e)
    case .control(let applied): applyControl(applied)
    case .state(let s):
      runState = s
      if s == .done {
        if endTime == nil { endTime = now }
      } else {
        endTime = nil
      }
    case .alarm(let alarm):
      appendAlarm(alarm)
      appendLog(alarm.iteration, .alarm, alarm.message)
      setStatus(alarm.message, role: .bad)
    case .note(let iteration, let text):
      notes.append(IterationNote(iteration: iteration, text: text))
      appendLog(iteration, .note, "note: " + text)
      setStatus("note added at HF iteration \(iteration)", role: .accent)
    case .checkpoint(let iteration, let path):
      lastCheckpoint = IterationNote(iteration: iteration, text: path)
      appendLog(iteration, .info, "checkpoint → " + path)
    case .finished(let reason, let iteration, let message):
      finish = RunFinish(reason: reason, iteration: iteration, message: message)
      runState = .done
      if endTime == nil { endTime = now }
      let text = "finished (\(reason.rawValue))" + (message.isEmpty ? "" : ": " + message)
      appendLog(iteration, .info, text)
      setStatus(text, role: reason == .failed || reason == .nonFinite ? .bad : .good)
    case .started(let d):
      // A resumed run continues the one shown (a replay of a resumed recording keeps its history).
      let continues = d.resumedFrom != nil && session != nil
      if continues {
        liveCG = nil
        previousCG = nil
        pending = []
        finish = nil
        endTime = nil
      } else {
        resetRun()
      }
      session = d
      if !continues || race == nil { race = d.racers.isEmpty ? nil : RaceState(racers: d.racers) }
      settings = DashboardSettings(
        config: d.config, curvatureBatch: d.config.curvatureBatchSize ?? max(1, d.trainCases / max(1, d.config.chunks)),
        hasStructuralDamping: d.hasStructuralDamping)
      runState = .starting
      if !continues || startTime == nil { startTime = now }
      appendLog(
        nil, .info,
        d.resumedFrom.map { "resumed after iteration \($0)" } ?? "started \(d.preset) · \(d.model) · seed \(d.seed)")
    }
  }

  /// Folds a batch of events in order (e.g. everything the session buffered since the last frame).
  public mutating func apply<S: Sequence>(_ events: S) where S.Element == SessionEvent {
    for e in events { apply(e) }
  }

  mutating func applyEngine(_ e: HFEvent) {
    switch e {
    case .iterationStarted(let iteration, let lambda):
      race?.begin(.hf)
      currentIteration = iteration
      settings.lambda = lambda
      if let live = liveCG, live.steps > 0 { previousCG = live }
      liveCG = LiveCGRun(hfIteration: iteration)
    case .cgStep(let step):
      if liveCG?.hfIteration != step.hfIteration {
        if let live = liveCG, live.steps > 0 { previousCG = live }
        liveCG = LiveCGRun(hfIteration: step.hfIteration)
      }
      liveCG?.record(step)
    case .cgFinished(let summary):
      if liveCG?.hfIteration != summary.hfIteration { liveCG = LiveCGRun(hfIteration: summary.hfIteration) }
      liveCG?.finish(summary)
    case .iterationFinished(let r):
      history.append(r, spectrum: liveCG?.hfIteration == r.iteration ? liveCG?.summary?.spectrum : nil)
      race?.record(.hf, r)
      currentIteration = max(currentIteration, r.iteration)
      settings.lambda = r.lambdaAfter
      settings.curvatureBatch = r.curvatureBatch
      settings.config.curvature = r.curvatureType
      settings.config.rhoModel = r.rhoModel
      logIteration(r)
    case .warning(let iteration, let message):
      appendLog(iteration, .warning, message)
      setStatus(message, role: .warn)
    }
  }

  /// A non-HF racer's event: its reports feed the race; its warnings go to the log.
  mutating func applyRacer(_ kind: OptimizerKind, _ e: HFEvent) {
    switch e {
    case .iterationFinished(let r): race?.record(kind, r)
    case .warning(let iteration, let message):
      appendLog(iteration, .warning, kind.displayName + ": " + message)
      setStatus(kind.displayName + ": " + message, role: .warn)
    case .iterationStarted: race?.begin(kind)
    case .cgStep, .cgFinished: break
    }
  }

  mutating func applyControl(_ a: AppliedControl) {
    settings.apply(a)
    race?.apply(a.control)
    removePending(matching: a.control)
    if a.control.setting == .lambda { addLambdaMarker(a.iteration) }
    let line = a.confirmation + (a.source.isEmpty ? "" : " · " + a.source)
    appendLog(a.iteration, .control, line)
    setStatus(a.confirmation, role: .good)
  }

  /// Logs a rejected step, or a λ change made by the Levenberg–Marquardt rule with the ρ that caused it.
  mutating func logIteration(_ r: IterationReport) {
    let lambdaChange = "λ " + Format.compact(r.lambdaBefore) + " → " + Format.compact(r.lambdaAfter)
    if !r.accepted {
      let text = "step rejected (ρ " + Format.compact(r.rho) + ")"
        + (r.lambdaAfter != r.lambdaBefore ? ", " + lambdaChange : "")
      appendLog(r.iteration, .rejected, text)
    } else if r.lambdaAfter != r.lambdaBefore {
      let cfg = settings.config
      let why =
        r.lambdaAfter > r.lambdaBefore
        ? "ρ " + Format.compact(r.rho) + " < " + Self.threshold(cfg.rhoLow)
        : "ρ " + Format.compact(r.rho) + " > " + Self.threshold(cfg.rhoHigh)
      appendLog(r.iteration, .lambda, lambdaChange + " (" + why + ")")
    }
  }

  /// ¼ and ¾ as fractions, anything else as a compact number.
  static func threshold(_ v: Double) -> String {
    v == 0.25 ? "¼" : v == 0.75 ? "¾" : Format.compact(v)
  }
}
