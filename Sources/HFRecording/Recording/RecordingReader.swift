import Foundation
import HFEngine

/// Opens recordings into timelines, tolerating the damage a crash or an editor can do.
///
/// A cut-off last line is dropped with a warning; an unreadable line in the middle is skipped
/// and counted; events of unknown kinds and fields of a newer hfdash are ignored with a warning.
/// A newer format version or a file that is not a recording is an error. A gzip-compressed
/// recording (`.hfrec.jsonl.gz`) is inflated first; when its compressed data is cut short or
/// damaged, what inflated before that is read and the damage is a warning. Every line is decoded
/// with `JSONDecoder` except CG steps, which are indexed (kind and time) and decoded when asked
/// for (`RecordedEvents`); the first CG step of a file is decoded at once, to check its fields.
public enum RecordingReader {
  /// Reads the whole recording at `url`.
  public static func open(_ url: URL) throws(RecordingError) -> RecordingTimeline {
    try parse(FileBytes.read(url.path), name: url.path)
  }

  /// Whether the file at `url` is gzip-compressed (false when it cannot be read).
  public static func isCompressed(_ url: URL) -> Bool {
    guard let fd = try? FileBytes.open(url.path) else { return false }
    defer { close(fd) }
    return RecordingGzip.isGzip(FileBytes.read(fd, offset: 0, count: 2)[...])
  }

  /// The longest header line read.
  static let maximumHeaderBytes = 1 << 22

  /// Reads only the header line (of a gzip-compressed recording, only as much as inflates to it).
  public static func readHeader(_ url: URL) throws(RecordingError) -> RecordingHeader {
    let fd = try FileBytes.open(url.path)
    defer { close(fd) }
    if RecordingGzip.isGzip(FileBytes.read(fd, offset: 0, count: 2)[...]) {
      let inflated = try RecordingGzip.inflate(
        FileBytes.read(url.path), name: url.path, limit: maximumHeaderBytes, firstLine: true)
      if case .cut(let what)? = inflated.damage, !inflated.bytes.contains(0x0A) { throw RecordingGzip.unreadable(url.path, what) }
      let line = inflated.bytes.firstIndex(of: 0x0A).map { inflated.bytes[..<$0] } ?? inflated.bytes[...]
      return try decodeHeader(line, name: url.path)
    }
    var head: [UInt8] = []
    while head.count < maximumHeaderBytes {
      let chunk = FileBytes.read(fd, offset: head.count, count: 16384)
      if chunk.isEmpty { break }
      if let nl = chunk.firstIndex(of: 0x0A) {
        head.append(contentsOf: chunk[..<nl])
        break
      }
      head.append(contentsOf: chunk)
    }
    return try decodeHeader(head[...], name: url.path)
  }

  /// The `format` and `version` of a first line, read before the rest of it.
  private struct HeaderProbe: Decodable {
    var format: String?
    var version: Int?
  }

