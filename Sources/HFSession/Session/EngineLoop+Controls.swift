import HFEngine
import HFRecording

/// Where the engine thread takes posted controls.
enum ControlPoint {
  /// Before HF iteration `iteration` runs: hyperparameters apply here.
  case boundary(iteration: Int)
  /// Inside HF iteration `iteration`, right after CG step `step`: pause and stop apply here.
  case cgStep(iteration: Int, step: Int)
  /// Between two rival steps of a race, before HF iteration `iteration`: pause, stop and racer
  /// controls apply here, hyperparameters wait for HF's boundary.
  case racerTurn(iteration: Int)

  var iteration: Int {
    switch self {
    case .boundary(let k), .cgStep(let k, _), .racerTurn(let k): k
    }
  }

  var cgStep: Int? {
    if case .cgStep(_, let i) = self { return i }
    return nil
  }
}

/// Taking controls (engine thread, with the session lock held: `s` is the shared state).
extension EngineLoop {
  /// Takes every pending control that applies at `point`, in order; the rest stay pending.
  func takePending(_ s: inout SessionSharedState, at point: ControlPoint) {
    guard !s.pending.isEmpty else { return }
    let queued = s.pending
    s.pending = []
    var kept: [ControlRequest] = []
    for request in queued where !take(request, at: point, &s) {
      kept.append(request)
    }
    s.pending = kept + s.pending
  }

  /// Applies `request` at `point` if this is its place; false keeps it pending. Controls that
  /// mean nothing in the current state (resume while running, pause while paused) are dropped.
  private func take(_ request: ControlRequest, at point: ControlPoint, _ s: inout SessionSharedState) -> Bool {
    let state = s.current.state
    let k = point.iteration
    switch request.control {
    case let control where control.isHyperparameter:
      guard case .boundary = point else { return false }
      // A control posted before the problem was known is checked here; a refused one is dropped.
      guard primary?.kind == .hf, let optimizer = setup?.optimizer,
        Settings.refusal(control, capabilities: setup?.capabilities) == nil, let change = control.apply(to: optimizer)
      else { return true }
      s.current.lambda = optimizer.lambda
      s.current.config = optimizer.config
      publishChange(
        request, setting: change.setting, old: change.old, new: change.new, iteration: k, cgStep: nil,
        settings: RunSettings(config: optimizer.config, lambda: optimizer.lambda))
    case .pause:
      guard state == .running || state == .stepping else { return true }
      // Pause waits for a CG step of HF, a rival's turn, or (other optimizers have no CG steps) a boundary.
      if case .boundary = point, primary?.kind ?? .hf == .hf { return false }
      stepTarget = nil
      transition(&s, to: .paused, by: request, at: point)
    case .resume:
      guard state == .paused || state == .stepping else { return true }
      stepTarget = nil
      transition(&s, to: .running, by: request, at: point)
    case .stepOnce:
      guard state == .paused || state == .running else { return true }
      stepTarget = k
      transition(&s, to: .stepping, by: request, at: point)
    case .stop:
      let place = point.cgStep.map { "at CG step \($0) of iteration \(k)" } ?? "before iteration \(k)"
      publishChange(
        request, setting: "state", old: state.rawValue, new: RunState.done.rawValue, iteration: k, cgStep: point.cgStep)
      if case .racerTurn = point {
        finish(&s, .stopped, message: "Stopped (\(request.source)) during the racers' turns after HF iteration \(k - 1).")
      } else {
        finish(&s, .stopped, message: "Stopped (\(request.source)) \(place); iteration \(k) was abandoned, θ unchanged.")
      }
    case .setRacerPaused, .dropRacer:
      return takeRacerControl(request, at: point, &s)
    case .restart, .continueRun:
      return state != .done  // taken only after DONE (e.g. right after a stop posted before it); dropped before
    default:
      return true
    }
    return true
  }

  /// Publishes a run-state change made by a control: the control, then the new state.
  private func transition(_ s: inout SessionSharedState, to state: RunState, by request: ControlRequest, at point: ControlPoint) {
    publishChange(
      request, setting: "state", old: s.current.state.rawValue, new: state.rawValue, iteration: point.iteration,
      cgStep: point.cgStep)
    setState(&s, state)
  }

  /// Publishes `.control` for an applied control, with the settings it left in force.
  func publishChange(
    _ request: ControlRequest, setting: String, old: String, new: String, iteration: Int, cgStep: Int?,
    settings: RunSettings? = nil
  ) {
    bus.publish(
      .control(
        AppliedControl(
          control: request.control, setting: setting, old: old, new: new, iteration: iteration, cgStep: cgStep,
          source: request.source, config: settings?.config, lambda: settings?.lambda)))
  }

  /// Sets and publishes the run state.
  func setState(_ s: inout SessionSharedState, _ state: RunState) {
    s.current.state = state
    bus.publish(.state(state))
  }

  /// DONE: publishes the state and `.finished` with the completed iteration count.
  func finish(_ s: inout SessionSharedState, _ reason: FinishReason, message: String) {
    stepTarget = nil
    s.current.runningIteration = nil
    s.current.cgStep = nil
    s.current.finishReason = reason
    setState(&s, .done)
    bus.publish(.finished(reason: reason, iteration: s.current.iteration, message: message))
  }
}
