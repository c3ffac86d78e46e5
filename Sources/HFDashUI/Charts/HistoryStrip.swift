import HFCanvas
/// A one-row, log-scaled eighths strip of a magnitude's history (e.g. one layer's gradient norm), newest at the right.
///
/// Each positive value gets a level 1…8 by its position on the log range, so every sample stays visible;
/// zero, negative and non-finite values show `×` in the `bad` role instead of an empty cell.
public struct HistoryStrip: Sendable {
  /// The samples, oldest first.
  public var values: [Double]
  /// The (positive) value range of the strip, shared across layers; `nil` uses the samples' own range.
  public var range: ClosedRange<Double>?
  /// The role of the strip.
  public var role: StyleRole
  /// The glyphs to draw with.
  public var glyphs: GlyphSet

  /// Creates a strip.
  public init(
    values: [Double], range: ClosedRange<Double>? = nil, role: StyleRole = .series2, glyphs: GlyphSet = .unicode
  ) {
    self.values = values
    self.range = range
    self.role = role
    self.glyphs = glyphs
  }

  /// The level 1…8 of `value` on a log scale over `range`, or `nil` when it cannot be placed.
  public static func level(of value: Double, in range: ClosedRange<Double>) -> Int? {
    guard let f = AxisScale.log10.fraction(of: value, in: range) else { return nil }
    return 1 + Int((min(1, max(0, f)) * 7).rounded())
  }

  /// Draws the last `rect.width` samples into the first row of `rect`.
  public func render(into canvas: inout Canvas, rect: Rect) {
    guard !rect.isEmpty else { return }
    canvas.clear(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1).intersection(canvas.bounds))
    let shown = values.suffix(rect.width)
    guard let r = range ?? AxisScale.log10.dataRange(of: shown) else {
      var x = rect.maxX - shown.count
      for _ in shown {
        canvas.set(x, rect.y, Cell(glyphs.gap, role: .bad, bold: true), clip: rect)
        x += 1
      }
      return
    }
    var x = rect.maxX - shown.count
    for v in shown {
      if let level = Self.level(of: v, in: r) {
        canvas.set(x, rect.y, Cell(glyphs.levels[level], role: role), clip: rect)
      } else {
        canvas.set(x, rect.y, Cell(glyphs.gap, role: .bad, bold: true), clip: rect)
      }
      x += 1
    }
  }
}
