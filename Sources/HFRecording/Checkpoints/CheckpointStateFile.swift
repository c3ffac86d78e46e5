import Foundation
import HFEngine

/// The `state.json` of a checkpoint, in the recordings' encoding (`RecordingJSON`, pretty-printed).
/// Version 1 files (camelCase keys inside `config`) read as well; version 3 adds `optimizer` and
/// `racers` (written only when there are racers, so an HF-only checkpoint stays version 2).
struct CheckpointStateFile: Codable {
  struct FileEntry: Codable {
    var name: String
    var file: String
    var shape: [Int]
    var sha256: String
  }

  /// A named scalar of a racer (a list, not an object: key conversion never touches the names).
  struct NamedScalar: Codable {
    var name: String
    var value: Double
  }

  /// One racer: its standing, counters and scalars, and one `.npy` file per vector
  /// (`<kind>.<vector>.npy`, e.g. `adam.m.npy`).
  struct RacerEntry: Codable {
    var kind: OptimizerKind
    var status: String
    var objective: Double?
    var failures: Int
    var counters: RacerCounters
    var scalars: [NamedScalar]
    var vectors: [FileEntry]
  }

  var format = CheckpointStore.formatName
  var version = CheckpointStore.formatVersion
  var iteration: Int
  var lambda: Double
  var dataPasses: Double
  var time: Double
  var dataSha256: String
  var rngState: [UInt64]
  var extraState: [String: [UInt64]]
  var config: HFConfig
  var tensors: [FileEntry]
  var warmStart: FileEntry
  /// The leading optimizer when it is not HF (absent: HF).
  var optimizer: OptimizerKind?
  /// The racers (absent before version 3, and for HF alone).
  var racers: [RacerEntry]?

  init(_ c: Checkpoint, tensors: [FileEntry], warmStart: FileEntry, racers: [RacerEntry]) {
    iteration = c.iteration
    lambda = c.lambda
    dataPasses = c.dataPasses
    time = c.time
    dataSha256 = c.dataFingerprint
    rngState = c.rngState
    extraState = c.extraState
    config = c.config
    self.tensors = tensors
    self.warmStart = warmStart
    if c.optimizer != .hf { optimizer = c.optimizer }
    if !racers.isEmpty {
      self.racers = racers
      version = CheckpointStore.formatVersion
    } else {
      version = CheckpointStore.hfOnlyFormatVersion
    }
  }

  func encoded() -> [UInt8] {
    let e = RecordingJSON.encoder()
    e.outputFormatting.insert(.prettyPrinted)
    // Plain values and arrays: encoding cannot fail.
    return Array((try? e.encode(self)) ?? Data()) + [0x0A]
  }

  /// The `format` and `version` of a state file, read first.
  private struct Probe: Decodable {
    var format: String?
    var version: Int?
  }

  static func decode(_ bytes: [UInt8], label: String) throws(RecordingError) -> CheckpointStateFile {
    let decoder = RecordingJSON.decoder()
    if let probe = try? decoder.decode(Probe.self, from: Data(bytes)), let version = probe.version,
      probe.format == CheckpointStore.formatName, version > CheckpointStore.formatVersion
    {
      throw RecordingError(
        "Checkpoint \(label) has format version \(version), newer than this hfdash understands (\(CheckpointStore.formatVersion)); upgrade hfdash.")
    }
    guard let state = try? decoder.decode(CheckpointStateFile.self, from: Data(bytes)), state.format == CheckpointStore.formatName
    else {
      throw RecordingError("Checkpoint \(label) is damaged: its state.json cannot be read.")
    }
    guard state.rngState.count == 4, state.rngState.contains(where: { $0 != 0 }) else {
      throw RecordingError("Checkpoint \(label) is damaged: its generator state is not four words, not all zero.")
    }
    guard CheckpointStore.iterationRange.contains(state.iteration) else {
      throw RecordingError("Checkpoint \(label) is damaged: its iteration \(state.iteration) is outside 0 … \(CheckpointStore.iterationRange.upperBound).")
    }
    guard state.dataPasses.isFinite, state.dataPasses >= 0, state.lambda.isFinite, state.lambda >= 0 else {
      throw RecordingError("Checkpoint \(label) is damaged: its λ (\(state.lambda)) or data passes (\(state.dataPasses)) is negative or not finite.")
    }
    return state
  }
}
