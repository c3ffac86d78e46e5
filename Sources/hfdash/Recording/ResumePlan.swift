import Foundation
import HFEngine
import HFSession
import HFRecording

/// How `--resume FILE` continues a recorded session: its last checkpoint restored into a fresh
/// setup (data fingerprint checked), the recording cut back to that checkpoint — what came after
/// it is re-executed to the same numbers, so the file stays one linear history — with the
/// user's notes and controls from the cut part carried over (notes re-written, controls
/// re-applied at their iterations), and the cut bytes kept beside the file.
struct ResumePlan {
  let url: URL
  let header: RecordingHeader
  let setup: TrainingSetup
  let checkpoint: Checkpoint
  /// Hyperparameter controls recorded after the checkpoint, to re-apply at their iterations.
  let schedule: ControlSchedule
  /// Notes recorded after the checkpoint, to write again.
  let notes: [SessionEvent]
  /// The byte offset the recording is cut back to, and the bytes after it (kept beside the file).
  let cutOffset: Int
  let tail: Data

  /// Reads the recording and its latest checkpoint; changes nothing on disk. A recording made on
  /// N MPI ranks resumes on N ranks (`collective`), a one-process recording in one process.
  init(path: String, collective: (any Collective)? = nil) throws(DataError) {
    url = URL(fileURLWithPath: NSString(string: path).expandingTildeInPath)
    if RecordingReader.isCompressed(url) {
      throw DataError("Cannot resume \(url.lastPathComponent): it is gzip-compressed and --resume appends to the file; decompress it first (gunzip -k \(path)).")
    }
    let timeline: RecordingTimeline
    do { timeline = try RecordingReader.open(url) } catch { throw DataError(error.description) }
    header = timeline.header
    if header.version < RecordingHeader.formatVersion {
      throw DataError(
        "Cannot resume \(url.lastPathComponent): it is in recording format version \(header.version), and --resume appends version-\(RecordingHeader.formatVersion) lines (replay, verify and export read it).")
    }
    if !timeline.racers.isEmpty || timeline.optimizer != .hf {
      let what = timeline.racers.isEmpty ? "a run of \(timeline.optimizer.displayName)" : "a race"
      throw DataError("Cannot resume \(url.lastPathComponent): it records \(what), and checkpoints hold only HF's state.")
    }
    do {
      checkpoint = try CheckpointStore(recording: url).readLatest()
    } catch {
      throw DataError("Cannot resume \(url.lastPathComponent): \(error.description)")
    }
    let spec: RunSpec
    do { spec = try header.runSpec() } catch { throw DataError(error.description) }
    let ranks = collective?.size ?? 1
    if header.ranks != ranks {
      let how = header.ranks > 1 ? "mpirun -np \(header.ranks) hfdash train --resume \(path) --distributed" : "hfdash train --resume \(path)"
      throw DataError("\(url.lastPathComponent) ran on \(header.ranks) MPI rank(s) and resumes only on as many (this run has \(ranks)): \(how).")
    }
    setup = try TrainingSetup(spec, collective: collective)
    do {
      try header.checkData(setup: setup)
      try checkpoint.restore(into: setup.optimizer, layout: setup.parameterLayout)
    } catch {
      throw DataError(error.description)
    }
    setup.restore(rng: checkpoint.rng, extraState: checkpoint.extraState)
    let data: Data
    do { data = try Data(contentsOf: url) } catch { throw DataError("Cannot read \(url.path): \(error.localizedDescription)") }
    cutOffset = Self.offsetAfterCheckpoint(checkpoint.iteration, in: [UInt8](data))
    tail = cutOffset < data.count ? data.subdata(in: cutOffset..<data.count) : Data()
    // Everything the user did after the checkpoint: events at positions past the cut.
    let cutIteration = checkpoint.iteration
    var later: [SessionEvent] = []
    var seenCheckpoint = false
    for recorded in timeline.events {
      if case .engine(.iterationFinished(let r)) = recorded.event, r.iteration == cutIteration {
        seenCheckpoint = true  // the last such line counts: a restart repeats iteration numbers
        later = []
        continue
      }
      if seenCheckpoint { later.append(recorded.event) }
    }
    schedule = ControlSchedule(recorded: later.filter {
      if case .control(let c) = $0 { return c.iteration > cutIteration }
      return false
    })
    notes = later.filter {
      if case .note = $0 { return true }
      return false
    }
  }

  /// The end of the line that finished HF iteration `k` (the last such line: a restart repeats numbers).
  static func offsetAfterCheckpoint(_ k: Int, in bytes: [UInt8]) -> Int {
    var best = 0
    var lineStart = 0
    let tag = Array(#""k":"iter","#.utf8)
    for (index, byte) in bytes.enumerated() where byte == 0x0A {
      let line = bytes[lineStart..<index]
      lineStart = index + 1
      guard line.contains(subsequence: tag), case .event(let e)? = try? RecordingCodec.decode(line: Array(line)),
        case .engine(.iterationFinished(let r)) = e.event, r.iteration == k
      else { continue }
      best = index + 1
    }
    return best
  }

  /// Cuts the recording back to the checkpoint (keeping the cut bytes in `<file>.resumed-<time>.tail`)
  /// and returns a writer appending to it, the checkpoint's line written again.
  func openForAppending() throws(DataError) -> RecordingWriter {
    let path = url.path
    guard cutOffset > 0 else { throw DataError("\(url.lastPathComponent) has no line for its checkpoint at iteration \(checkpoint.iteration); cannot resume.") }
    do {
      if !tail.isEmpty {
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "-")
        try tail.write(to: URL(fileURLWithPath: path + ".resumed-\(stamp).tail"))
      }
    } catch {
      throw DataError("Cannot keep the tail of \(url.lastPathComponent): \(error.localizedDescription)")
    }
    let fd = open(path, O_WRONLY | O_APPEND)
    guard fd >= 0, ftruncate(fd, off_t(cutOffset)) == 0 else {
      throw DataError("Cannot append to \(path): \(String(cString: strerror(errno))).")
    }
    let writer = RecordingWriter(fileDescriptor: fd, path: path, header: nil, timeOffset: checkpoint.time)
    let store = CheckpointStore(recording: url)
    writer.append(.checkpoint(iteration: checkpoint.iteration, path: store.recordedPath(iteration: checkpoint.iteration)), time: checkpoint.time)
    return writer
  }
}

extension ArraySlice where Element == UInt8 {
  /// Whether `needle` occurs in this slice.
  func contains(subsequence needle: [UInt8]) -> Bool {
    guard needle.count <= count, let first = needle.first else { return needle.isEmpty }
    var i = startIndex
    let last = endIndex - needle.count
    while i <= last {
      if self[i] == first && self[i..<(i + needle.count)].elementsEqual(needle) { return true }
      i += 1
    }
    return false
  }
}
