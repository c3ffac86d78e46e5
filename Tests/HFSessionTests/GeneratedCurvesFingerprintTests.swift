import Foundation
import HFEngine
import HFRecording
import Testing

/// The generated CURVES versions make, byte for byte, the training sets that the long runs of
/// docs/FIDELITY.md were recorded on (their headers carry the data's SHA-256).
@Suite("Generated CURVES against the long runs' data")
struct GeneratedCurvesFingerprintTests {
  @Test("curves-v2 makes the shipped 300-iteration run's training set")
  func calibratedIsTheShippedRunsData() throws {
    let shipped = repositoryRoot.appendingPathComponent("assets/runs/curves-300.hfrec.jsonl.gz")
    let header = try RecordingReader.open(shipped).header
    #expect(header.dataSource == "generated:curves-v2")
    let spec = try header.runSpec()
    #expect(spec.data == .curvesV2)
    let split = try #require(try spec.data?.load(seed: spec.seed))
    try header.checkData(split.train)
  }

  @Test("curves-v3 makes the no-fold probe's training set (docs/fidelity/nofold-probe.patch, seed 1)")
  func unfoldedIsTheProbesData() throws {
    // The header of the probe run recorded by a binary built with the patch (2026-12-06).
    let probe = "e541e0e7fe0d988f358ed8ea21d0e2e68f9ec569e36f90acece044d17a2ebe91"
    let unfolded = try DataSource.curvesV3.load(seed: 1)
    #expect(DataFingerprint.sha256(of: unfolded.train) == probe)
    let calibrated = try DataSource.curvesV2.load(seed: 1)
    #expect(DataFingerprint.sha256(of: calibrated.train) != probe)
  }
}
