import HFCanvas
/// The last N event lines, newest at the bottom, each in its own role (e.g. `warn` for a rejected step).
public struct EventLog: Sendable, Equatable {
  /// One logged line.
  public struct Entry: Sendable, Equatable {
    public var text: String
    public var role: StyleRole
    /// Creates an entry.
    public init(_ text: String, role: StyleRole = .normal) {
      self.text = text
      self.role = role
    }
  }

  /// The kept lines, oldest first.
  public private(set) var entries: [Entry]
  /// How many lines are kept; older ones are dropped.
  public let capacity: Int
  /// The glyphs to draw with (the ellipsis).
  public var glyphs: GlyphSet

  /// Creates an empty log that keeps `capacity` lines.
  public init(capacity: Int = 200, entries: [Entry] = [], glyphs: GlyphSet = .unicode) {
    self.capacity = max(1, capacity)
    self.entries = Array(entries.suffix(self.capacity))
    self.glyphs = glyphs
  }

  /// Appends a line, dropping the oldest beyond `capacity`.
  public mutating func append(_ text: String, role: StyleRole = .normal) {
    entries.append(Entry(text, role: role))
    if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
  }

  /// Draws the newest lines into `rect`, the newest on its bottom row.
  public func render(into canvas: inout Canvas, rect: Rect) {
    guard !rect.isEmpty else { return }
    canvas.clear(rect.intersection(canvas.bounds))
    let shown = entries.suffix(rect.height)
    var y = rect.maxY - shown.count
    for e in shown {
      canvas.text(rect.x, y, e.text, width: rect.width, role: e.role, ellipsis: glyphs.ellipsis, clip: rect)
      y += 1
    }
  }
}
