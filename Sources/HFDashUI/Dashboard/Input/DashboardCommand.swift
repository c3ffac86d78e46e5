import HFEngine
import HFSession
import HFRecording

/// What a key asks for: a session control, a change of the view, replay transport, or an app action.
public enum DashboardCommand: Equatable, Sendable {
  /// Post this control to the session (and mark it pending until its `.control` event).
  case session(ControlRequest)
  /// Change UI-only state (`DashboardView.apply`).
  case view(ViewAction)
  /// Move the replay (replay mode only).
  case replay(ReplayTransport)
  /// Run a finite-difference check of the gradient and curvature products (`v`).
  case finiteDifferenceCheck
  /// Run k Lanczos steps on the undamped curvature (`L`, `:lanczos K`).
  case lanczos(steps: Int)
  /// Stop the running Lanczos run (`L` or Esc while it runs, `:lanczos stop`).
  case cancelLanczos
  /// The `:` prompt was submitted with this text; the app parses it (HFSession's settings catalog).
  case submitCommand(String)
  /// The note prompt was submitted with this text.
  case submitNote(String)
  /// Quit now.
  case quit
  /// Leave the dashboard; the session goes on.
  case detach
  /// Nothing to do but tell the user why (e.g. "this model has no structural damping").
  case notice(String)
}

/// A change of UI-only state.
public enum ViewAction: Equatable, Sendable {
  case toggleHelp
  /// Scrolls the help overlay by this many lines (positive = down).
  case scrollHelp(Int)
  /// Moves the focus to the next (+1) or previous (−1) panel.
  case cycleFocus(Int)
  /// Races: moves the focus among the race layout's panels.
  case cycleRaceFocus(Int)
  /// Races: passes → seconds → iterations on the race chart's x axis.
  case cycleRaceAxis
  /// Races: objective → training error → test error on the race chart.
  case cycleRaceMetric
  /// Shows or hides the comparison run (the paper's run, or `--compare`'s recording).
  case toggleComparison
  /// Races: shows this racer's per-layer gradients beside HF's.
  case focusRacer(OptimizerKind)
  /// Switches the focused chart between its default and alternate y scale (log ↔ linear).
  case toggleScale
  case openPrompt(PromptKind)
  case editPrompt(PromptEdit)
  case closePrompt
  /// Asks "quit? y/n".
  case askQuit
  case cancelQuit
  /// Scrolls the event log by this many lines (positive = older); `Int.max` jumps back to the newest.
  case scrollLog(Int)
}

/// Replay transport.
public enum ReplayTransport: Equatable, Sendable {
  case togglePlay
  /// Doubles / halves the playback speed.
  case faster, slower
  /// One HF iteration forward / back.
  case stepForward, stepBackward
  /// The first / last iteration of the recording.
  case toStart, toEnd
}
