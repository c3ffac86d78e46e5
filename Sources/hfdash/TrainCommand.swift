import ArgumentParser
import Foundation
import HFEngine
import HFSession

/// `hfdash train`: the same run as the dashboard, headless, one line per HF iteration.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train", abstract: "Train without the dashboard: a header, then one line (or JSON object) per HF iteration.")

  @OptionGroup var options: RunOptions
  @OptionGroup var recording: RecordingOptions
  @Option(help: "HF iterations to run.")
  var iterations: Int = 20
  @Flag(help: "Write one JSON object per iteration instead of the table.")
  var json = false
  @Option(help: "Continue the recorded session FILE from its last checkpoint, appending to it.")
  var resume: String?

  func run() throws {
    guard iterations >= 1 else { fail("--iterations must be at least 1 (got \(iterations)).", code: 2) }
    let live: LiveRun
    do {
      live = try LiveRun.make(options: options, recording: recording, resume: resume, maxIterations: iterations, pauseOnAlarm: false)
    } catch { fail(error.message) }
    let events = live.session.subscribe(.lossless)
    let printer = TrainPrinter(json: json)
    let interrupt = InterruptHandler { live.session.close() }
    live.session.start()
    var finished = false
    while !finished {
      let more = events.waitForEvents(timeout: 0.5)
      for event in events.drain() {
        switch event {
        case .started(let description):
          if !json { printer.header(description, recording: live.recorder?.url.path) }
        case .engine(.iterationFinished(let report)):
          printer.row(report)
        case .alarm(let alarm) where !json:
          writeLine("  ! " + alarm.message)
        case .finished(let reason, _, let message):
          if !json && reason != .iterationLimit { writeLine(message) }
          finished = true
        default:
          break
        }
      }
      if !more && events.isClosed { finished = true }
    }
    interrupt.cancel()
    live.close()
    if let error = live.recorder?.error { fail(error) }
  }
}

/// Turns SIGINT/SIGTERM into a clean stop (the recording gets its final checkpoint and end line).
final class InterruptHandler: @unchecked Sendable {
  private var sources: [DispatchSourceSignal] = []

  init(_ action: @escaping @Sendable () -> Void) {
    for sig in [SIGINT, SIGTERM] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler(handler: action)
      source.resume()
      sources.append(source)
    }
  }

  func cancel() {
    for source in sources { source.cancel() }
    sources = []
  }
}
