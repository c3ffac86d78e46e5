import HFCanvas
/// The bottom line of `key label` pairs (`q Quit  ? Help  space Pause`), htop style.
///
/// Keys are drawn in the `keyHint` role (reversed), labels in `normal`, or `accent` for active toggles.
/// Items that do not fit are dropped whole from the right; if even the first does not fit, its label is cut with `…`.
public struct KeyBar: Sendable {
  /// One key and what it does.
  public struct Item: Sendable, Equatable {
    public var key: String
    public var label: String
    /// Whether the item is an active toggle (e.g. "paused"); its label is highlighted.
    public var isActive: Bool
    /// Creates an item.
    public init(key: String, label: String, isActive: Bool = false) {
      self.key = key
      self.label = label
      self.isActive = isActive
    }
  }

  /// The items, most important first.
  public var items: [Item]
  /// The glyphs to draw with (the ellipsis).
  public var glyphs: GlyphSet

  /// Creates a key bar.
  public init(items: [Item], glyphs: GlyphSet = .unicode) {
    self.items = items
    self.glyphs = glyphs
  }

  /// Draws the items into the first row of `rect`.
  public func render(into canvas: inout Canvas, rect: Rect) {
    guard !rect.isEmpty else { return }
    let line = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
    canvas.clear(line.intersection(canvas.bounds))
    var x = rect.x
    for (i, item) in items.enumerated() {
      let keyW = item.key.unicodeScalars.count
      let labelW = item.label.unicodeScalars.count
      let needed = keyW + 1 + labelW
      let room = rect.maxX - x
      if needed > room && i > 0 { break }
      canvas.text(x, rect.y, item.key, role: .keyHint, bold: true, reverse: true, clip: line)
      let labelRole: StyleRole = item.isActive ? .accent : .normal
      canvas.text(
        x + keyW + 1, rect.y, item.label, width: room - keyW - 1, role: labelRole, bold: item.isActive,
        ellipsis: glyphs.ellipsis, clip: line)
      x += needed + 2
    }
  }
}
