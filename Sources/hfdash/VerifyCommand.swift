import ArgumentParser
import Foundation
import HFEngine
import HFSession

/// `hfdash verify FILE`: re-executes a recording and reports the first divergence.
struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Re-execute a recorded session (same data, seed, settings and controls) and compare every engine event.",
    discussion: "Exit status: 0 identical, 1 diverged (the first difference is printed), 2 the recording cannot be re-executed.")

  @Argument(help: "The recording (.hfrec.jsonl, or gzip-compressed .hfrec.jsonl.gz).")
  var file: String
  @Option(help: "Relative tolerance for numbers (default 0: bit-identical).")
  var tolerance: Double = 0
  @Option(help: "Re-execute only the first N HF iterations (a long run takes as long to verify as it took to train).")
  var iterations: Int?
  @OptionGroup var distributed: DistributedOptions

  func run() throws {
    guard tolerance.isFinite, tolerance >= 0 else { fail("--tolerance must be a finite number ≥ 0 (got \(tolerance)).", code: 2) }
    if let iterations, iterations < 1 { fail("--iterations must be at least 1 (got \(iterations)).", code: 2) }
    let (url, timeline) = RecordingInput.open(file, code: 2)
    let kernelNote = BLASKernelPin.match(timeline.header.blasKernel)
    if let kernelNote { RecordingInput.warn(kernelNote) }
    var reexecution = RecordingReexecution(timeline: timeline, tolerance: tolerance)
    reexecution.iterationLimit = iterations
    // A distributed recording re-executes on as many ranks; ranks > 0 follow and never return.
    let mpi = DistributedRun.joinForVerify(distributed, recording: timeline.header, file: file, tolerance: tolerance)
    if let mpi { reexecution.makeSetup = { spec throws(DataError) in try TrainingSetup(spec, collective: mpi) } }
    let showProgress = isatty(2) == 1
    let total = min(timeline.iterations.count, iterations ?? .max)
    var attempts = 0
    let outcome: VerificationOutcome
    do {
      outcome = try reexecution.run { iteration in
        attempts += 1
        if showProgress {
          FileHandle.standardError.write(Data("\rverifying \(url.lastPathComponent): iteration \(iteration) (\(attempts)/\(total))\u{1B}[K".utf8))
        }
      }
    } catch {
      if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
      DistributedRun.end(mpi)
      fail(error.message, code: 2)
    }
    DistributedRun.end(mpi)
    if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    let racers = timeline.racers.map(\.kind.displayName)
    let pinned = BLASKernelPin.restartNote.map { " (\($0))" } ?? ""
    writeLine(outcome.summary + pinned + (racers.isEmpty ? "" : "; racers \(racers.joined(separator: ", "))"))
    guard outcome.isIdentical else {
      if timeline.header.blasKernel == nil {
        RecordingInput.warn(
          "the recording does not name its OpenBLAS kernel (written before hfdash recorded it); this process runs \(BLASKernel.current) — if it was made on another CPU, OPENBLAS_CORETYPE=KERNEL hfdash verify … re-executes on that kernel.")
      }
      if !timeline.faults.isClean {
        RecordingInput.warn("the recording has damaged or unknown lines (above); a divergence where they were is expected.")
      }
      Foundation.exit(1)
    }
  }
}
