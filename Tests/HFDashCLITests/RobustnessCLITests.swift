import Foundation
import Testing

/// The binary never traps on absurd sizes or non-finite numbers: sizes are refused in one
/// sentence (exit 1), non-finite iterations are contained and shown, and a run that stays
/// non-finite stops with one sentence (exit 1).
@Suite("hfdash train: absurd sizes and non-finite numbers")
struct RobustnessCLITests {
  /// Runs `train` with `args`; expects exit `status` and, when given, exactly `stderr`.
  @discardableResult
  static func train(
    _ args: [String], status: Int32, stderr: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> CLIRunner.Result {
    let r = try CLIRunner.run(["train", "--no-record"] + args)
    #expect(r.status == status, "exit status for \(args): \(r.stderr)", sourceLocation: sourceLocation)
    if let stderr { #expect(r.stderr == stderr, sourceLocation: sourceLocation) }
    return r
  }

  @Test("absurd sizes are refused by name with their range (the engine's ranges, quoted by the flag table), before anything runs")
  func absurdSizes() throws {
    for (args, message) in [
      (["--max-cg", "1000000000000000"], "--max-cg must be from 1 to 10000 (got 1000000000000000)."),
      (["--threads", "9223372036854775807"], "--threads must be from 1 to 1024 (got 9223372036854775807)."),
      (["--race", "lbfgs", "--lbfgs-history", "1000000000000"], "--lbfgs-history must be from 1 to 1000 (got 1000000000000)."),
      (["--curvature-batch", "1000000000000"], "--curvature-batch must be from 1 to 100000000 (got 1000000000000)."),
      (["--chunks", "9223372036854775807"], "--chunks must be from 1 to 1000000 (got 9223372036854775807)."),
    ] {
      let r = try Self.train(
        ["--preset", "tiny", "--iterations", "1"] + args, status: 2, stderr: "hfdash: \(message) (see hfdash --help)\n")
      #expect(r.stdout.isEmpty)
    }
  }

  @Test("a recurrent net too large for the machine is refused with what it needs and what the machine has")
  func tooLargeForTheMachine() throws {
    let r = try Self.train(
      ["--preset", "addition", "--seq-len", "5000", "--hidden", "10000", "--threads", "64", "--iterations", "1"], status: 1)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.hasPrefix("hfdash: The addition run at T = 5000 with 10000 hidden units needs 3605 GiB of memory (workspaces of 64 threads 3593 GiB, HF and CG vectors 10.9 GiB, sequence batches 367.2 MiB); this machine has "))
    #expect(r.stderr.hasSuffix(" GiB.\n") && r.stderr.split(separator: "\n").count == 1)
  }

  @Test("a FIFO and a character device given as data are refused by name")
  func specialFiles() throws {
    let dir = try CLIRunner.temporaryDirectory()
    let fifo = dir.appendingPathComponent("data.csv").path
    #expect(mkfifo(fifo, 0o600) == 0)
    try Self.train(["--preset", "tiny", "--data", "csv:\(fifo)", "--iterations", "1"], status: 1, stderr: "hfdash: \(fifo) is a FIFO, not a regular file.\n")
    try Self.train(["--preset", "tiny", "--data", "csv:/dev/zero", "--iterations", "1"], status: 1, stderr: "hfdash: /dev/zero is a character device, not a regular file.\n")
  }

  @Test("λ = 1e300: the iteration is rejected and says why; the run ends normally at its limit")
  func hugeLambdaIsContained() throws {
    let r = try Self.train(["--preset", "tiny", "--iterations", "2", "--lambda", "1e300"], status: 0, stderr: "")
    let rows = r.stdout.split(separator: "\n").filter { $0.hasPrefix("    1 ") || $0.hasPrefix("    2 ") }
    #expect(rows.count == 2)
    #expect(rows.allSatisfy { $0.hasSuffix("  non-finite: the damping λ + wc in single precision was +Inf in the preconditioner") })
    #expect(r.stdout.contains("  ! Iteration 1 was rejected: the damping λ + wc in single precision was +Inf in the preconditioner; θ is unchanged and λ is now 1.5e300.\n"))
  }

  @Test("weight cost 1e300: ten rejected iterations, then one sentence and exit 1")
  func hugeWeightCostStops() throws {
    let r = try Self.train(
      ["--preset", "tiny", "--iterations", "30", "--weight-cost", "1e300", "--threads", "1"], status: 1,
      stderr: "hfdash: Stopped after 10 consecutive HF iterations rejected for non-finite values (the last: the gradient norm was NaN in the gradient phase).\n")
    #expect(r.stdout.split(separator: "\n").filter { $0.contains("non-finite: the gradient norm was NaN") }.count == 10)
  }

  @Test("μ = 1e300 on addition: rejected, contained, the run ends at its limit")
  func hugeMuIsContained() throws {
    let r = try Self.train(
      ["--preset", "addition", "--iterations", "2", "--mu", "1e300", "--gradient-batch", "100", "--curvature-batch", "50", "--threads", "1"],
      status: 0, stderr: "")
    #expect(r.stdout.components(separatedBy: "non-finite: the structural damping μλ in single precision was +Inf in the preconditioner").count == 3)
  }

  @Test("CSV values near 3e38: the load-time warning, then ten rejected iterations and exit 1")
  func overflowingCSV() throws {
    let dir = try CLIRunner.temporaryDirectory()
    let path = dir.appendingPathComponent("huge.csv").path
    let rows = (0..<50).map { r in (0..<8).map { c in "\(3.0e38 + Double(r * 8 + c) * 1e34)" }.joined(separator: ",") }
    try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    let r = try Self.train(
      ["--preset", "tiny", "--data", "csv:\(path)", "--iterations", "20", "--threads", "1"], status: 1,
      stderr: "hfdash: Stopped after 10 consecutive HF iterations rejected for non-finite values (the last: the objective was NaN in the gradient phase).\n")
    #expect(r.stdout.contains("  ! The training data (csv:\(path)) holds values up to 3e+38 in magnitude, whose squares overflow single precision (above 1.8e+19): the loss and its curvature will not be finite, so iterations will be rejected.\n"))
  }

  @Test("SGD at learning rate 1e30: every interval is undone with its rate halved, then the run stops")
  func sgdOverflowStops() throws {
    let r = try Self.train(
      ["--preset", "tiny", "--optimizer", "sgd", "--learning-rate", "1e30", "--iterations", "30", "--threads", "1"], status: 1)
    #expect(r.stderr == "hfdash: Stopped after 10 consecutive SGD-N iterations rejected for non-finite values (the last: θ was NaN in the update).\n")
    #expect(r.stdout.contains("  ! SGD-N: Iteration 1 was rejected: "))
    #expect(r.stdout.contains("θ is back where the step began and the step is halved."))
  }
}
