import HFCanvas
/// A braille line chart: title and axis caption, y tick labels, x labels (iterations), one or more series,
/// dim horizontal reference lines, event markers along the top, and visible markers for gaps and clipped values.
///
/// ```
/// Loss                     ×1 log₁₀
///    1┤⠑⠢⣀
/// 1e-1┤   ⠈⠑⠒⠤⣀⣀
/// 1e-2┤         ⠉⠉⠒⠒⠤
///     └──────────────────
///      0      10      20
/// ```
/// - Values that cannot be placed (NaN, ±Inf, non-positive on a log axis) break the line and show a `×`
///   (`bad` role) on the bottom edge (+Inf: top edge); they are never drawn as zero.
/// - Values outside a clamped (or given) y range are drawn at the edge and marked `▲`/`▼` (`warn` role).
/// - When two series share a braille cell, the later series in `series` wins the cell (see `BrailleCanvas`).
///   With the ASCII glyph set, give each series its own `asciiMarker` to tell them apart.
/// - Small rectangles drop the x labels (height < 5), the axis line (< 4) and the y labels (narrow widths).
public struct LineChart: Sendable {
  /// The chart title, bold at the top left.
  public var title: String
  /// The series, drawn in order (later ones win shared cells).
  public var series: [ChartSeries]
  /// The y scale; its caption (`log₁₀`, `clamped [-1,1.5]`) is shown at the top right.
  public var scale: AxisScale
  /// The y range to draw (e.g. from `AutoRange`); `nil` fits the placeable data. Ignored by `.clamped`.
  public var yRange: ClosedRange<Double>?
  /// The x range to draw; `nil` spans the data.
  public var xRange: ClosedRange<Double>?
  /// Y values of dim horizontal reference lines (e.g. ρ = 0.25 and 0.75).
  public var referenceLines: [Double]
  /// X positions of event markers (`▾`) along the top of the plot (e.g. where λ was changed by hand).
  public var eventMarkers: [Double]
  /// The glyphs to draw with.
  public var glyphs: GlyphSet
  /// The text shown when no series has a point.
  public var emptyMessage: String
  /// Whether the first row holds the title, legend and caption (false when a panel frame shows them).
  public var showsTitleRow = true

  /// Creates a chart.
  public init(
    title: String = "", series: [ChartSeries] = [], scale: AxisScale = .linear, yRange: ClosedRange<Double>? = nil,
    xRange: ClosedRange<Double>? = nil, referenceLines: [Double] = [], eventMarkers: [Double] = [],
    glyphs: GlyphSet = .unicode, emptyMessage: String = "no data yet"
  ) {
    self.title = title
    self.series = series
    self.scale = scale
    self.yRange = yRange
    self.xRange = xRange
    self.referenceLines = referenceLines
    self.eventMarkers = eventMarkers
    self.glyphs = glyphs
    self.emptyMessage = emptyMessage
  }

  /// What a render placed, for callers and tests.
  public struct Summary: Equatable, Sendable {
    /// The cells the dots were plotted into.
    public var plotRect: Rect
    /// Points that could not be placed (each drawn as a gap marker).
    public var gaps: Int
    /// Points above / below the y range (each drawn at the edge with a `▲`/`▼`).
    public var above: Int, below: Int
  }

  /// Draws the chart inside `rect` and returns what was placed.
  @discardableResult
  public func render(into canvas: inout Canvas, rect: Rect) -> Summary {
    var summary = Summary(plotRect: Rect(x: rect.x, y: rect.y, width: 0, height: 0), gaps: 0, above: 0, below: 0)
    guard !rect.isEmpty else { return summary }
    canvas.clear(rect.intersection(canvas.bounds))
    let gapCount = series.reduce(0) { n, s in n + s.ys.filter { scale.gapReason($0) != nil }.count }
    let hasTitle = showsTitleRow && (rect.height >= 2 || series.allSatisfy(\.isEmpty))
    if hasTitle { drawTitleRow(into: &canvas, rect: rect, gaps: gapCount) }
    let layout = Layout(rect: rect, hasTitle: hasTitle, chart: self)
    summary.plotRect = layout.plot
    guard !layout.plot.isEmpty else { return summary }
    if series.allSatisfy(\.isEmpty) {
      let msg = emptyMessage.truncated(to: layout.plot.width, ellipsis: glyphs.ellipsis)
      let x = layout.plot.x + (layout.plot.width - msg.unicodeScalars.count) / 2
      canvas.text(x, layout.plot.y + (layout.plot.height - 1) / 2, msg, role: .muted, clip: rect)
      drawAxes(into: &canvas, layout: layout, rect: rect, xTicks: [])
      return summary
    }
    drawAxes(into: &canvas, layout: layout, rect: rect, xTicks: layout.xTicks)
    plot(into: &canvas, layout: layout, rect: rect, summary: &summary)
    return summary
  }

  /// The y range actually drawn: the clamped window, the given range, or the data's range.
  public var effectiveYRange: ClosedRange<Double> {
    if let fixed = scale.fixedRange { return fixed }
    if let r = yRange, scale.transform(r.lowerBound) != nil, scale.transform(r.upperBound) != nil { return r }
    var auto = AutoRange(scale: scale, padding: 0)
    return auto.update(with: series.lazy.flatMap(\.ys)) ?? (scale.isLog ? 0.1...10 : 0...1)
  }

  /// The x range actually drawn: the given range or the data's, at least one unit wide.
  public var effectiveXRange: ClosedRange<Double> {
    if let r = xRange { return r }
    let xs = series.lazy.flatMap(\.xs).filter(\.isFinite)
    guard let lo = xs.min(), let hi = xs.max() else { return 0...1 }
    return lo...(hi > lo ? hi : lo + 1)
  }

  func drawTitleRow(into canvas: inout Canvas, rect: Rect, gaps: Int) {
    let caption = scale.caption(glyphs: glyphs)
    var right = rect.maxX
    if !caption.isEmpty, rect.width >= caption.unicodeScalars.count + 4 {
      right -= caption.unicodeScalars.count
      canvas.text(right, rect.y, caption, role: .muted, clip: rect)
      right -= 1
    }
    if gaps > 0 {
      let g = String(glyphs.gap) + String(gaps)
      if right - rect.x >= g.unicodeScalars.count + 4 {
        right -= g.unicodeScalars.count
        canvas.text(right, rect.y, g, role: .bad, bold: true, clip: rect)
        right -= 1
      }
    }
    let titleClip = Rect(x: rect.x, y: rect.y, width: right - rect.x, height: 1)
    var x = canvas.text(
      rect.x, rect.y, title, width: titleClip.width, role: .title, bold: true, ellipsis: glyphs.ellipsis,
      clip: titleClip)
    guard series.count > 1 else { return }
    for s in series where !s.name.isEmpty {
      let name = (glyphs.usesBraille ? "" : s.asciiMarker.map { String($0) } ?? "") + s.name
      guard x + 2 + name.unicodeScalars.count <= titleClip.maxX else { break }
      x = canvas.text(x + 2, rect.y, name, role: s.role, clip: titleClip)
    }
  }
}
