import ArgumentParser
import Foundation
import HFEngine

/// `hfdash train`: the same run as the dashboard, headless, one line per HF iteration.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train", abstract: "Train without the dashboard: a header, then one line (or JSON object) per HF iteration.")

  @OptionGroup var options: RunOptions
  @Option(help: "HF iterations to run (default 20; 300 for the recurrent presets, which stop at SUCCESS).")
  var iterations: Int?
  @Flag(help: "Write one JSON object per iteration instead of the table.")
  var json = false

  func run() throws {
    if let iterations, iterations < 1 { fail("--iterations must be at least 1 (got \(iterations)).", code: 2) }
    let setup: TrainingSetup
    do { setup = try TrainingSetup(try options.runSpec()) } catch { fail(error.message) }
    let iterations = self.iterations ?? (setup.recurrentProblem != nil ? 300 : 20)
    let printer = TrainPrinter(json: json)
    if !json { printer.header(setup) }
    var cgIterations = 0
    var seconds = 0.0
    for _ in 0..<iterations {
      guard let report = setup.optimizer.step() else { break }
      printer.row(report)
      cgIterations += report.cgIterations
      seconds += report.times.total
      if setup.isSuccess(report) {
        printer.success(report, threshold: setup.successThreshold ?? 0, cgIterations: cgIterations, seconds: seconds)
        return
      }
    }
    if let threshold = setup.successThreshold {
      printer.noSuccess(iterations: setup.optimizer.iteration, threshold: threshold, cgIterations: cgIterations, seconds: seconds)
    }
  }
}
