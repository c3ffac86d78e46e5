/// The characters widgets draw with: a Unicode set (braille, block eighths, box drawing) and a pure-ASCII fallback.
///
/// Widgets never hard-code a glyph; they take a `GlyphSet`, so the whole dashboard works on a terminal
/// without UTF-8 (pass `.ascii`, selected by HFTerminal from the locale's codeset or `--ascii`).
public struct GlyphSet: Equatable, Sendable {
  /// Whether charts plot with braille dots (2×4 per cell); otherwise one ASCII glyph per cell.
  public var usesBraille: Bool

  /// Box drawing: horizontal and vertical lines.
  public var horizontal: Unicode.Scalar
  public var vertical: Unicode.Scalar
  /// Box drawing: the four corners.
  public var topLeft: Unicode.Scalar
  public var topRight: Unicode.Scalar
  public var bottomLeft: Unicode.Scalar
  public var bottomRight: Unicode.Scalar
  /// A tick on a vertical axis, pointing into the plot (`┤`).
  public var axisTick: Unicode.Scalar

  /// Nine fill levels from empty to full, bottom-aligned (sparklines, history strips).
  public var levels: [Unicode.Scalar]
  /// Eight left-aligned partial cells, 1/8 … 8/8 of a cell wide (horizontal bars).
  public var barPartials: [Unicode.Scalar]
  /// The caps either side of a horizontal bar (`▕` … `▏`).
  public var barLeftCap: Unicode.Scalar
  public var barRightCap: Unicode.Scalar

  /// A value that could not be placed (NaN, ±Inf, non-positive on a log axis).
  public var gap: Unicode.Scalar
  /// A value above / below a clamped axis window.
  public var above: Unicode.Scalar
  public var below: Unicode.Scalar
  /// A vertical event marker along the top of a chart (e.g. where λ was changed by the user).
  public var eventMarker: Unicode.Scalar
  /// An absent sample in a sparkline.
  public var absent: Unicode.Scalar
  /// Stands for text cut off at the end of a column or line.
  public var ellipsis: Unicode.Scalar
  /// ASCII chart glyphs for a cell whose dots are in its upper half, lower half, or both.
  public var plotUpper: Unicode.Scalar
  public var plotLower: Unicode.Scalar
  public var plotBoth: Unicode.Scalar
  /// The dotted glyph of a horizontal reference line where a chart cannot plot dots (ASCII).
  public var referenceLine: Unicode.Scalar
  /// Subscript digits "₁₀" for axis captions (`log₁₀`), or "10".
  public var logCaption: String

  /// The Unicode glyph set: braille, block eighths, box drawing.
  public static let unicode = GlyphSet(
    usesBraille: true,
    horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
    axisTick: "┤",
    levels: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
    barPartials: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
    barLeftCap: "▕", barRightCap: "▏",
    gap: "×", above: "▲", below: "▼", eventMarker: "▾", absent: "·", ellipsis: "…",
    plotUpper: "'", plotLower: ".", plotBoth: ":", referenceLine: "┄",
    logCaption: "log₁₀")

  /// The ASCII glyph set: `.`/`:`/`'` plotting, `-|+` boxes, `^v` clip markers, `x` for gaps.
  public static let ascii = GlyphSet(
    usesBraille: false,
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
    axisTick: "+",
    levels: [" ", "_", ".", "-", "~", "=", "+", "*", "#"],
    barPartials: ["-", "-", "-", "=", "=", "=", "=", "#"],
    barLeftCap: "[", barRightCap: "]",
    gap: "x", above: "^", below: "v", eventMarker: "|", absent: ".", ellipsis: "~",
    plotUpper: "'", plotLower: ".", plotBoth: ":", referenceLine: "-",
    logCaption: "log10")
}
