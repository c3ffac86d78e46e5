import HFCanvas
/// A block-eighths sparkline (`▁▂▃▅▇`), newest value at the right, optionally several rows tall.
///
/// Each present value shows at least one eighth, so a small value is never mistaken for an absent one;
/// absent values (`nil`) show `·` (muted) and non-finite values `×` (`bad`). Values above a fixed
/// `maximum` fill the column and turn `warn`.
public struct Sparkline: Sendable {
  /// The samples, oldest first; `nil` marks an absent sample.
  public var values: [Double?]
  /// The value of a full column; `nil` uses the largest finite value shown.
  public var maximum: Double?
  /// The role of the bars.
  public var role: StyleRole
  /// The glyphs to draw with.
  public var glyphs: GlyphSet

  /// Creates a sparkline.
  public init(values: [Double?], maximum: Double? = nil, role: StyleRole = .series1, glyphs: GlyphSet = .unicode) {
    self.values = values
    self.maximum = maximum
    self.role = role
    self.glyphs = glyphs
  }

  /// The fill level 1…`levels` of `value` against `maximum` (0 for values ≤ 0, `nil` when not finite).
  public static func level(of value: Double, maximum: Double, levels: Int) -> Int? {
    guard value.isFinite else { return nil }
    guard value > 0 else { return 0 }
    guard maximum > 0 else { return levels }
    return min(levels, max(1, Int((value / maximum * Double(levels)).rounded())))
  }

  /// Draws the last `rect.width` values into `rect`, bottom-aligned.
  public func render(into canvas: inout Canvas, rect: Rect) {
    guard !rect.isEmpty else { return }
    canvas.clear(rect.intersection(canvas.bounds))
    let shown = values.suffix(rect.width)
    let top = maximum ?? shown.compactMap { $0 }.filter(\.isFinite).max() ?? 1
    let levels = rect.height * 8
    var x = rect.maxX - shown.count
    for value in shown {
      defer { x += 1 }
      guard let value else {
        canvas.set(x, rect.maxY - 1, Cell(glyphs.absent, role: .muted), clip: rect)
        continue
      }
      guard let level = Self.level(of: value, maximum: top, levels: levels) else {
        canvas.set(x, rect.maxY - 1, Cell(glyphs.gap, role: .bad, bold: true), clip: rect)
        continue
      }
      let cellRole: StyleRole = maximum != nil && value > top ? .warn : role
      for row in 0..<rect.height {
        let fill = min(8, max(0, level - 8 * row))
        guard fill > 0 else { break }
        canvas.set(x, rect.maxY - 1 - row, Cell(glyphs.levels[fill], role: cellRole), clip: rect)
      }
    }
  }
}
