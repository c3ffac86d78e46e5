import Foundation
import HFDashUI
import HFRecording
import HFSession

/// A session in another process as a dashboard source: the events its socket streams (history
/// first) fold into the state, and key effects go back over the socket into the session's one
/// control path. `d` detaches; a confirmed `q` asks the session to stop the run and end.
final class RemoteSource: DashboardSource {
  /// How the viewer left the dashboard.
  enum Exit {
    /// The run goes on.
    case detach
    /// The user asked the session to stop the run and end.
    case stop
  }

  let client: SessionClient
  let assist: PromptAssist? = CommandAssist.assist
  private(set) var exit: Exit = .detach
  /// Whether the connection has ended, and the session's last word.
  private(set) var connectionClosed = false
  private(set) var bye: SessionBye?
  private var toldClosed = false
  /// Whether the greeting's status (recording badge) has been shown.
  private var greeted = false

  init(client: SessionClient) {
    self.client = client
    client.startReading()
    // The first frame shows the session as it is now, not part-way through its history.
    if !client.waitForHistory(timeout: 0.5), let count = client.hello.history {
      FileHandle.standardError.write(Data("hfdash: catching up on session \(client.hello.session)'s history (\(count) events)…\n".utf8))
      _ = client.waitForHistory(timeout: 30)
    }
  }

  /// The session's clock: its elapsed time at the greeting plus the time since (events carry it as `t`).
  func clock(wall: Double) -> Double { client.hello.elapsed + wall }

  func poll(into state: inout DashboardState) {
    var inbox = client.take()
    if !greeted {
      greeted = true
      inbox.status = inbox.status ?? client.hello.status
    }
    if !inbox.events.isEmpty {
      // Each event at its own time, so a catch-up rebuilds elapsed times and durations as they were.
      let now = state.now
      for recorded in inbox.events {
        state.now = min(recorded.time, now)
        state.apply(recorded.event)
      }
      state.now = now
    }
    if let status = inbox.status {
      state.recordingBadge = status.recordingBadge
      state.recordingError = status.recordingError
      state.droppedEvents = status.dropped
    }
    for reply in inbox.replies {
      if let update = reply.lanczos { state.apply(lanczos: update) } else { state.postNotice(reply.text, role: reply.good ? .good : .bad) }
    }
    if inbox.closed && !toldClosed {
      toldClosed = true
      connectionClosed = true
      bye = inbox.bye
      let why = inbox.bye?.reason ?? "the connection to the session was lost"
      state.postNotice(why + " · q leaves", role: inbox.bye?.ended == true ? .accent : .bad)
    }
  }

  func perform(_ effect: DashboardEffect, state: inout DashboardState, view: inout DashboardView) -> Bool {
    switch effect {
    case .post(let request):
      if let error = request.control.validationError {
        state.postNotice(error, role: .bad)
      } else {
        send { $0.send(control: request) } else: { state.postNotice($0, role: .bad) }
      }
    case .runCommand(let text):
      switch SettingsCatalog.parse(text) {
      case .success(let request):
        if let error = request.control.validationError {
          view.commandFailed(error)
        } else if connectionClosed || !client.send(control: request) {
          view.commandFailed("the session has ended: nothing to steer")
        } else {
          state.addPending(request)
          view.commandSucceeded()
        }
      case .failure(let error):
        view.commandFailed(error.message)
      }
    case .addNote(let text):
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      if !trimmed.isEmpty { send { $0.send(note: trimmed) } else: { state.postNotice($0, role: .bad) } }
    case .finiteDifferenceCheck:
      send { $0.requestCheck() } else: { state.postNotice($0, role: .bad) }
    case .lanczos(let steps):
      send { $0.requestLanczos(steps: steps) } else: { message in
        state.apply(lanczos: LanczosUpdate(phase: .failed, iteration: 0, step: 0, steps: steps, message: message))
      }
    case .cancelLanczos:
      send { $0.cancelLanczos() } else: { state.postNotice($0, role: .bad) }
    case .transport:
      break  // replay only
    case .detach:
      exit = .detach
      return false
    case .quit:
      // q asks first while the run is live; after DONE (or once the session is gone) it just leaves.
      if state.runState != .done && !connectionClosed {
        exit = .stop
        client.requestEnd()
      } else {
        exit = .detach
      }
      return false
    }
    return true
  }

  /// Sends with `body`; tells `failed` why when the session is gone.
  private func send(_ body: (SessionClient) -> Bool, else failed: (String) -> Void) {
    if connectionClosed || !body(client) { failed("the session has ended: nothing to steer") }
  }
}
