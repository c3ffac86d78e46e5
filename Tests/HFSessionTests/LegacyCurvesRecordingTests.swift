import Foundation
import HFEngine
import HFRecording
import Testing

/// `assets/legacy-curves-v1.hfrec.jsonl`: a real 2-iteration `curves` run (CG capped at 3) recorded
/// by hfdash before the CURVES generator was calibrated (commit d200f27). Its header names the
/// data `generated` and carries the SHA-256 of that generator's training set.
@Suite("Recordings of the first CURVES generator")
struct LegacyCurvesRecordingTests {
  static let legacy = "assets/legacy-curves-v1.hfrec.jsonl"

  @Test("an old header re-creates the first generator's data, byte for byte")
  func oldHeaderMapsToTheFirstGenerator() throws {
    let (header, source, train) = try recordedData(Self.legacy)
    #expect(header.dataSource == "generated")
    #expect(header.dataFingerprint == "9c88d22a872d9693242ddeaf9a00e7cde9cd7625f77d3c6e46b19b0aea0773fe")
    #expect(source == .curvesV1)
    try header.checkData(train)
    // The default generator's data is not what that recording was made on.
    let calibrated = try DataSource.curvesV3.load(seed: header.seed)
    #expect(throws: RecordingError.self) { try header.checkData(calibrated.train) }
  }

  @Test("new headers name the default generator's version unambiguously")
  func newHeaderNamesTheCalibratedGenerator() throws {
    let setup = try TrainingSetup(RunSpec(preset: try #require(Preset.named("curves"))))
    let header = RecordingHeader(setup: setup, toolVersion: "test")
    #expect(header.dataSource == "generated:curves-v3")
    #expect(try header.runSpec().data == .curvesV3)
    try header.checkData(setup: setup)
  }
}
