import Foundation
import HFDashUI
import HFEngine
import HFRecording
import HFSession
import HFCanvas

/// A real session on a small preset, paused at its first boundary, with a dashboard state fed by
/// its events: what a user steers with keys and the `:` prompt.
final class LiveSettingsRig {
  let session: Session
  let subscription: EventSubscription
  var state = DashboardState()
  var view = DashboardView()

  /// A paused session on `preset` (the tiny autoencoder, or a short recurrent task).
  init(preset: Preset) throws {
    let spec = RunSpec(preset: preset, seed: 1)
    let setup = try TrainingSetup(spec)
    session = Session(setup: setup, makeSetup: { try TrainingSetup(spec) }, options: SessionOptions(startPaused: true))
    subscription = session.subscribe(.lossless)
    session.start()
    _ = pump { $0.runState == .paused }
  }

  deinit {
    session.close()
    _ = session.awaitClosed(timeout: 10)
  }

  /// The short recurrent preset the tests steer (memorization of 5 symbols: 32 test sequences, 8 hidden units).
  static var recurrent: Preset { Preset.recurrent(.memorization5, hidden: 8) }

  /// Applies the session's events to the dashboard until `condition` holds (at most 10 s).
  @discardableResult
  func pump(_ condition: (DashboardState) -> Bool) -> Bool {
    let deadline = Date(timeIntervalSinceNow: 10)
    while true {
      let events = subscription.drain()
      for case .control(let c) in events { applied.append(c) }
      state.apply(events)
      if condition(state) { return true }
      if Date() > deadline { return false }
      _ = subscription.waitForEvents(timeout: 0.05)
    }
  }

  /// Posts as the app does (`LiveSource`): the session's refusal, or the applied control once
  /// its `.control` event has reached the dashboard.
  func post(_ request: ControlRequest) -> Result<AppliedControl, SettingError> {
    if let refusal = session.post(request) { return .failure(SettingError(refusal)) }
    state.posted(request)
    let before = applied.count
    guard pump({ _ in applied.count > before }), let last = applied.last else {
      return .failure(SettingError("no confirmation"))
    }
    return .success(last)
  }

  /// A `:` line typed on the prompt.
  func command(_ line: String) -> Result<AppliedControl, SettingError> {
    switch SettingsCatalog.parse(line) {
    case .success(let request): return post(request)
    case .failure(let error): return .failure(error)
    }
  }

  /// A key pressed on the dashboard: the control it posts, or the notice it shows.
  func key(_ key: KeyEvent) -> Result<AppliedControl, SettingError> {
    switch DashboardInput.handle(key, state: &state, view: &view) {
    case .post(let request)?: return post(request)
    default: return .failure(SettingError(state.freshStatus?.text ?? "nothing"))
    }
  }

  /// Every control the session applied, in order.
  private(set) var applied: [AppliedControl] = []

  /// The engine's settings now.
  var engine: RunSettings {
    let snapshot = session.snapshot
    return RunSettings(config: snapshot.config, lambda: snapshot.lambda)
  }
}
