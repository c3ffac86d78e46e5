import HFCanvas
/// A dot grid of 2×4 dots per cell that renders as braille (U+2800 + bit pattern) or, in ASCII, one glyph per cell.
///
/// Dot (x, y) has y = 0 at the top. Within a cell, Unicode dot n is bit n−1: dots 1, 2, 3, 7 are the left
/// column top to bottom, dots 4, 5, 6, 8 the right column. A cell has one owner, the last *layer* that set a
/// dot in it: a later layer takes over the cell, with its role, and the earlier layer's dots there are dropped
/// ("later wins"). A braille cell can only have one colour, so this keeps a cell from showing one series' dots
/// in another series' colour.
public struct BrailleCanvas: Sendable {
  /// Size in cells.
  public let columns: Int, rows: Int
  var bits: [UInt8]
  var owner: [Int]
  var roles: [StyleRole]
  var markers: [Unicode.Scalar?]

  /// Creates an empty dot grid of `columns` × `rows` cells.
  public init(columns: Int, rows: Int) {
    self.columns = max(0, columns)
    self.rows = max(0, rows)
    let n = self.columns * self.rows
    bits = Array(repeating: 0, count: n)
    owner = Array(repeating: -1, count: n)
    roles = Array(repeating: .normal, count: n)
    markers = Array(repeating: nil, count: n)
  }

  /// Width in dots (2 per cell).
  public var dotWidth: Int { columns * 2 }
  /// Height in dots (4 per cell).
  public var dotHeight: Int { rows * 4 }

  /// The bit of dot (dx, dy) inside one cell, dx in 0…1, dy in 0…3 (top to bottom).
  public static func bit(dx: Int, dy: Int) -> UInt8 {
    if dy == 3 { return dx == 0 ? 0x40 : 0x80 }
    return UInt8(1) << UInt8(dy + 3 * dx)
  }

  /// The braille character for a cell's bit pattern (U+2800 + bits).
  public static func braille(_ bits: UInt8) -> Unicode.Scalar {
    Unicode.Scalar(0x2800 + UInt32(bits))!
  }

  /// The bit pattern set in cell (column, row); 0 outside the grid.
  public func pattern(column: Int, row: Int) -> UInt8 {
    guard column >= 0, row >= 0, column < columns, row < rows else { return 0 }
    return bits[row * columns + column]
  }

  /// The layer that owns cell (column, row), or -1 when the cell is empty or outside the grid.
  public func owner(column: Int, row: Int) -> Int {
    guard column >= 0, row >= 0, column < columns, row < rows else { return -1 }
    return owner[row * columns + column]
  }

  /// Sets dot (x, y) for `layer` (ignored outside the grid); `marker` replaces the glyph of the cell in ASCII.
  public mutating func set(x: Int, y: Int, layer: Int = 0, role: StyleRole = .series1, marker: Unicode.Scalar? = nil) {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
    let i = (y / 4) * columns + x / 2
    if owner[i] != layer {
      owner[i] = layer
      bits[i] = 0
    }
    bits[i] |= Self.bit(dx: x % 2, dy: y % 4)
    roles[i] = role
    markers[i] = marker
  }

  /// Draws a Bresenham line from (x0, y0) to (x1, y1) in dots, both ends included.
  public mutating func line(
    from x0: Int, _ y0: Int, to x1: Int, _ y1: Int, layer: Int = 0, role: StyleRole = .series1,
    marker: Unicode.Scalar? = nil
  ) {
    var (x, y) = (x0, y0)
    let dx = abs(x1 - x0)
    let dy = -abs(y1 - y0)
    let sx = x0 < x1 ? 1 : -1
    let sy = y0 < y1 ? 1 : -1
    var err = dx + dy
    while true {
      set(x: x, y: y, layer: layer, role: role, marker: marker)
      if x == x1 && y == y1 { break }
      let e2 = 2 * err
      if e2 >= dy {
        err += dy
        x += sx
      }
      if e2 <= dx {
        err += dx
        y += sy
      }
    }
  }

  /// Copies the non-empty cells to `canvas` with their top-left cell at (x, y), clipped to `clip`.
  ///
  /// Braille glyph sets draw the dot pattern; ASCII draws the owner's marker, or `'`/`.`/`:` for dots
  /// in the upper half, lower half or both.
  public func render(into canvas: inout Canvas, x: Int, y: Int, glyphs: GlyphSet, clip: Rect) {
    for row in 0..<rows {
      for col in 0..<columns {
        let i = row * columns + col
        let b = bits[i]
        guard b != 0 else { continue }
        let scalar: Unicode.Scalar
        if glyphs.usesBraille {
          scalar = Self.braille(b)
        } else if let m = markers[i] {
          scalar = m
        } else {
          let upper = b & 0x1B != 0
          let lower = b & 0xE4 != 0  // dots 1,2,4,5 vs 3,6,7,8
          scalar = upper && lower ? glyphs.plotBoth : upper ? glyphs.plotUpper : glyphs.plotLower
        }
        canvas.set(x + col, y + row, Cell(scalar, role: roles[i]), clip: clip)
      }
    }
  }
}
