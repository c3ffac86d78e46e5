import ArgumentParser
import Foundation
import HFDashUI
import HFEngine
import HFSession
import HFTerminal

/// `hfdash run` (the default): the live dashboard, training on a background queue.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Train with the live dashboard (the default command).",
    discussion: "--optimizer NAME trains with another optimizer; --race LIST races HF against others, one at a time in equal slices of data passes.")

  @OptionGroup var options: RunOptions
  @OptionGroup var recording: RecordingOptions
  @OptionGroup var display: DisplayOptions
  @OptionGroup var comparison: ComparisonOptions
  @Option(help: "Stop after N HF iterations (the dashboard stays open; default: until you quit).")
  var iterations: Int?
  @Flag(help: "Pause training whenever an alarm is raised.")
  var pauseOnAlarm = false
  @Option(help: "Continue the recorded session FILE from its last checkpoint, appending to it.")
  var resume: String?
  @OptionGroup var distributed: DistributedOptions
  @OptionGroup var process: SessionProcessOptions

  func run() throws {
    if let iterations, iterations < 1 { fail("--iterations must be at least 1 (got \(iterations)).", code: 2) }
    // The dashboard draws HF, or a race led by HF; another optimizer alone runs headless.
    if let single = try? options.sessionOptimizers().optimizer, single != .hf, options.race == nil {
      fail(
        "The dashboard shows HF or a race: watch \(single.rawValue) with hfdash run --race \(single.rawValue), or train it alone with hfdash train --optimizer \(single.rawValue).",
        code: 2)
    }
    if process.sessionHost == nil && !distributed.distributed {
      // The session runs in a process of its own; this one is its first dashboard.
      let launched = SessionLauncher.launch(role: process.detach ? .detached : .attached)
      if process.detach {
        SessionAnnouncement.print(launched)
        return
      }
      let client: SessionClient
      do {
        client = try SessionClient.connect(path: launched.ready.socket, join: ViewerJoin(name: LiveSessions.viewerName, mode: .watch))
      } catch {
        fail("cannot attach to the session just started (\(launched.ready.info.id)): \(error.description).")
      }
      RemoteDashboard.run(client: client, display: display, comparison: comparison, sessionPid: launched.pid)
      return
    }
    if process.detach && distributed.distributed {
      fail("--detach cannot be combined with --distributed: start the MPI job under nohup or tmux; hfdash attach works on its rank 0.", code: 2)
    }
    if process.sessionHost != nil {
      hostSession()
      return
    }
    // --distributed: ranks > 0 follow rank 0 headless and never return from here.
    let (mpi, options) = DistributedRun.start(distributed, options: self.options, resume: resume)
    let live: LiveRun
    do {
      live = try LiveRun.make(
        options: options, recording: recording, resume: resume, maxIterations: iterations, pauseOnAlarm: pauseOnAlarm,
        collective: mpi)
    } catch { DistributedRun.abandon(mpi, error.message) }
    DistributedRun.confirm(mpi)
    let ghost = comparison.comparison(preset: live.presetName)
    let host = SessionHost.openInProcess(live: live, command: "run")
    let foreground = mpi != nil ? DistributedRun.attachTerminal() : nil
    let exit = display.withScreen { screen, glyphs in
      let source = LiveSource(session: live.session, recorder: live.recorder)
      live.session.start()
      var state = DashboardState()
      state.comparison = ghost
      var view = DashboardView()
      return DashboardLoop(screen: screen, glyphs: glyphs, frameMs: display.refreshMs).run(source: source, state: &state, view: &view)
    }
    DistributedRun.detachTerminal(foreground)
    live.close()
    host?.close()
    DistributedRun.end(mpi)
    if let recorder = live.recorder {
      let note = recorder.error.map { " (\($0))" } ?? ""
      writeLine("hfdash: session recorded in \(recorder.url.path)\(note)")
    }
    if case .signal(let s) = exit { Foundation.exit(128 + s) }
  }

  /// The session process of `run` (started by `SessionLauncher`): trains and serves viewers
  /// until a viewer or `hfdash stop` ends it, or it is DONE and its last viewer left.
  func hostSession() {
    _ = DistributedRun.start(distributed, options: options, resume: resume)  // pins a resumed run's BLAS kernel
    let live: LiveRun
    do {
      live = try LiveRun.make(
        options: options, recording: recording, resume: resume, maxIterations: iterations, pauseOnAlarm: pauseOnAlarm)
    } catch { fail(error.message) }
    let logPath = SessionHost.logPath(preset: live.presetName)
    let host: SessionHost
    do { host = try SessionHost(live: live, command: "run", log: logPath, logLine: SessionHost.logLine) } catch {
      fail("cannot open the session's socket: \(error.description).")
    }
    host.endOnSignals()
    host.announceReady(logPath: logPath)
    live.session.start()
    host.serveUntilDone()
    live.close()
    host.close()
    if let error = live.recorder?.error { SessionHost.logLine(error) }
    SessionHost.logLine("session \(host.info.id) ended" + (host.endRequestedBy.map { " (stop requested by \($0))" } ?? ""))
  }
}
