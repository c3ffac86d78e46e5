import Foundation
import HFDashUI
import HFSession

/// A live session as a dashboard source: drains its lossy subscription each frame and turns key
/// effects into controls, notes and commands.
final class LiveSource: DashboardSource {
  let session: Session
  let subscription: EventSubscription
  let recorder: LiveRecorder?
  let assist: PromptAssist? = CommandAssist.assist
  /// Runs the `v` finite-difference check (off the UI thread) and reports through `state`.
  let diagnostics: DiagnosticsRunner
  /// Runs the on-demand Lanczos spectrum (`L`) at the engine's safe points.
  let lanczos: LanczosRunner

  init(session: Session, recorder: LiveRecorder?) {
    self.session = session
    self.recorder = recorder
    subscription = session.subscribe(.lossy(capacity: 4096))
    diagnostics = DiagnosticsRunner(session: session)
    lanczos = LanczosRunner(session: session)
  }

  func poll(into state: inout DashboardState) {
    state.apply(subscription.drain())
    state.droppedEvents = subscription.droppedCount
    if let recorder {
      state.recordingBadge = recorder.badge
      state.recordingError = recorder.error
    }
    for message in diagnostics.takeResults() { state.postNotice(message.text, role: message.passed ? .good : .bad) }
    for update in lanczos.takeUpdates() { state.apply(lanczos: update) }
  }

  func perform(_ effect: DashboardEffect, state: inout DashboardState, view: inout DashboardView) -> Bool {
    switch effect {
    case .post(let request):
      if let error = session.post(request) { state.postNotice(error, role: .bad) } else { state.posted(request) }
    case .runCommand(let text):
      switch SettingsCatalog.parse(text) {
      case .success(let request):
        if let error = session.post(request) {
          view.commandFailed(error)
        } else {
          state.posted(request)
          view.commandSucceeded()
        }
      case .failure(let error):
        view.commandFailed(error.message)
      }
    case .addNote(let text):
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      if !trimmed.isEmpty { session.addNote(trimmed) }
    case .finiteDifferenceCheck:
      diagnostics.request()
    case .lanczos(let steps):
      lanczos.request(steps: steps)
    case .cancelLanczos:
      lanczos.cancel()
    case .transport:
      break  // replay only
    case .detach:
      // This process is the session (rank 0 of an MPI job): other dashboards attach to it.
      state.postNotice("this dashboard runs the session itself (--distributed): q stops it; others can hfdash attach", role: .warn)
    case .quit:
      return false
    }
    return true
  }
}
