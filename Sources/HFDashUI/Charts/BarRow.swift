import HFCanvas
/// One row of `LayerBars`: `W3  ▕█████▍   ▏ 3.2e-4  ▁▂▃▅▆` — label, log-scaled bar, value, history strip.
public struct BarRow: Sendable {
  /// The row label (e.g. the layer name "W3").
  public var label: String
  /// The current magnitude.
  public var value: Double
  /// Earlier magnitudes, oldest first, for the history strip.
  public var history: [Double]
  /// The positive value range of the bar's log scale (shared by all rows of a `LayerBars`).
  public var range: ClosedRange<Double>
  /// The role of the bar; `LayerBars` passes `warn` for vanishing values.
  public var role: StyleRole
  /// The glyphs to draw with.
  public var glyphs: GlyphSet

  /// Creates a row.
  public init(
    label: String, value: Double, history: [Double] = [], range: ClosedRange<Double>, role: StyleRole = .series1,
    glyphs: GlyphSet = .unicode
  ) {
    self.label = label
    self.value = value
    self.history = history
    self.range = range
    self.role = role
    self.glyphs = glyphs
  }

  /// Column widths of a row; `LayerBars` computes them once so that all rows line up.
  public struct Columns: Equatable, Sendable {
    /// Label, bar interior, value and history widths (0 = column omitted).
    public var label: Int, bar: Int, value: Int, history: Int

    /// Fits the columns into `width`: the history goes first, then the value, then the label.
    public init(width: Int, labelWidth: Int, historyCount: Int) {
      var (label, value) = (labelWidth, 7)
      var history = historyCount > 0 ? min(historyCount, 24, max(4, width / 4)) : 0
      func barWidth() -> Int {
        width - (label > 0 ? label + 1 : 0) - 2 - (value > 0 ? value + 1 : 0) - (history > 0 ? history + 2 : 0)
      }
      if barWidth() < 4 { history = 0 }
      if barWidth() < 4 { value = 0 }
      if barWidth() < 2 { label = 0 }
      (self.label, self.value, self.history, self.bar) = (label, value, history, max(0, barWidth()))
    }
  }

  /// The fraction of the bar `value` fills on a log scale over `range` (clamped to 0…1), `nil` when not placeable.
  public static func fraction(of value: Double, in range: ClosedRange<Double>) -> Double? {
    AxisScale.log10.fraction(of: value, in: range).map { min(1, max(0, $0)) }
  }

  /// The bar interior for `fraction` in `width` cells: full cells plus one partial eighth-cell, at least one eighth.
  public static func bar(fraction: Double, width: Int, glyphs: GlyphSet) -> String {
    // A placeable value always shows at least one eighth, so a tiny value never looks like a missing one.
    let eighths = width > 0 ? max(1, Int((fraction * Double(width * 8)).rounded())) : 0
    var s = String.UnicodeScalarView(repeating: glyphs.barPartials[7], count: eighths / 8)
    if eighths % 8 > 0 { s.append(glyphs.barPartials[eighths % 8 - 1]) }
    return String(s)
  }

  /// Draws the row into the first line of `rect` using `columns`.
  public func render(into canvas: inout Canvas, rect: Rect, columns: Columns) {
    guard !rect.isEmpty else { return }
    let y = rect.y
    canvas.clear(Rect(x: rect.x, y: y, width: rect.width, height: 1).intersection(canvas.bounds))
    let fraction = Self.fraction(of: value, in: range)
    let labelRole: StyleRole = fraction == nil ? .bad : role == .warn ? .warn : .normal
    var x = rect.x
    if columns.label > 0 {
      canvas.text(x, y, label, width: columns.label, role: labelRole, ellipsis: glyphs.ellipsis, clip: rect)
      x += columns.label + 1
    }
    canvas.set(x, y, Cell(glyphs.barLeftCap, role: .axis), clip: rect)
    if let fraction {
      canvas.text(x + 1, y, Self.bar(fraction: fraction, width: columns.bar, glyphs: glyphs), role: role, clip: rect)
    } else {
      canvas.set(x + 1, y, Cell(glyphs.gap, role: .bad, bold: true), clip: rect)
    }
    x += columns.bar + 1
    canvas.set(x, y, Cell(glyphs.barRightCap, role: .axis), clip: rect)
    x += 2
    if columns.value > 0 {
      let text = Format.compact(value)
      canvas.text(x, y, text, width: columns.value, role: fraction == nil ? .bad : labelRole, clip: rect)
      x += columns.value + 1
    }
    if columns.history > 0 {
      let strip = HistoryStrip(values: history, range: range, role: role == .warn ? .warn : .series2, glyphs: glyphs)
      strip.render(into: &canvas, rect: Rect(x: x + 1, y: y, width: columns.history, height: 1).intersection(rect))
    }
  }
}
