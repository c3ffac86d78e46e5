import HFCanvas
/// A centred box listing key bindings grouped under headings, drawn over whatever is below it.
///
/// Groups appear in the order of their first entry. When the list is taller than the box, it starts
/// at `scrollOffset` and the bottom border says how many lines are below.
public struct HelpOverlay: Sendable {
  /// The entries, in display order within each group.
  public var entries: [HelpEntry]
  /// The box title.
  public var title: String
  /// The hint in the bottom border when everything fits.
  public var footer: String
  /// The first content line shown.
  public var scrollOffset: Int
  /// The glyphs to draw with.
  public var glyphs: GlyphSet

  /// Creates an overlay.
  public init(
    entries: [HelpEntry], title: String = "Help", footer: String = "? or Esc closes", scrollOffset: Int = 0,
    glyphs: GlyphSet = .unicode
  ) {
    self.entries = entries
    self.title = title
    self.footer = footer
    self.scrollOffset = scrollOffset
    self.glyphs = glyphs
  }

  /// One content line: a group heading or an entry.
  enum Line {
    case heading(String)
    case entry(HelpEntry)
  }

  var lines: [Line] {
    var groups: [String] = []
    for e in entries where !groups.contains(e.group) { groups.append(e.group) }
    var out: [Line] = []
    for g in groups {
      if !g.isEmpty { out.append(.heading(g)) }
      out += entries.filter { $0.group == g }.map { .entry($0) }
    }
    return out
  }

  /// The rectangle the box occupies when centred in `rect`.
  public func boxRect(in rect: Rect) -> Rect {
    let keysW = entries.map(\.keys.unicodeScalars.count).max() ?? 0
    let helpW = entries.map(\.help.unicodeScalars.count).max() ?? 0
    let headW = entries.map(\.group.unicodeScalars.count).max() ?? 0
    let contentW = max(
      keysW + 2 + helpW + 2, headW + 1, title.unicodeScalars.count + 4, footer.unicodeScalars.count + 4)
    let w = min(rect.width, contentW + 2)
    let h = min(rect.height, lines.count + 2)
    return Rect(x: rect.x + (rect.width - w) / 2, y: rect.y + (rect.height - h) / 2, width: w, height: h)
  }

  /// Clears the box area and draws the overlay centred in `rect`.
  public func render(into canvas: inout Canvas, rect: Rect) {
    guard !rect.isEmpty else { return }
    let box = boxRect(in: rect)
    canvas.clear(box.intersection(canvas.bounds))
    canvas.box(box, title: title, role: .accent, glyphs: glyphs)
    let inner = box.inset(1)
    guard !inner.isEmpty else { return }
    let all = lines
    let offset = max(0, min(scrollOffset, all.count - inner.height))
    let keysW = min(entries.map(\.keys.unicodeScalars.count).max() ?? 0, max(1, inner.width / 3))
    for (i, line) in all.dropFirst(offset).prefix(inner.height).enumerated() {
      let y = inner.y + i
      switch line {
      case .heading(let g):
        canvas.text(inner.x, y, g, width: inner.width, role: .title, bold: true, ellipsis: glyphs.ellipsis, clip: inner)
      case .entry(let e):
        canvas.text(
          inner.x + 1, y, e.keys, width: keysW, role: .keyHint, bold: true, ellipsis: glyphs.ellipsis, clip: inner)
        let x = inner.x + 1 + keysW + 2
        canvas.text(x, y, e.help, width: inner.maxX - x, ellipsis: glyphs.ellipsis, clip: inner)
      }
    }
    let below = all.count - offset - inner.height
    let note = below > 0 ? String(below) + " more " + (glyphs.usesBraille ? "↓" : "v") : footer
    let n = note.unicodeScalars.count
    if box.height >= 3, n + 4 <= box.width {
      canvas.text(box.maxX - 3 - n, box.maxY - 1, " " + note + " ", role: .muted, clip: box)
    }
  }
}
