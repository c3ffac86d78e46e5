import Foundation
import HFEngine
import Testing

/// `verify` and `--resume` run on the OpenBLAS kernel that computed a recording.
@Suite("OpenBLAS kernel of re-executions")
struct BLASKernelPinTests {
  /// A kernel this CPU can run other than the one the tests run on (nil where there is none).
  static var otherKernel: String? {
    let current = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? BLASKernel.current
    return ["Sandybridge", "Haswell", "SkylakeX"].first { $0 != current && BLASKernel.cpuCanRun($0) }
  }

  @Test("a recording made on another kernel verifies identically: verify restarts itself on the recorded one")
  func verifyRestartsOnTheRecordedKernel() throws {
    let dir = try CLIRunner.temporaryDirectory()
    let file = dir.appendingPathComponent("k.hfrec.jsonl").path
    guard let kernel = Self.otherKernel else {
      // No second kernel this CPU runs: a recording claiming an unknown kernel is verified on this one, with a warning.
      let train = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "2", "--record", file])
      #expect(train.status == 0)
      let text = try String(contentsOfFile: file, encoding: .utf8)
      try text.replacingOccurrences(of: "\"blas_kernel\":\"\(BLASKernel.current)\"", with: "\"blas_kernel\":\"Imaginary\"")
        .write(toFile: file, atomically: true, encoding: .utf8)
      let r = try CLIRunner.run(["verify", file])
      #expect(r.stderr.contains("computed with OpenBLAS kernel Imaginary") && r.stderr.contains("cannot run"), "\(r.stderr)")
      return
    }
    let train = try CLIRunner.run(
      ["train", "--preset", "tiny", "--iterations", "3", "--record", file], environment: ["OPENBLAS_CORETYPE": kernel])
    #expect(train.status == 0, "\(train.stderr)")
    let header = try String(contentsOfFile: file, encoding: .utf8).prefix { $0 != "\n" }
    #expect(header.contains("\"blas_kernel\":\"\(kernel)\""))
    let r = try CLIRunner.run(["verify", file])
    #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
    #expect(r.stdout.hasPrefix("identical through iteration 3") && r.stdout.contains("(on OpenBLAS kernel \(kernel), as recorded)"))
  }

  @Test("the committed v1 sample, recorded on SkylakeX, verifies identically under OPENBLAS_CORETYPE=SkylakeX")
  func sampleOnItsKernel() throws {
    let sample = CLIRunner.packageRoot.appendingPathComponent("assets/sample-tiny.hfrec.jsonl").path
    let r = try CLIRunner.run(
      ["verify", sample], environment: ["OPENBLAS_CORETYPE": BLASKernel.cpuCanRun("SkylakeX") ? "SkylakeX" : "Haswell"])
    if BLASKernel.cpuCanRun("SkylakeX") {
      #expect(r.status == 0 && r.stdout == "identical through iteration 5 (71 engine events)\n", "\(r.stdout) \(r.stderr)")
    } else {
      // Another kernel diverges from the first product, and verify says why that can be.
      #expect(r.status == 1 && r.stderr.contains("does not name its OpenBLAS kernel"), "\(r.stdout) \(r.stderr)")
    }
  }
}
