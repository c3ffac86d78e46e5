/// Line, box and clipped-text primitives that every widget draws with; all of them stay inside `clip`.
extension Canvas {
  /// Draws `count` copies of `scalar` rightwards from (x, y), clipped to `clip`.
  public mutating func hline(
    _ x: Int, _ y: Int, _ count: Int, _ scalar: Unicode.Scalar, role: StyleRole = .axis, clip: Rect
  ) {
    guard count > 0 else { return }
    for cx in x..<(x + count) { set(cx, y, Cell(scalar, role: role), clip: clip) }
  }

  /// Draws `count` copies of `scalar` downwards from (x, y), clipped to `clip`.
  public mutating func vline(
    _ x: Int, _ y: Int, _ count: Int, _ scalar: Unicode.Scalar, role: StyleRole = .axis, clip: Rect
  ) {
    guard count > 0 else { return }
    for cy in y..<(y + count) { set(x, cy, Cell(scalar, role: role), clip: clip) }
  }

  /// Writes `s` from (x, y) in at most `width` columns, ending in `ellipsis` when cut; returns the column after it.
  @discardableResult
  public mutating func text(
    _ x: Int, _ y: Int, _ s: String, width: Int, role: StyleRole = .normal, bold: Bool = false,
    reverse: Bool = false, ellipsis: Unicode.Scalar = "…", clip: Rect
  ) -> Int {
    guard width > 0 else { return x }
    return text(
      x, y, s.truncated(to: width, ellipsis: ellipsis), role: role, bold: bold, reverse: reverse,
      clip: clip)
  }

  /// Blanks the part of `rect` that lies on the canvas.
  public mutating func clear(_ rect: Rect) { fill(rect, with: .blank) }

  /// Draws a box on the edge of `rect` with an optional title in the top border (`┌─ Title ──┐`).
  ///
  /// Degenerate rectangles draw what fits: one row is a horizontal rule, one column a vertical rule.
  public mutating func box(
    _ rect: Rect, title: String? = nil, role: StyleRole = .axis, titleRole: StyleRole = .title,
    glyphs: GlyphSet = .unicode
  ) {
    guard !rect.isEmpty else { return }
    let (x0, y0, x1, y1) = (rect.x, rect.y, rect.maxX - 1, rect.maxY - 1)
    if rect.height == 1 {
      hline(x0, y0, rect.width, glyphs.horizontal, role: role, clip: rect)
    } else if rect.width == 1 {
      vline(x0, y0, rect.height, glyphs.vertical, role: role, clip: rect)
    } else {
      hline(x0 + 1, y0, rect.width - 2, glyphs.horizontal, role: role, clip: rect)
      hline(x0 + 1, y1, rect.width - 2, glyphs.horizontal, role: role, clip: rect)
      vline(x0, y0 + 1, rect.height - 2, glyphs.vertical, role: role, clip: rect)
      vline(x1, y0 + 1, rect.height - 2, glyphs.vertical, role: role, clip: rect)
      set(x0, y0, Cell(glyphs.topLeft, role: role), clip: rect)
      set(x1, y0, Cell(glyphs.topRight, role: role), clip: rect)
      set(x0, y1, Cell(glyphs.bottomLeft, role: role), clip: rect)
      set(x1, y1, Cell(glyphs.bottomRight, role: role), clip: rect)
    }
    if let title, !title.isEmpty, rect.width >= 5 {
      let end = text(
        x0 + 2, y0, " " + title.truncated(to: rect.width - 6, ellipsis: glyphs.ellipsis), role: titleRole,
        bold: true, clip: rect)
      set(end, y0, Cell(" ", role: role), clip: Rect(x: x0, y: y0, width: rect.width - 1, height: 1))
    }
  }
}
