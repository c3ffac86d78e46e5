/// A semantic colour role; the terminal maps roles to colours (or to attributes in monochrome).
public enum StyleRole: UInt8, Sendable, CaseIterable {
  case normal, title, axis, muted, good, warn, bad, accent, selection
  case series1, series2, series3, series4, series5, series6
  case badge, keyHint
  /// A run drawn for comparison behind the live one (a reference or a second recording).
  case ghost
}

/// One character cell: a Unicode scalar with a role and text attributes.
public struct Cell: Equatable, Sendable {
  public var scalar: Unicode.Scalar
  public var role: StyleRole
  public var bold: Bool
  public var reverse: Bool

  public init(_ scalar: Unicode.Scalar = " ", role: StyleRole = .normal, bold: Bool = false, reverse: Bool = false) {
    self.scalar = scalar
    self.role = role
    self.bold = bold
    self.reverse = reverse
  }

  /// A blank cell.
  public static let blank = Cell()
}

/// A rectangle of cells, in canvas coordinates (x = column, y = row).
public struct Rect: Equatable, Sendable {
  public var x: Int, y: Int, width: Int, height: Int
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }
  public var maxX: Int { x + width }
  public var maxY: Int { y + height }
  public var isEmpty: Bool { width <= 0 || height <= 0 }
  /// The rectangle shrunk by `d` cells on every side.
  public func inset(_ d: Int) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
  /// The intersection of two rectangles (empty if they do not overlap).
  public func intersection(_ o: Rect) -> Rect {
    let x0 = Swift.max(x, o.x), y0 = Swift.max(y, o.y)
    let x1 = Swift.min(maxX, o.maxX), y1 = Swift.min(maxY, o.maxY)
    return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
  }
}

/// A width × height grid of cells that widgets draw into; the terminal blits it.
public struct Canvas: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  /// The whole canvas as a rectangle.
  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set { cells[y * width + x] = newValue }
  }

  /// Sets a cell if (x, y) lies inside the canvas and inside `clip`.
  public mutating func set(_ x: Int, _ y: Int, _ cell: Cell, clip: Rect? = nil) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    if let c = clip, x < c.x || y < c.y || x >= c.maxX || y >= c.maxY { return }
    cells[y * width + x] = cell
  }

  /// Writes a string from (x, y), clipped to `clip` (default: the canvas); returns the column after the last character.
  @discardableResult
  public mutating func text(
    _ x: Int, _ y: Int, _ s: String, role: StyleRole = .normal, bold: Bool = false,
    reverse: Bool = false, clip: Rect? = nil
  ) -> Int {
    var cx = x
    for ch in s.unicodeScalars {
      set(cx, y, Cell(ch, role: role, bold: bold, reverse: reverse), clip: clip)
      cx += 1
    }
    return cx
  }

  /// Fills a rectangle with one cell.
  public mutating func fill(_ r: Rect, with cell: Cell = .blank) {
    let c = r.intersection(bounds)
    guard !c.isEmpty else { return }
    for y in c.y..<c.maxY { for x in c.x..<c.maxX { cells[y * width + x] = cell } }
  }

  /// The characters of each row, trailing spaces kept (used by golden-frame tests).
  public var textLines: [String] {
    (0..<height).map { y in
      var s = String.UnicodeScalarView()
      for x in 0..<width { s.append(cells[y * width + x].scalar) }
      return String(s)
    }
  }
}
