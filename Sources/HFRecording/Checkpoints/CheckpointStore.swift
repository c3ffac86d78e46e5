import Foundation
import HFEngine

/// A recording's checkpoints: `<recording>.checkpoints/iter-000040/` holding one `.npy` per
/// parameter array, `warm_start.npy`, one `<kind>.<vector>.npy` per vector of each racer, and
/// `state.json` (counters, λ, generator state, settings, the racers' standings, counters and
/// scalars, and a SHA-256 of every `.npy` file).
///
/// A checkpoint is written into a temporary directory and renamed into place, so it is either
/// complete or absent; an existing checkpoint is never overwritten.
public struct CheckpointStore: Sendable {
  /// The `format` value of `state.json`.
  public static let formatName = "hfdash-checkpoint"
  /// The newest `version` this hfdash reads and writes (3: with racers).
  public static let formatVersion = 3
  /// The `version` of a checkpoint of HF alone (unchanged since version 2, so older hfdash reads it).
  public static let hfOnlyFormatVersion = 2
  /// The HF iterations a checkpoint may hold (a resume adds its iterations to it).
  public static let iterationRange = 0...1_000_000_000
  public let directory: URL

  /// The store in `directory`.
  public init(directory: URL) { self.directory = directory }
  /// The store beside a recording (`RecordingLocation.checkpointDirectory(forRecording:)`).
  public init(recording: URL) { directory = RecordingLocation.checkpointDirectory(forRecording: recording) }

  /// `iter-000040`.
  public static func directoryName(iteration: Int) -> String {
    let digits = String(iteration)
    return "iter-" + String(repeating: "0", count: Swift.max(0, 6 - digits.count)) + digits
  }

  /// The directory of the checkpoint after `iteration`.
  public func url(iteration: Int) -> URL { directory.appendingPathComponent(Self.directoryName(iteration: iteration), isDirectory: true) }

  /// The path a recording's `checkpoint` line stores: relative to the recording's directory.
  public func recordedPath(iteration: Int) -> String { directory.lastPathComponent + "/" + Self.directoryName(iteration: iteration) }

