import ArgumentParser
import Foundation
import HFEngine
import HFSession

/// `hfdash train`: the same run as the dashboard, headless, one line per HF iteration.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train without the dashboard: a header, then one line (or JSON object) per iteration.",
    discussion: """
      --optimizer NAME trains with another optimizer (sgd, momentum, adam, ncg, lbfgs); --race LIST races HF \
      against the listed ones from the same initial weights, one at a time in equal slices of data passes, \
      printing each racer's lines under its name and a summary table at the end. --reference NAME|FILE puts a \
      published run's error beside HF's on every row (the curves preset: Martens' run, unless --no-reference) and \
      compares the two at the end.
      """)

  @OptionGroup var options: RunOptions
  @OptionGroup var recording: RecordingOptions
  @Option(parsing: .unconditional, help: "HF iterations to run (or the single optimizer's; default 20; 300 for the recurrent presets, which stop at SUCCESS); with --resume, iterations past the checkpoint.")
  var iterations: Int?
  @Flag(help: "Write one JSON object per iteration instead of the table.")
  var json = false
  @OptionGroup var comparison: ComparisonOptions
  @Option(help: "Continue the recorded session FILE from its last checkpoint, appending to it.")
  var resume: String?
  @OptionGroup var distributed: DistributedOptions
  @OptionGroup var process: SessionProcessOptions

  func validate() throws {
    if let iterations, iterations < 1 { throw ValidationError("--iterations must be at least 1 (got \(iterations)).") }
    if process.detach && distributed.distributed {
      throw ValidationError("--detach cannot be combined with --distributed: start the MPI job under nohup or tmux; hfdash attach works on its rank 0.")
    }
  }

  func run() throws {
    if process.detach && process.sessionHost == nil {
      SessionAnnouncement.print(SessionLauncher.launch(role: .detached))
      return
    }
    let recurrent = Preset.named(options.preset)?.recurrent != nil
    // A reference named on the command line is read before anything starts (a bad one stops here).
    let named = comparison.reference != nil ? comparison.comparison(preset: nil) : nil
    let (live, mpi) = try LiveRun.start(
      options: options, recording: recording, distributed: distributed, resume: resume,
      maxIterations: iterations ?? (recurrent ? 300 : 20), pauseOnAlarm: false)
    // Viewers can attach (hfdash attach); a detached session process writes its rows to its log.
    let host: SessionHost?
    if process.sessionHost != nil {
      let logPath = SessionHost.logPath(preset: live.presetName)
      do { host = try SessionHost(live: live, command: "train", log: logPath, logLine: SessionHost.logLine) } catch {
        throw DataError("cannot open the session's socket: \(error.description).")
      }
      host?.announceReady(logPath: logPath)
    } else {
      host = SessionHost.openInProcess(live: live, command: "train")
    }
    let events = live.session.subscribe(.lossless)
    var printer = TrainPrinter(json: json)
    var hfReports: [IterationReport] = []
    var raceReports: [OptimizerKind: [IterationReport]] = [:]
    var raceOrder: [OptimizerKind] = []
    // SIGINT, SIGTERM, SIGHUP: the run ends (reason `signal`, final checkpoint), exit 128 + signal.
    let interrupt = SignalEnd { _, name in live.session.close(signal: name) }
    live.session.start()
    var finished = false
    var failure: String?
    var succeeded = false
    var cgIterations = 0, seconds = 0.0, lastIteration = 0
    while !finished {
      let more = events.waitForEvents(timeout: 0.5)
      for event in events.drain() {
        switch event {
        case .started(let description):
          // The rows compared are HF's: a single run of another optimizer, or a race, has none to
          // compare. The description says which (a resumed run's kind comes from its recording).
          if description.racers.isEmpty && description.optimizer == .hf {
            printer.reference = named ?? (comparison.reference == nil ? comparison.comparison(preset: live.presetName) : nil)
          } else if named != nil {
            RecordingInput.warn("--reference is shown beside a single HF run's table; a race or another optimizer's run is printed without it.")
          }
          // A resumed run's comparison counts the iterations before the checkpoint too.
          if description.resumedFrom != nil && printer.reference != nil { hfReports = live.history[.hf] ?? [] }
          printer.header(
            description, recording: live.recorder?.url.path, optimizerSettings: live.optimizerSettings, ranks: mpi?.size ?? 1)
          raceOrder = description.racers.map(\.kind)
          // A resumed race's summary counts the iterations before the checkpoint too.
          raceReports = description.resumedFrom != nil && !raceOrder.isEmpty ? live.history : [:]
        case .racer(let kind, .iterationFinished(let report)):
          printer.row(report, racer: kind)
          raceReports[kind, default: []].append(report)
        case .engine(.iterationFinished(let report)):
          printer.row(report, racer: nil)
          if printer.reference != nil { hfReports.append(report) }
          if !raceOrder.isEmpty { raceReports[.hf, default: []].append(report) }
          cgIterations += report.cgIterations
          seconds += report.times.total
          lastIteration = report.iteration
          if let threshold = live.successThreshold, live.isSuccess(report) {
            printer.success(report, threshold: threshold, cgIterations: cgIterations, seconds: seconds)
            succeeded = true
          }
        case .alarm(let alarm) where !json:
          writeLine("  ! " + alarm.message)
        case .finished(.failed, _, let message), .finished(.nonFinite, _, let message):
          failure = message
          finished = true
        case .finished(let reason, _, let message):
          if !json && reason != .iterationLimit && reason != .success { writeLine(message) }
          finished = true
        default:
          break
        }
      }
      if !more && events.isClosed { finished = true }
    }
    if !raceOrder.isEmpty { printer.raceSummary(RaceStandings.compute(raceOrder.map { ($0, raceReports[$0] ?? []) })) }
    if let threshold = live.successThreshold, !succeeded {
      printer.noSuccess(iterations: lastIteration, threshold: threshold, cgIterations: cgIterations, seconds: seconds)
    }
    if failure == nil { printer.referenceSummary(hfReports) }
    interrupt.cancel()
    live.close()
    host?.close()
    DistributedRun.end(mpi)
    interrupt.exitIfSignalled()
    if let failure { throw DataError(failure) }
    if let error = live.recorder?.error { throw DataError(error) }
  }
}
