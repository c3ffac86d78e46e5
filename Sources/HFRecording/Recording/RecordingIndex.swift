import Foundation
import HFEngine

/// One line of `hfdash sessions`: what a recording holds, read from its header and its tail only.
public struct RecordingSummary: Sendable, Equatable {
  public var url: URL
  /// Size of the file in bytes.
  public var bytes: Int
  /// The header (nil when the file could not be read as a recording).
  public var header: RecordingHeader?
  /// The last finished iteration's report found in the tail (nil before the first one).
  public var lastReport: IterationReport?
  /// How the session ended, if the tail says.
  public var finish: RunFinish?
  /// Seconds from the start to the last event read.
  public var duration: Double?
  /// Why the file could not be summarized.
  public var problem: String?

  public var created: Date? { header?.created }
  public var preset: String? { header?.preset }
  /// Iterations completed (the last report's number).
  public var iterations: Int? { lastReport?.iteration }
  public var finalObjective: Double? { lastReport?.objective }
}

/// Lists recordings quickly for `hfdash sessions`: only the header line and the last
/// kilobytes of each file are read (of a gzip-compressed one, which cannot be read from its
/// end, the whole file is inflated and its last kilobytes scanned the same way).
public enum RecordingIndex {
  /// Bytes read from the end of a file first; doubled until an iteration is found, up to `maximumTail`.
  static let initialTail = 64 * 1024
  static let maximumTail = 4 * 1024 * 1024

  /// Every `*.hfrec.jsonl` and `*.hfrec.jsonl.gz` in `directory`, newest first (a missing directory has none).
  public static func list(directory: URL) throws(RecordingError) -> [RecordingSummary] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return [] }
    guard isDirectory.boolValue else { throw RecordingError("\(directory.path) is not a directory.") }
    let names: [String]
    do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
      throw RecordingError("Cannot list \(directory.path): \(error.localizedDescription)")
    }
    let summaries = names.filter(RecordingLocation.isRecordingName)
      .map { summary(of: directory.appendingPathComponent($0)) }
    return summaries.sorted {
      let a = $0.created ?? .distantPast, b = $1.created ?? .distantPast
      if a != b { return a > b }
      let (m, n) = (sequence(of: $0), sequence(of: $1))
      return m != n ? m > n : $0.url.lastPathComponent > $1.url.lastPathComponent
    }
  }

  /// 2 for `…-tiny-2.hfrec.jsonl` (the second session started in that second), else 1.
  static func sequence(of summary: RecordingSummary) -> Int {
    guard let header = summary.header else { return 0 }
    // "<stamp>-<preset>" as file names spell the preset, without the stamp.
    let named = RecordingLocation.fileName(preset: header.preset, date: header.created)
    let preset = String(named.dropLast(RecordingLocation.fileExtension.count).dropFirst(ISO8601UTC.fileStamp(header.created).count))
    let name = RecordingLocation.baseName(of: summary.url)
    guard let range = name.range(of: preset + "-", options: .backwards), range.upperBound < name.endIndex,
      let n = Int(name[range.upperBound...])
    else { return 1 }
    return n
  }

  /// The summary of one recording (problems are reported in `problem`, never thrown).
  public static func summary(of url: URL) -> RecordingSummary {
    var s = RecordingSummary(url: url, bytes: 0)
    do {
      s.header = try RecordingReader.readHeader(url)
    } catch {
      s.problem = error.message
      return s
    }
    guard let fd = try? FileBytes.open(url.path) else { return s }
    defer { close(fd) }
    let size = FileBytes.size(fd)
    s.bytes = size
    if RecordingGzip.isGzip(FileBytes.read(fd, offset: 0, count: 2)[...]) { return compressedSummary(s) }
    var tail = initialTail
    while true {
      let start = Swift.max(0, size - tail)
      let bytes = FileBytes.read(fd, offset: start, count: size - start)
      var t = RecordingSummary(url: url, bytes: size, header: s.header)
      let done = scanTail(bytes, into: &t)
      s = t
      if done || start == 0 || tail >= maximumTail { break }
      tail *= 4
    }
    return s
  }

  /// The summary of a gzip-compressed recording whose header `s` holds: the inflated bytes'
  /// tail, scanned as a plain file's (damage after the header leaves what inflated before it).
  private static func compressedSummary(_ s: RecordingSummary) -> RecordingSummary {
    guard let bytes = try? FileBytes.read(s.url.path),
      let inflated = try? RecordingGzip.inflate(bytes, name: s.url.path, limit: MemoryBudget.machine.bytes)
    else { return s }
    var tail = initialTail
    var summary = s
    while true {
      let start = Swift.max(0, inflated.bytes.count - tail)
      var t = s
      let done = scanTail(Array(inflated.bytes[start...]), into: &t)
      summary = t
      if done || start == 0 || tail >= maximumTail { return summary }
      tail *= 4
    }
  }

  /// Walks the tail's complete lines backwards until the last iteration report or the last
  /// run's start; returns whether it got there.
  private static func scanTail(_ bytes: [UInt8], into s: inout RecordingSummary) -> Bool {
    var lines: [Range<Int>] = []
    var start = 0
    for (i, b) in bytes.enumerated() where b == 0x0A {
      lines.append(start..<i)
      start = i + 1
    }
    if start < bytes.count { lines.append(start..<bytes.count) }
    // The first piece of a tail read usually starts mid-line; the file's first line is the header.
    if !lines.isEmpty { lines.removeFirst() }
    var decoder = LineDecoder(version: s.header?.version ?? RecordingHeader.formatVersion)
    for range in lines.reversed() where !range.isEmpty {
      // CG steps say nothing a summary needs but the time of the last event.
      if s.duration != nil, LineSniffer.cgStepTime(bytes, range) != nil { continue }
      guard case .event(let e)? = decoder.decode(bytes[range]) else { continue }
      if s.duration == nil { s.duration = e.time }
      switch e.event {
      case .finished(let reason, let iteration, let message):
        if s.finish == nil { s.finish = RunFinish(reason: reason, iteration: iteration, message: message) }
      case .engine(.iterationFinished(let report)):
        s.lastReport = report
        return true
      case .started:
        // Earlier iterations belong to a previous run; this run has none yet.
        return true
      default: break
      }
    }
    return false
  }
}
