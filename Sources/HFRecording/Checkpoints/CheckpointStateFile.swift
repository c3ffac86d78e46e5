import Foundation
import HFEngine

/// The `state.json` of a checkpoint.
struct CheckpointStateFile: Codable {
  struct FileEntry: Codable {
    var name: String
    var file: String
    var shape: [Int]
    var sha256: String
  }

  var format = CheckpointStore.formatName
  var version = CheckpointStore.formatVersion
  var iteration: Int
  var lambda: Double
  var dataPasses: Double
  var time: Double
  var dataSHA256: String
  var rngState: [UInt64]
  var extraState: [String: [UInt64]]
  var config: HFConfig
  var tensors: [FileEntry]
  var warmStart: FileEntry

  enum CodingKeys: String, CodingKey {
    case format, version, iteration, lambda, time, config, tensors
    case dataPasses = "data_passes"
    case dataSHA256 = "data_sha256"
    case rngState = "rng_state"
    case extraState = "extra_state"
    case warmStart = "warm_start"
  }

  init(_ c: Checkpoint, tensors: [FileEntry], warmStart: FileEntry) {
    iteration = c.iteration
    lambda = c.lambda
    dataPasses = c.dataPasses
    time = c.time
    dataSHA256 = c.dataFingerprint
    rngState = c.rngState
    extraState = c.extraState
    config = c.config
    self.tensors = tensors
    self.warmStart = warmStart
  }

  func encoded() -> [UInt8] {
    let e = CodableBridge.encoder()
    e.outputFormatting.insert(.prettyPrinted)
    // Encoding plain values and arrays cannot fail.
    return Array((try? e.encode(self)) ?? Data()) + [0x0A]
  }

  static func decode(_ bytes: [UInt8], label: String) throws(RecordingError) -> CheckpointStateFile {
    if let probe = try? JSONParser.parse(bytes), let version = probe.object?["version"]?.int,
      probe.object?["format"]?.string == CheckpointStore.formatName, version > CheckpointStore.formatVersion
    {
      throw RecordingError(
        "Checkpoint \(label) has format version \(version), newer than this hfdash understands (\(CheckpointStore.formatVersion)); upgrade hfdash.")
    }
    guard let state = try? CodableBridge.decoder().decode(CheckpointStateFile.self, from: Data(bytes)),
      state.format == CheckpointStore.formatName
    else {
      throw RecordingError("Checkpoint \(label) is damaged: its state.json cannot be read.")
    }
    guard state.rngState.count == 4, state.rngState.contains(where: { $0 != 0 }) else {
      throw RecordingError("Checkpoint \(label) is damaged: its generator state is not four words, not all zero.")
    }
    return state
  }
}
