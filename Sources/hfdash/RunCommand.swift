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
  @Option(parsing: .unconditional, help: "Stop after N HF iterations (the dashboard stays open; default: until you quit).")
  var iterations: Int?
  @Flag(help: "Pause training whenever an alarm is raised.")
  var pauseOnAlarm = false
  @Option(help: "Continue the recorded session FILE from its last checkpoint, appending to it.")
  var resume: String?
  @OptionGroup var distributed: DistributedOptions
  @OptionGroup var process: SessionProcessOptions

  func validate() throws {
    if let iterations, iterations < 1 { throw ValidationError("--iterations must be at least 1 (got \(iterations)).") }
    // The dashboard draws HF, or a race led by HF; another optimizer alone runs headless.
    if options.optimizer != .hf, options.race == nil {
      let name = options.optimizer.rawValue
      throw ValidationError(
        "The dashboard shows HF or a race: watch \(name) with hfdash run --race \(name), or train it alone with hfdash train --optimizer \(name).")
    }
    if process.detach && distributed.distributed {
      throw ValidationError("--detach cannot be combined with --distributed: start the MPI job under nohup or tmux; hfdash attach works on its rank 0.")
    }
  }

  func run() throws {
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
        throw DataError("cannot attach to the session just started (\(launched.ready.info.id)): \(error.description).")
      }
      RemoteDashboard.run(client: client, display: display, comparison: comparison, sessionPid: launched.pid)
      return
    }
    if process.sessionHost != nil {
      try hostSession()
      return
    }
    let (live, mpi) = try LiveRun.start(
      options: options, recording: recording, distributed: distributed, resume: resume, maxIterations: iterations,
      pauseOnAlarm: pauseOnAlarm)
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
    if case .signal(let s) = exit { live.session.close(signal: SignalEnd.name(s)) }
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
  func hostSession() throws {
    _ = DistributedRun.start(distributed, options: options, resume: resume)  // pins a resumed run's BLAS kernel
    let live = try LiveRun.make(
      options: options, recording: recording, resume: resume, maxIterations: iterations, pauseOnAlarm: pauseOnAlarm)
    let logPath = SessionHost.logPath(preset: live.presetName)
    let host: SessionHost
    do { host = try SessionHost(live: live, command: "run", log: logPath, logLine: SessionHost.logLine) } catch {
      throw DataError("cannot open the session's socket: \(error.description).")
    }
    host.endOnSignals()
    host.announceReady(logPath: logPath)
    live.session.start()
    host.serveUntilDone()
    live.close()
    host.close()
    if let error = live.recorder?.error { SessionHost.logLine(error) }
    SessionHost.logLine("session \(host.info.id) ended" + (host.endRequestedBy.map { " (stop requested by \($0))" } ?? ""))
    host.signalEnd?.exitIfSignalled()
  }
}