  /// The iterations that have a checkpoint, ascending.
  public func iterations() -> [Int] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
    return names.compactMap { name -> Int? in
      guard name.hasPrefix("iter-"), name.count >= 11 else { return nil }
      return Int(name.dropFirst(5))
    }.sorted()
  }

  /// Writes `checkpoint` atomically and returns its directory.
  @discardableResult
  public func write(_ checkpoint: Checkpoint) throws(RecordingError) -> URL {
    let final = url(iteration: checkpoint.iteration)
    let label = Self.directoryName(iteration: checkpoint.iteration)
    for t in checkpoint.tensors where !Self.isSafeName(t.name) {
      throw RecordingError("Cannot checkpoint a parameter array named '\(t.name)' (use letters, digits, '_', '-' and '.').")
    }
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw RecordingError("Cannot create the checkpoint directory \(directory.path): \(error.localizedDescription)")
    }
    if FileManager.default.fileExists(atPath: final.path) {
      throw RecordingError("Checkpoint \(label) already exists in \(directory.path); nothing was overwritten.")
    }
    var template = Array(directory.appendingPathComponent(".tmp-\(label)-XXXXXX").path.utf8CString)
    guard let made = mkdtemp(&template) else {
      throw RecordingError("Cannot create a temporary checkpoint directory in \(directory.path) (\(String(cString: strerror(errno)))).")
    }
    let temp = String(cString: made)
    do throws(RecordingError) {
      var entries: [CheckpointStateFile.FileEntry] = []
      for t in checkpoint.tensors {
        entries.append(try writeArray(t.values, shape: t.shape, name: t.name, in: temp))
      }
      let warm = try writeArray(checkpoint.warmStart, shape: [checkpoint.warmStart.count], name: "warm_start", in: temp)
      var racers: [CheckpointStateFile.RacerEntry] = []
      for racer in checkpoint.racers {
        var vectors: [CheckpointStateFile.FileEntry] = []
        for (name, values) in racer.state.vectors.sorted(by: { $0.key < $1.key }) {
          let stem = racer.kind.rawValue + "." + name
          guard Self.isSafeStem(stem) else {
            throw RecordingError("Cannot checkpoint a racer vector named '\(name)' (use letters, digits, '_', '-' and '.').")
          }
          vectors.append(try writeArray(values, shape: [values.count], name: stem, in: temp))
        }
        racers.append(
          CheckpointStateFile.RacerEntry(
            kind: racer.kind, status: racer.status, objective: racer.objective, failures: racer.failures,
            counters: racer.state.counters,
            scalars: racer.state.scalars.sorted(by: { $0.key < $1.key }).map { .init(name: $0.key, value: $0.value) },
            vectors: vectors))
      }
      let state = CheckpointStateFile(checkpoint, tensors: entries, warmStart: warm, racers: racers)
      try FileBytes.writeNew(temp + "/state.json", state.encoded())
      Self.syncDirectory(temp)
      if rename(temp, final.path) != 0 {
        let reason = errno == EEXIST || errno == ENOTEMPTY ? "it already exists" : String(cString: strerror(errno))
        throw RecordingError("Cannot put checkpoint \(label) in place (\(reason)); nothing was overwritten.")
      }
      Self.syncDirectory(directory.path)
      return final
    } catch {
      try? FileManager.default.removeItem(atPath: temp)
      throw error
    }
  }

  /// Reads and validates the checkpoint after `iteration`.
  public func read(iteration: Int) throws(RecordingError) -> Checkpoint {
    try Self.read(at: url(iteration: iteration))
  }

  /// Reads the newest checkpoint; an error when there is none or it is damaged.
  public func readLatest() throws(RecordingError) -> Checkpoint {
    guard let last = iterations().last else { throw RecordingError("There are no checkpoints in \(directory.path).") }
    return try read(iteration: last)
  }

  /// Reads and validates the checkpoint in `url` (an `iter-NNNNNN` directory).
  public static func read(at url: URL) throws(RecordingError) -> Checkpoint {
    let label = url.lastPathComponent
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw RecordingError("Checkpoint \(url.path) does not exist.")
    }
    let stateBytes: [UInt8]
    do { stateBytes = try FileBytes.read(url.appendingPathComponent("state.json").path) } catch {
      throw RecordingError("Checkpoint \(label) is damaged: its state.json is missing or unreadable.")
    }
    let state = try CheckpointStateFile.decode(stateBytes, label: label)
    func load(_ entry: CheckpointStateFile.FileEntry) throws(RecordingError) -> [Float] {
      guard Self.isSafeStem(entry.name), entry.file == entry.name + ".npy" else {
        throw RecordingError("Checkpoint \(label) is damaged: it names an unexpected file '\(entry.file)'.")
      }
      let bytes: [UInt8]
      let path = url.appendingPathComponent(entry.file).path
      do { bytes = try FileBytes.read(path) } catch {
        if FileManager.default.fileExists(atPath: path) {
          throw RecordingError("Checkpoint \(label) is damaged: \(entry.file) is not a regular file or cannot be read.")
        }
        throw RecordingError("Checkpoint \(label) is damaged: \(entry.file) is missing.")
      }
      guard DataFingerprint.hex(bytes) == entry.sha256 else {
        throw RecordingError("Checkpoint \(label) is damaged: \(entry.file) does not match its SHA-256 checksum.")
      }
      let (values, shape) = try NumpyArray.decode(bytes, name: "\(label)/\(entry.file)")
      guard shape == entry.shape else {
        throw RecordingError("Checkpoint \(label) is damaged: \(entry.file) has shape \(shape) but state.json says \(entry.shape).")
      }
      return values
    }
    var tensors: [NamedTensor] = []
    for entry in state.tensors { tensors.append(NamedTensor(name: entry.name, shape: entry.shape, values: try load(entry))) }
    let warm = try load(state.warmStart)
    guard warm.count == tensors.reduce(0, { $0 + $1.values.count }) else {
      throw RecordingError("Checkpoint \(label) is damaged: its warm start has \(warm.count) values for \(tensors.reduce(0) { $0 + $1.values.count }) parameters.")
    }
    var racers: [RacerCheckpoint] = []
    for entry in state.racers ?? [] {
      var vectors: [String: [Float]] = [:]
      for file in entry.vectors {
        let prefix = entry.kind.rawValue + "."
        guard file.name.hasPrefix(prefix), file.name.count > prefix.count else {
          throw RecordingError("Checkpoint \(label) is damaged: \(entry.kind.rawValue)'s vector file '\(file.file)' is misnamed.")
        }
        vectors[String(file.name.dropFirst(prefix.count))] = try load(file)
      }
      var scalars: [String: Double] = [:]
      for s in entry.scalars { scalars[s.name] = s.value }
      racers.append(
        RacerCheckpoint(
          kind: entry.kind, status: entry.status, objective: entry.objective, failures: entry.failures,
          state: RacerState(vectors: vectors, scalars: scalars, counters: entry.counters)))
    }
    var checkpoint = Checkpoint(
      iteration: state.iteration, lambda: state.lambda, dataPasses: state.dataPasses, config: state.config,
      rngState: state.rngState, extraState: state.extraState, tensors: tensors, warmStart: warm, time: state.time,
      dataFingerprint: state.dataSha256)
    checkpoint.optimizer = state.optimizer ?? .hf
    checkpoint.racers = racers
    return checkpoint
  }

  private func writeArray(_ values: [Float], shape: [Int], name: String, in dir: String) throws(RecordingError) -> CheckpointStateFile.FileEntry {
    let bytes = NumpyArray.encode(values, shape: shape)
    try FileBytes.writeNew(dir + "/" + name + ".npy", bytes)
    return CheckpointStateFile.FileEntry(name: name, file: name + ".npy", shape: shape, sha256: DataFingerprint.hex(bytes))
  }

  /// Whether a parameter array may be called `name` (a safe file stem, not a reserved one).
  static func isSafeName(_ name: String) -> Bool {
    isSafeStem(name) && name != "state" && name != "warm_start"
  }

  /// Letters, digits, `_`, `-`, `.`, not starting with a dot.
  static func isSafeStem(_ name: String) -> Bool {
    !name.isEmpty && !name.hasPrefix(".")
      && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_-.".unicodeScalars.contains($0)) }
  }

  private static func syncDirectory(_ path: String) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd >= 0 {
      fsync(fd)
      close(fd)
    }
  }
}
