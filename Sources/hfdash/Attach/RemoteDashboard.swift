import Foundation
import HFDashUI
import HFRecording
import HFSession

#if canImport(Glibc)
  import Glibc
#endif

/// The dashboard on a session in another process: `run`'s own, or `hfdash attach`'s.
enum RemoteDashboard {
  /// Runs the dashboard on `client` until the user leaves, then says what became of the session.
  /// `sessionPid` is the session process when this command started it (`run`): SIGINT and SIGTERM
  /// are passed on to it, which ends the run (reason `signal`); a hangup (SIGHUP) only ever detaches.
  static func run(client: SessionClient, display: DisplayOptions, comparison: ComparisonOptions, sessionPid: pid_t?) {
    let ghost = comparison.comparison(preset: client.hello.status.preset)
    let source = RemoteSource(client: client)
    var runDone = false
    let exit = display.withScreen { screen, glyphs in
      var state = DashboardState()
      state.comparison = ghost
      var view = DashboardView()
      let exit = DashboardLoop(screen: screen, glyphs: glyphs, frameMs: display.refreshMs).run(source: source, state: &state, view: &view)
      runDone = state.runState == .done
      return exit
    }
    var stop = source.exit == .stop
    if case .signal(let s) = exit, s != SIGHUP, let sessionPid, !runDone, !source.connectionClosed {
      // The session process ends on the same signal (its `end` line names it), else by request.
      if kill(sessionPid, s) != 0 { client.requestEnd() }
      stop = true
    }
    let id = client.hello.session
    let recording = client.hello.recording
    if stop {
      if !client.waitUntilClosed(timeout: 120) {
        RecordingInput.warn("session \(id) has not ended after 120 s; it may still be writing its checkpoint.")
      }
      if let sessionPid { SessionLauncher.reap(sessionPid, timeout: 10) }
      if let recording { writeLine("hfdash: session recorded in \(recording)") }
    } else {
      client.close()
      if case .signal(let s) = exit, s == SIGHUP {
        // The terminal is gone: nothing to print to.
      } else if !runDone && !source.connectionClosed {
        writeLine("hfdash: detached; session \(id) goes on (hfdash attach \(id) · hfdash stop \(id))")
      } else if sessionPid != nil, let recording {
        writeLine("hfdash: session recorded in \(recording)")
      }
    }
    if case .signal(let s) = exit { Foundation.exit(128 + s) }
  }
}
