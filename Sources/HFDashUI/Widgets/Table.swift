import HFCanvas
/// A table with a header row and aligned columns; cells too long for their column end in `…`.
///
/// Column widths start at the widest cell (or a fixed `width`) and the widest columns give way
/// first when the table is too wide for its rectangle. Rows past the bottom are not drawn.
public struct Table: Sendable {
  /// A column's title, alignment and optional fixed width.
  public struct Column: Sendable {
    public var title: String
    public var alignment: Alignment
    public var width: Int?
    /// Creates a column.
    public init(_ title: String, alignment: Alignment = .left, width: Int? = nil) {
      self.title = title
      self.alignment = alignment
      self.width = width
    }
  }

  /// Where text sits in its column.
  public enum Alignment: Sendable { case left, right }

  /// The columns, left to right.
  public var columns: [Column]
  /// The rows of cell texts (missing cells are blank, extra cells ignored).
  public var rows: [[String]]
  /// A role per row (missing: `normal`).
  public var rowRoles: [StyleRole]
  /// The highlighted row, drawn reversed.
  public var selectedRow: Int?
  /// The glyphs to draw with (the ellipsis).
  public var glyphs: GlyphSet

  /// Creates a table.
  public init(
    columns: [Column], rows: [[String]], rowRoles: [StyleRole] = [], selectedRow: Int? = nil,
    glyphs: GlyphSet = .unicode
  ) {
    self.columns = columns
    self.rows = rows
    self.rowRoles = rowRoles
    self.selectedRow = selectedRow
    self.glyphs = glyphs
  }

  /// The column widths for a table `width` cells wide (one space between columns).
  public func columnWidths(for width: Int) -> [Int] {
    var widths = columns.enumerated().map { i, c in
      c.width ?? rows.reduce(c.title.unicodeScalars.count) { max($0, $1.count > i ? $1[i].unicodeScalars.count : 0) }
    }
    let available = width - max(0, columns.count - 1)
    while widths.reduce(0, +) > max(0, available), let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
      widths[widest] > 0
    {
      widths[widest] -= 1
    }
    return widths
  }

  /// Draws the header and as many rows as fit into `rect`.
  public func render(into canvas: inout Canvas, rect: Rect) {
    guard !rect.isEmpty else { return }
    canvas.clear(rect.intersection(canvas.bounds))
    let widths = columnWidths(for: rect.width)
    drawRow(
      columns.map(\.title), y: rect.y, widths: widths, role: .title, bold: true, reverse: false, into: &canvas,
      rect: rect)
    for (i, row) in rows.prefix(max(0, rect.height - 1)).enumerated() {
      let role = i < rowRoles.count ? rowRoles[i] : .normal
      let selected = selectedRow == i
      if selected {
        canvas.fill(
          Rect(x: rect.x, y: rect.y + 1 + i, width: rect.width, height: 1).intersection(canvas.bounds),
          with: Cell(" ", role: .selection, reverse: true))
      }
      drawRow(
        row, y: rect.y + 1 + i, widths: widths, role: selected ? .selection : role, bold: false, reverse: selected,
        into: &canvas, rect: rect)
    }
  }

  func drawRow(
    _ cells: [String], y: Int, widths: [Int], role: StyleRole, bold: Bool, reverse: Bool, into canvas: inout Canvas,
    rect: Rect
  ) {
    var x = rect.x
    for (i, w) in widths.enumerated() {
      let text = (i < cells.count ? cells[i] : "").truncated(to: w, ellipsis: glyphs.ellipsis)
      let pad = w - text.unicodeScalars.count
      let start = columns[i].alignment == .right ? x + pad : x
      canvas.text(start, y, text, role: role, bold: bold, reverse: reverse, clip: rect)
      x += w + 1
    }
  }
}
