import ArgumentParser
import Foundation
import HFDashUI
import HFEngine
import HFSession
import HFTerminal

/// `hfdash run` (the default): the live dashboard, training on a background queue.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Train with the live dashboard (the default command).")

  @OptionGroup var options: RunOptions
  @OptionGroup var recording: RecordingOptions
  @OptionGroup var display: DisplayOptions
  @Option(help: "Stop after N HF iterations (the dashboard stays open; default: until you quit).")
  var iterations: Int?
  @Flag(help: "Pause training whenever an alarm is raised.")
  var pauseOnAlarm = false
  @Option(help: "Continue the recorded session FILE from its last checkpoint, appending to it.")
  var resume: String?

  func run() throws {
    if let iterations, iterations < 1 { fail("--iterations must be at least 1 (got \(iterations)).", code: 2) }
    let live: LiveRun
    do {
      live = try LiveRun.make(options: options, recording: recording, resume: resume, maxIterations: iterations, pauseOnAlarm: pauseOnAlarm)
    } catch { fail(error.message) }
    let exit = display.withScreen { screen, glyphs in
      let source = LiveSource(session: live.session, recorder: live.recorder)
      live.session.start()
      var state = DashboardState()
      var view = DashboardView()
      return DashboardLoop(screen: screen, glyphs: glyphs, frameMs: display.refreshMs).run(source: source, state: &state, view: &view)
    }
    live.close()
    if let recorder = live.recorder {
      let note = recorder.error.map { " (\($0))" } ?? ""
      writeLine("hfdash: session recorded in \(recorder.url.path)\(note)")
    }
    if case .signal(let s) = exit { Foundation.exit(128 + s) }
  }
}

/// A session with its recorder, built from the command line (a fresh run or a resume).
struct LiveRun {
  let session: Session
  let recorder: LiveRecorder?
  /// The test error below which the run has succeeded (recurrent tasks), and the test for it.
  let successThreshold: Double?
  let isSuccess: @Sendable (IterationReport) -> Bool

  static func make(
    options: RunOptions, recording: RecordingOptions, resume: String?, maxIterations: Int?, pauseOnAlarm: Bool
  ) throws(DataError) -> LiveRun {
    if let resume {
      let plan = try ResumePlan(path: resume)
      let spec = plan.setup.spec
      var sessionOptions = SessionOptions(maxIterations: maxIterations.map { plan.checkpoint.iteration + $0 }, pauseOnAlarm: pauseOnAlarm)
      sessionOptions.scheduledControls = plan.schedule
      let session = Session(setup: plan.setup, makeSetup: { try TrainingSetup(spec) }, options: sessionOptions)
      let writer = try plan.openForAppending()
      let recorder = LiveRecorder(
        session: session, writer: writer, url: plan.url, header: plan.header,
        checkpointEvery: plan.header.checkpointInterval ?? recording.checkpointEvery)
      for note in plan.notes { writer.append(note) }
      return LiveRun(session: session, recorder: recorder, setup: plan.setup)
    }
    let spec = try options.runSpec()
    let setup = try TrainingSetup(spec)
    let session = Session(
      setup: setup, makeSetup: { try TrainingSetup(spec) },
      options: SessionOptions(maxIterations: maxIterations, pauseOnAlarm: pauseOnAlarm))
    let recorder = try recording.startRecorder(session: session, setup: setup)
    return LiveRun(session: session, recorder: recorder, setup: setup)
  }

  init(session: Session, recorder: LiveRecorder?, setup: TrainingSetup) {
    self.session = session
    self.recorder = recorder
    successThreshold = setup.successThreshold
    isSuccess = { [setup] report in setup.isSuccess(report) }
  }

  /// Ends training (a running iteration is abandoned at its next CG step), waits for the engine,
  /// then writes the final checkpoint and closes the recording.
  func close() {
    session.close()
    _ = session.awaitClosed(timeout: 60)
    recorder?.finish(session: session)
  }
}

/// `--ascii`, `--no-color` and `--refresh-ms`: how the dashboard is drawn.
struct DisplayOptions: ParsableArguments {
  @Flag(help: "Draw with ASCII only (automatic when the locale is not UTF-8).")
  var ascii = false
  @Flag(help: "No colours (also when NO_COLOR is set or the terminal has none).")
  var noColor = false
  @Option(help: "Frame interval in milliseconds.")
  var refreshMs: Int = 100

  /// Opens the terminal, runs `body` with the screen and glyph set, and restores the terminal on
  /// every path; a terminal that cannot be opened is one sentence and exit 1.
  func withScreen<T>(_ body: (TerminalScreen, GlyphSet) -> T) -> T {
    guard refreshMs >= 10 && refreshMs <= 5000 else { fail("--refresh-ms must be between 10 and 5000 (got \(refreshMs)).", code: 2) }
    let screen: TerminalScreen
    do {
      screen = try TerminalScreen(options: TerminalOptions(forceASCII: ascii, noColor: noColor, frameTimeoutMs: refreshMs))
    } catch {
      fail("cannot open the dashboard: \(error) (use `hfdash train` without a terminal).")
    }
    defer { screen.restore() }
    return body(screen, screen.asciiOnly ? .ascii : .unicode)
  }
}
