import Foundation
import HFEngine
import HFRecording
import Testing

/// The generated CURVES versions make, byte for byte, the training sets that the shipped long runs
/// of docs/FIDELITY.md were recorded on (their headers carry the data's SHA-256).
@Suite("Generated CURVES against the shipped runs' data")
struct GeneratedCurvesFingerprintTests {
  @Test("curves-v3, the default, makes the demo run's training set")
  func unfoldedIsTheDemoRunsData() throws {
    let (header, data, train) = try recordedData("assets/runs/curves-300.hfrec.jsonl.gz")
    #expect(header.dataSource == "generated:curves-v3" && data == .curvesV3)
    try header.checkData(train)
    // The run's first 125 iterations were recorded by a binary that generated this data under
    // the name curves-v2; the fingerprint, not the name, is what verify checks.
    #expect(throws: RecordingError.self) { try header.checkData(try DataSource.curvesV2.load(seed: 1).train) }
  }

  @Test("curves-v2 makes the shipped curves-v2 run's training set")
  func calibratedIsTheV2RunsData() throws {
    let (header, data, train) = try recordedData("assets/runs/curves-v2-300.hfrec.jsonl.gz")
    #expect(header.dataSource == "generated:curves-v2" && data == .curvesV2)
    try header.checkData(train)
  }
}
