import Foundation
import HFEngine
import HFSession
import HFRecording

/// How `--resume FILE` continues a recorded session: its last checkpoint restored into a fresh
/// setup (data fingerprint checked) — HF, and a race's rivals or a single run's optimizer — the
/// recording cut back to that checkpoint — what came after it is re-executed to the same numbers,
/// so the file stays one linear history — with the user's notes and controls from the cut part
/// carried over (notes re-written, controls re-applied at their iterations), and the cut bytes
/// kept beside the file.
struct ResumePlan {
  let url: URL
  let header: RecordingHeader
  let setup: TrainingSetup
  let checkpoint: Checkpoint
  /// The run's leading optimizer and its rivals, as the recording's last run had them.
  let optimizer: OptimizerKind
  let race: [OptimizerKind]
  /// The optimizers other than HF, restored from the checkpoint, and the rivals' standings.
  let resumed: CheckpointResume
  /// A race's iterations the recording keeps, by racer, since its run began (the race summary
  /// of the resumed session counts them).
  let history: [OptimizerKind: [IterationReport]]
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
    optimizer = timeline.optimizer
    race = timeline.racers.map(\.kind).filter { $0 != .hf }
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
    do { try header.checkData(setup: setup) } catch { throw DataError(error.description) }
    do {
      resumed = try CheckpointResume(checkpoint: checkpoint, setup: setup, optimizer: optimizer, race: race)
    } catch {
      throw DataError("Cannot resume \(url.lastPathComponent): \(error.message)")
    }
    let data: Data
    let fileURL = url
    do { data = try Data(contentsOf: fileURL) } catch { throw DataError("Cannot read \(fileURL.path): \(error.localizedDescription)") }
    let rivals = race
    var targets: [OptimizerKind: Int] = [:]
    for saved in checkpoint.racers where rivals.contains(saved.kind) { targets[saved.kind] = saved.state.counters.iteration }
    cutOffset = Self.offsetAfterCheckpoint(checkpoint.iteration, racers: targets, in: [UInt8](data))
    tail = cutOffset < data.count ? data.subdata(in: cutOffset..<data.count) : Data()
    // Everything the user did after the checkpoint: events past the cut.
    let cutIteration = checkpoint.iteration
    let events = timeline.events.map(\.event)
    let marked = events.indices.compactMap { i in CutMark(events[i]).map { (position: i, mark: $0) } }
    let cutPosition = Self.cutIndex(marked.map(\.mark), iteration: cutIteration, racers: targets).map { marked[$0].position }
    let later = cutPosition.map { Array(events[($0 + 1)...]) } ?? []
    var history: [OptimizerKind: [IterationReport]] = [:]
    for event in events[..<((cutPosition ?? -1) + 1)] {
      switch event {
      case .started(let d) where d.resumedFrom == nil: history = [:]
      case .engine(.iterationFinished(let r)): history[.hf, default: []].append(r)
      case .racer(let kind, .iterationFinished(let r)): history[kind, default: []].append(r)
      default: break
      }
    }
    self.history = history
    schedule = ControlSchedule(recorded: later.filter {
      if case .control(let c) = $0 { return c.iteration > cutIteration }
      return false
    })
    notes = later.filter {
      if case .note = $0 { return true }
      return false
    }
  }

  /// The end of the line the checkpoint after iteration `k` ends at (see `cutIndex`; 0 when none).
  static func offsetAfterCheckpoint(_ k: Int, racers: [OptimizerKind: Int] = [:], in bytes: [UInt8]) -> Int {
    var marks: [CutMark] = []
    var ends: [Int] = []
    var lineStart = 0
    let tags = [Array(#""k":"iter","#.utf8), Array(#""k":"start""#.utf8)]
    for (index, byte) in bytes.enumerated() where byte == 0x0A {
      let line = bytes[lineStart..<index]
      lineStart = index + 1
      guard tags.contains(where: { line.contains(subsequence: $0) }), case .event(let e)? = try? RecordingCodec.decode(line: Array(line)),
        let mark = CutMark(e.event)
      else { continue }
      marks.append(mark)
      ends.append(index + 1)
    }
    return cutIndex(marks, iteration: k, racers: racers).map { ends[$0] } ?? 0
  }

  /// Among a recording's run starts and finished iterations in file order, the last one a
  /// checkpoint after iteration `k` holds: the last line that finished iteration `k` of the run's
  /// leading optimizer (a restart repeats numbers), or after it — before the next such line or
  /// run start — the line where a rival finished the iteration the checkpoint holds for it
  /// (`racers`), whichever comes last. Rivals' lines after the cut are re-executed on resume.
  static func cutIndex(_ marks: [CutMark], iteration k: Int, racers: [OptimizerKind: Int]) -> Int? {
    guard let lead = marks.lastIndex(of: .lead(k)) else { return nil }
    let end = marks[(lead + 1)...].firstIndex { if case .racer = $0 { false } else { true } } ?? marks.endIndex
    var cut = lead
    for (kind, target) in racers {
      if let i = marks[(lead + 1)..<end].firstIndex(of: .racer(kind, target)) { cut = Swift.max(cut, i) }
    }
    return cut
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

/// What the cut of a resumed recording looks at: a run's start, a finished iteration of the
/// leading optimizer, or of a rival.
enum CutMark: Equatable {
  case start
  case lead(Int)
  case racer(OptimizerKind, Int)

  init?(_ event: SessionEvent) {
    switch event {
    case .started: self = .start
    case .engine(.iterationFinished(let r)): self = .lead(r.iteration)
    case .racer(let kind, .iterationFinished(let r)): self = .racer(kind, r.iteration)
    default: return nil
    }
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
