import Foundation

/// Opens recordings into timelines, tolerating the damage a crash or an editor can do.
///
/// A cut-off last line is dropped with a warning; an unreadable line in the middle is skipped
/// and counted; events of unknown kinds are ignored and counted. A newer format version or a
/// file that is not a recording is an error.
public enum RecordingReader {
  /// Reads the whole recording at `url`.
  public static func open(_ url: URL) throws(RecordingError) -> RecordingTimeline {
    try parse(FileBytes.read(url.path), name: url.path)
  }

  /// Reads a recording from bytes; `name` names it in errors.
  public static func parse(_ bytes: [UInt8], name: String) throws(RecordingError) -> RecordingTimeline {
    let result: Result<RecordingTimeline, RecordingError> = bytes.withUnsafeBufferPointer { buffer in
      do throws(RecordingError) { return .success(try parse(buffer, name: name)) } catch { return .failure(error) }
    }
    return try result.get()
  }

  /// Reads only the header line.
  public static func readHeader(_ url: URL) throws(RecordingError) -> RecordingHeader {
    let fd = try FileBytes.open(url.path)
    defer { close(fd) }
    var head: [UInt8] = []
    while head.count < 1 << 22 {
      let chunk = FileBytes.read(fd, offset: head.count, count: 16384)
      if chunk.isEmpty { break }
      if let nl = chunk.firstIndex(of: 0x0A) {
        head.append(contentsOf: chunk[..<nl])
        break
      }
      head.append(contentsOf: chunk)
    }
    return try head.withUnsafeBufferPointer { b throws(RecordingError) in try decodeHeader(b, name: url.path) }
  }

  static func decodeHeader(_ line: UnsafeBufferPointer<UInt8>, name: String) throws(RecordingError) -> RecordingHeader {
    var count = line.count
    while count > 0, line[count - 1] == 0x0D { count -= 1 }
    let text = UnsafeBufferPointer(rebasing: line[0..<count])
    guard let value = try? JSONParser.parse(text), RecordingHeader.isHeader(value) else {
      let prefix = Array(#"{"format":"hfdash-recording""#.utf8)
      if count >= prefix.count, Array(text[0..<prefix.count]) == prefix {
        throw RecordingError("\(name) is a damaged hfdash recording (its header line is cut off or garbled).")
      }
      throw RecordingError("\(name) is not an hfdash recording (its first line is not a recording header).")
    }
    return try RecordingHeader.decode(value, name: name)
  }

  private static func parse(_ buffer: UnsafeBufferPointer<UInt8>, name: String) throws(RecordingError) -> RecordingTimeline {
    guard let base = buffer.baseAddress, buffer.count > 0 else {
      throw RecordingError("\(name) is not an hfdash recording (it is empty).")
    }
    let count = buffer.count
    func nextNewline(from position: Int) -> Int? {
      guard position < count, let hit = memchr(base + position, 0x0A, count - position) else { return nil }
      return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
    }
    let headerEnd = nextNewline(from: 0) ?? count
    let header = try decodeHeader(UnsafeBufferPointer(start: base, count: headerEnd), name: name)

    var events: [RecordedEvent] = []
    events.reserveCapacity(count / 48)
    var faults = RecordingFaults()
    var unknownKinds = Set<String>()
    var position = headerEnd + 1
    var lineNumber = 1
    while position < count {
      lineNumber += 1
      let newline = nextNewline(from: position)
      let end = newline ?? count
      defer { position = end + 1 }
      if end == position || (end == position + 1 && base[position] == 0x0D) { continue }
      switch RecordingCodec.decode(UnsafeBufferPointer(start: base + position, count: end - position)) {
      case .event(let e)?: events.append(e)
      case .unknownKind(let kind)?:
        faults.unknownEvents += 1
        unknownKinds.insert(kind)
      case nil:
        if newline == nil {
          faults.truncatedLastLine = true
          faults.truncatedLineNumber = lineNumber
        } else {
          faults.skippedLines += 1
          if faults.skippedLineNumbers.count < 20 { faults.skippedLineNumbers.append(lineNumber) }
        }
      }
    }
    faults.unknownKinds = unknownKinds.sorted()
    return RecordingTimeline(header: header, events: events, faults: faults)
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
  /// Whether the last line was cut off (a crash while writing) and dropped.
  public var truncatedLastLine = false
  public var truncatedLineNumber: Int?

  public init() {}

  /// Whether nothing was skipped, ignored or dropped.
  public var isClean: Bool { skippedLines == 0 && unknownEvents == 0 && !truncatedLastLine }

  /// One sentence per kind of fault, for the screen or stderr.
  public var warnings: [String] {
    var out: [String] = []
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
    return out
  }
}