  static func decodeHeader(_ line: ArraySlice<UInt8>, name: String) throws(RecordingError) -> RecordingHeader {
    var end = line.endIndex
    while end > line.startIndex, line[end - 1] == 0x0D { end -= 1 }
    let data = Data(line[line.startIndex..<end])
    let decoder = RecordingJSON.decoder()
    guard let probe = try? decoder.decode(HeaderProbe.self, from: data), probe.format == RecordingHeader.formatName else {
      if data.first == UInt8(ascii: "{"), data.range(of: Data(#""format":"hfdash-recording""#.utf8)) != nil {
        throw RecordingError("\(name) is a damaged hfdash recording (its header line is cut off or garbled).")
      }
      throw RecordingError("\(name) is not an hfdash recording (its first line is not a recording header).")
    }
    guard let version = probe.version else { throw RecordingError("\(name) has a recording header without a format version.") }
    if version > RecordingHeader.formatVersion {
      throw RecordingError(
        "\(name): recording format version \(version) is newer than this hfdash understands (\(RecordingHeader.formatVersion)); upgrade hfdash.")
    }
    do {
      if version == 1 { return try decoder.decode(RecordingV1.Header.self, from: data).header }
      return try decoder.decode(RecordingHeader.self, from: data)
    } catch {
      throw RecordingError("\(name) has a damaged recording header (\(RecordingJSON.describe(error))).")
    }
  }

  /// Reads a recording from bytes, plain or gzip-compressed; `name` names it in errors.
  public static func parse(_ bytes: [UInt8], name: String) throws(RecordingError) -> RecordingTimeline {
    guard RecordingGzip.isGzip(bytes[...]) else { return try parseLines(bytes, name: name, faults: RecordingFaults()) }
    let inflated = try RecordingGzip.inflate(bytes, name: name, limit: MemoryBudget.machine.bytes)
    var faults = RecordingFaults()
    faults.compressionDamage = inflated.warning
    guard case .cut(let what)? = inflated.damage else { return try parseLines(inflated.bytes, name: name, faults: faults) }
    // Cut short: what inflated is read as a recording cut short, unless there is nothing of one.
    guard !inflated.bytes.isEmpty else { throw RecordingGzip.unreadable(name, what) }
    do throws(RecordingError) { return try parseLines(inflated.bytes, name: name, faults: faults) } catch {
      // A header line cut by the damage is the damage's fault; a complete one that is wrong is the file's.
      if inflated.bytes.contains(0x0A) { throw error }
      throw RecordingGzip.unreadable(name, what)
    }
  }

  /// Reads the lines of an uncompressed recording, adding to `faults`.
  private static func parseLines(_ bytes: [UInt8], name: String, faults: RecordingFaults) throws(RecordingError) -> RecordingTimeline {
    guard !bytes.isEmpty else { throw RecordingError("\(name) is not an hfdash recording (it is empty).") }
    let count = bytes.count
    let newlines = newlinePositions(bytes)
    let headerEnd = newlines.first ?? count
    let header = try decodeHeader(bytes[0..<headerEnd], name: name)
    let source = LineSource(bytes: bytes, version: header.version)
    var decoder = LineDecoder(version: header.version)

    var slots: [RecordedEvents.Slot] = []
    slots.reserveCapacity(newlines.count)
    var faults = faults
    var unknownKinds = Set<String>()
    var checkedCGLine = false
    var start = headerEnd + 1
    var lineNumber = 1
    var k = 1
    while start < count {
      lineNumber += 1
      let terminated = k < newlines.count
      let end = terminated ? newlines[k] : count
      k += 1
      defer { start = end + 1 }
      if end == start || (end == start + 1 && bytes[start] == 0x0D) { continue }
      let range = start..<end
      if terminated, checkedCGLine, let time = LineSniffer.cgStepTime(bytes, range) {
        slots.append(.line(time: time, range: range, number: lineNumber))
        continue
      }
      switch decoder.decode(bytes[range]) {
      case .event(let e)?:
        slots.append(.decoded(e))
        if case .engine(.cgStep) = e.event { checkedCGLine = true }
      case .unknownKind(let kind)?:
        faults.unknownEvents += 1
        unknownKinds.insert(kind)
      case nil:
        if !terminated {
          faults.truncatedLastLine = true
          faults.truncatedLineNumber = lineNumber
        } else {
          faults.skippedLines += 1
          if faults.skippedLineNumbers.count < 20 { faults.skippedLineNumbers.append(lineNumber) }
        }
      }
    }
    faults.unknownKinds = unknownKinds.sorted()
    faults.unknownFields = decoder.unknownFields.map(RecordingJSON.fileKey)
    return RecordingTimeline(header: header, events: RecordedEvents(slots: slots, source: source), faults: faults)
  }

  /// The offsets of every "\n" in `bytes`.
  private static func newlinePositions(_ bytes: [UInt8]) -> [Int] {
    var out: [Int] = []
    out.reserveCapacity(bytes.count / 64)
    bytes.withUnsafeBufferPointer { b in
      guard let base = b.baseAddress else { return }
      var position = 0
      while position < b.count, let hit = memchr(base + position, 0x0A, b.count - position) {
        let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        out.append(offset)
        position = offset + 1
      }
    }
    return out
  }
}

/// What a reader had to skip or drop.
public struct RecordingFaults: Sendable, Equatable {
  /// Unreadable lines in the middle of the file, skipped.
  public var skippedLines = 0
  /// Their line numbers (1-based; the first 20).
  public var skippedLineNumbers: [Int] = []
  /// Events of kinds this version does not know, ignored.
  public var unknownEvents = 0
  public var unknownKinds: [String] = []
  /// Fields of known kinds this version does not know (`iter.some_field`), ignored.
  public var unknownFields: [String] = []
  /// Whether the last line was cut off (a crash while writing) and dropped.
  public var truncatedLastLine = false
  public var truncatedLineNumber: Int?
  /// A gzip-compressed recording's damage (cut short, corrupt, or followed by other bytes), as its warning.
  public var compressionDamage: String?

  public init() {}

  /// Whether nothing was skipped, ignored or dropped.
  public var isClean: Bool {
    skippedLines == 0 && unknownEvents == 0 && unknownFields.isEmpty && !truncatedLastLine && compressionDamage == nil
  }

  /// One sentence per kind of fault, for the screen or stderr.
  public var warnings: [String] {
    var out: [String] = []
    if let compressionDamage { out.append(compressionDamage) }
    if truncatedLastLine {
      out.append(
        "The last line (line \(truncatedLineNumber ?? 0)) is incomplete, as after a crash; everything before it was read.")
    }
    if skippedLines > 0 {
      let lines = skippedLineNumbers.map(String.init).joined(separator: ", ") + (skippedLines > skippedLineNumbers.count ? ", …" : "")
      out.append("\(skippedLines) damaged line\(skippedLines == 1 ? " was" : "s were") skipped (line \(lines)).")
    }
    if unknownEvents > 0 {
      out.append(
        "\(unknownEvents) event\(unknownEvents == 1 ? "" : "s") of kinds this hfdash does not know (\(unknownKinds.joined(separator: ", "))) \(unknownEvents == 1 ? "was" : "were") ignored.")
    }
    if !unknownFields.isEmpty {
      out.append(
        "Field\(unknownFields.count == 1 ? "" : "s") this hfdash does not know (\(unknownFields.joined(separator: ", "))) \(unknownFields.count == 1 ? "was" : "were") ignored.")
    }
    return out
  }
}
