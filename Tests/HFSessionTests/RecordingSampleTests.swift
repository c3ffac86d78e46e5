import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

/// The committed sample recording `assets/sample-tiny.hfrec.jsonl`: a real 5-iteration `tiny` run.
/// Regenerate it with `RECORD_SAMPLE=1 swift test -c release --filter RecordingSampleTests`.
@Suite("Sample recording")
struct RecordingSampleTests {
  static let sample = repositoryRoot.appendingPathComponent("assets/sample-tiny.hfrec.jsonl")

  @Test("the committed sample parses cleanly and re-executes to the same numbers")
  func committedSample() throws {
    if ProcessInfo.processInfo.environment["RECORD_SAMPLE"] == "1" {
      try? FileManager.default.removeItem(at: Self.sample)
      let run = try recordTinyRun(to: Self.sample, iterations: 5, toolVersion: "0.1.0")
      print("[recording] wrote \(Self.sample.path): \(run.writer.bytesWritten) bytes, \(run.writer.linesWritten) lines")
    }
    let timeline = try RecordingReader.open(Self.sample)
    #expect(timeline.faults.isClean)
    #expect(timeline.header.preset == "tiny" && timeline.header.version == 1)
    #expect(timeline.iterations.map(\.iteration) == [1, 2, 3, 4, 5])
    #expect(timeline.finish?.reason == .iterationLimit)
    #expect(timeline.markers.map(\.kind) == [.start, .note, .control, .finish])
    let size = try FileManager.default.attributesOfItem(atPath: Self.sample.path)[.size] as! Int
    print("[recording] tiny: \(size / 5) bytes per HF iteration (sample of 5 iterations, \(timeline.events.count) events)")
    // The numbers are real: re-executing the header's run with its control reproduces them.
    let setup = try TrainingSetup(try timeline.header.runSpec())
    try timeline.header.checkData(setup.split!.train)
    // Made on OpenBLAS's SkylakeX kernel (found by re-executing it on each kernel; v1 headers do not
    // name it). On another kernel float sums round differently from the first product on, so there the
    // trajectory is checked to agree within 5 % (the noisiest field, CG's relative progress, moves
    // 1.5 % on Sandybridge); the CLI test re-executes it on SkylakeX bit for bit where the CPU runs it.
    let onRecordedKernel = ["SkylakeX", "Cooperlake"].contains(BLASKernel.current)
    var verifier = RecordingVerifier(timeline: timeline, tolerance: onRecordedKernel ? 0 : 0.05)
    for mark in timeline.iterations {
      for c in timeline.appliedControls where c.iteration == mark.iteration {
        if case .set(.maxCG, .whole(let n)) = c.control { setup.optimizer.config.cg.maxIterations = n }
      }
      setup.optimizer.step { verifier.check($0) == nil ? .proceed : .stop }
    }
    #expect(
      verifier.finish() == nil,
      "the sample no longer re-executes (engine numerics changed?): \(verifier.finish()?.description ?? ""); regenerate it with RECORD_SAMPLE=1")
  }
}
