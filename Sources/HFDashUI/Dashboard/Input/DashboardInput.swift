import HFSession
import HFRecording
import HFCanvas

/// What the app still has to do after `DashboardInput.handle`: everything that leaves the pure UI.
public enum DashboardEffect: Equatable, Sendable {
  /// Post to the session; when it takes the control, call `state.posted(request)`, otherwise
  /// show the session's one-sentence refusal.
  case post(ControlRequest)
  /// Move the replay.
  case transport(ReplayTransport)
  /// Parse and run a `:` command; then call `view.commandSucceeded()` (and post + `state.addPending`)
  /// or `view.commandFailed(message)`.
  case runCommand(String)
  /// Attach a note to the current iteration (the session echoes it as `.note`).
  case addNote(String)
  /// Run the finite-difference check.
  case finiteDifferenceCheck
  /// Start the on-demand Lanczos run of this many steps; its updates go to `state.apply(lanczos:)`.
  case lanczos(steps: Int)
  /// Stop the running Lanczos run.
  case cancelLanczos
  /// Leave the dashboard (stopping a live run: the user confirmed).
  case quit
  /// Leave the dashboard; the session goes on without it.
  case detach
}

/// Key handling for the app loop: map the key, apply the UI part to `state` and `view`, return the rest.
public enum DashboardInput {
  /// Handles one key press; returns what the app must do beyond the UI (nil: nothing).
  public static func handle(
    _ key: KeyEvent, state: inout DashboardState, view: inout DashboardView, keyMap: KeyMap = .standard,
    assist: PromptAssist? = nil
  ) -> DashboardEffect? {
    guard let command = keyMap.command(for: key, state: state, view: view) else { return nil }
    let effect = perform(command, state: &state, view: &view, assist: assist)
    // Keep scroll offsets within what there is to scroll, so scrolling back needs no extra presses.
    view.logScroll = min(view.logScroll, max(0, state.log.count - 1))
    let helpLines = keyMap.helpEntries(for: KeyMap.mode(of: state)).count + 8
    view.helpScroll = min(view.helpScroll, helpLines)
    return effect
  }

  /// Applies the UI part of a command and returns the effect for the app.
  public static func perform(
    _ command: DashboardCommand, state: inout DashboardState, view: inout DashboardView, assist: PromptAssist? = nil
  ) -> DashboardEffect? {
    switch command {
    case .session(let request):
      return .post(request)
    case .view(let action):
      view.apply(action, assist: assist)
      return nil
    case .replay(let t): return .transport(t)
    case .finiteDifferenceCheck:
      state.postNotice("finite-difference check requested", role: .accent)
      return .finiteDifferenceCheck
    case .lanczos(let steps):
      state.requestedLanczos(steps: steps)
      return .lanczos(steps: steps)
    case .cancelLanczos:
      state.cancellingLanczos()
      return .cancelLanczos
    case .submitCommand(let text):
      guard let parsed = LanczosCommand.parse(text) else { return .runCommand(text) }
      switch parsed {
      case .failure(let error):
        view.commandFailed(error.message)
        return nil
      case .success(let command):
        view.commandSucceeded()
        if command == .cancelLanczos && !state.lanczos.isRunning {
          state.postNotice("no Lanczos run to stop", role: .warn)
          return nil
        }
        if command != .cancelLanczos && state.lanczos.isRunning {
          state.postNotice("a Lanczos run is already running: L or Esc stops it", role: .warn)
          return nil
        }
        return perform(command, state: &state, view: &view, assist: assist)
      }
    case .submitNote(let text):
      view.apply(.closePrompt)
      return .addNote(text)
    case .quit: return .quit
    case .detach:
      view.apply(.cancelQuit)
      return .detach
    case .notice(let text):
      state.postNotice(text, role: .warn)
      return nil
    }
  }

  /// "requested: λ 45 → 67.5 (from the next HF iteration)" for hyperparameters, "pausing…" for run controls.
  public static func requestNotice(_ request: ControlRequest, state: DashboardState) -> String? {
    switch request.control {
    case .pause: return "pausing at the next CG step…"
    case .resume: return "resuming…"
    case .stepOnce: return "running one HF iteration…"
    case .stop: return "stopping…"
    case .restart: return "restarting…"
    case .continueRun: return "continuing…"
    default:
      guard let id = request.control.setting, let setting = Settings.setting(id) else { return nil }
      let now = state.projectedSettings
      let value = SettingsRows.row(id, settings: now)?.value ?? setting.display(in: now.run)
      return "requested: " + (SettingsRows.row(id, settings: now)?.label ?? setting.name) + " → " + value
        + " (from the next HF iteration)"
    }
  }
}

extension DashboardState {
  /// Records a control the session took: pending until its `.control` event, and a notice of
  /// what was requested.
  public mutating func posted(_ request: ControlRequest) {
    addPending(request)
    if let note = DashboardInput.requestNotice(request, state: self) { postNotice(note, role: .accent) }
  }
}
