import Foundation

/// One screen of a dashboard recording for asciicast export.
public struct AsciicastFrame: Sendable, Equatable {
  /// Seconds since the start of the cast.
  public var time: Double
  /// The screen's rows, top to bottom (may hold ANSI colour sequences).
  public var lines: [String]
  /// Marker labels placed at this frame (notes, alarms…), shown as chapters by asciinema.
  public var markers: [String]
  public init(time: Double, lines: [String], markers: [String] = []) {
    self.time = time
    self.lines = lines
    self.markers = markers
  }
}

/// Writes asciicast v2 files (asciinema's format): a header line, then one JSON array per event:
/// `[t, "o", data]` for output and `[t, "m", label]` for markers.
///
/// Each frame is drawn from the top-left corner (`ESC [H`), every row ended by erase-to-end-of-line
/// (`ESC [K`), rows joined by CR LF, the rest of the screen cleared (`ESC [J`); the first frame
/// clears the screen first (`ESC [2J`).
public struct AsciicastWriter: Sendable {
  public var width: Int
  public var height: Int
  public var title: String?
  /// The cast's start time (Unix seconds in the header).
  public var timestamp: Date?

  public init(width: Int, height: Int, title: String? = nil, timestamp: Date? = nil) {
    self.width = width
    self.height = height
    self.title = title
    self.timestamp = timestamp
  }

  /// The header line (no newline).
  public func headerLine() -> String {
    var b = JSONBuilder()
    b.openObject()
    b.member("version", 2)
    b.member("width", width)
    b.member("height", height)
    if let timestamp { b.member("timestamp", Int(timestamp.timeIntervalSince1970.rounded(.down))) }
    if let title { b.member("title", title) }
    b.key("env")
    b.openObject()
    b.member("TERM", "xterm-256color")
    b.closeObject()
    b.closeObject()
    return String(decoding: b.bytes, as: UTF8.self)
  }

  /// The event lines (no newlines) for one frame; `first` adds the initial clear-screen.
  public func eventLines(for frame: AsciicastFrame, first: Bool) -> [String] {
    let t = max(0, (frame.time * 1_000_000).rounded() / 1_000_000)
    var out: [String] = []
    for label in frame.markers { out.append(event(t, "m", label)) }
    let rows = frame.lines.prefix(height).map { $0 + "\u{1B}[K" }
    out.append(event(t, "o", (first ? "\u{1B}[2J" : "") + "\u{1B}[H" + rows.joined(separator: "\r\n") + "\u{1B}[J"))
    return out
  }

  /// The event lines (no newlines) for `frame` drawn over `previous`, the screen the last frame
  /// left: only rows that changed are written, each placed with `ESC [row;1H` and ended by
  /// erase-to-end-of-line; without a previous frame (or with a different row count) the whole
  /// screen is drawn as in `eventLines(for:first:)`. A frame identical to the previous one
  /// writes only its markers.
  public func eventLines(for frame: AsciicastFrame, over previous: AsciicastFrame?) -> [String] {
    guard let previous, previous.lines.count == frame.lines.count else { return eventLines(for: frame, first: previous == nil) }
    let t = max(0, (frame.time * 1_000_000).rounded() / 1_000_000)
    var out: [String] = frame.markers.map { event(t, "m", $0) }
    var data = ""
    for (row, line) in frame.lines.prefix(height).enumerated() where line != previous.lines[row] {
      data += "\u{1B}[\(row + 1);1H" + line + "\u{1B}[K"
    }
    if !data.isEmpty { out.append(event(t, "o", data)) }
    return out
  }

  /// A complete cast: header and every frame's events, one per line, times made non-decreasing.
  public func document(_ frames: [AsciicastFrame]) -> String {
    var lines = [headerLine()]
    var last = 0.0
    for (k, var frame) in frames.enumerated() {
      frame.time = max(frame.time, last)
      last = frame.time
      lines += eventLines(for: frame, first: k == 0)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func event(_ t: Double, _ code: String, _ data: String) -> String {
    var b = JSONBuilder()
    b.openArray()
    b.value(t)
    b.value(code)
    b.value(data)
    b.closeArray()
    return String(decoding: b.bytes, as: UTF8.self)
  }
}
