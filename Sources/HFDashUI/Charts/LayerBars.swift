import HFCanvas
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Per-layer magnitudes (e.g. gradient norms) as aligned `BarRow`s on one shared log scale, with a decade ruler.
///
/// ```
/// W1 ▕█████████▋   ▏ 2.1e-2  ▅▅▆▆▇
/// W2 ▕██████▏      ▏ 3.2e-4  ▃▃▄▄▄
/// W3 ▕▍            ▏ 1.1e-9  ▁▁▁▁▁     ← vanishing: short bar, `warn` role
///    log₁₀ 1e-9 1e-6  1e-3   1
/// ```
/// The range spans whole decades around every current and past value, so bar lengths compare across rows.
/// Rows more than `vanishingDecades` below the largest current value are drawn in the `warn` role;
/// zero or non-finite values show `×` in `bad`. Rows that do not fit end in a "… N more" line.
public struct LayerBars: Sendable {
  /// One layer's data.
  public struct Layer: Sendable {
    public var label: String
    public var value: Double
    public var history: [Double]
    /// Creates a layer row's data.
    public init(label: String, value: Double, history: [Double] = []) {
      self.label = label
      self.value = value
      self.history = history
    }
  }

  /// The layers, top to bottom.
  public var layers: [Layer]
  /// The shared value range; `nil` spans the data in whole decades.
  public var range: ClosedRange<Double>?
  /// How many decades below the largest value a layer counts as vanishing.
  public var vanishingDecades: Double
  /// The glyphs to draw with.
  public var glyphs: GlyphSet

  /// Creates the widget.
  public init(
    layers: [Layer], range: ClosedRange<Double>? = nil, vanishingDecades: Double = 3, glyphs: GlyphSet = .unicode
  ) {
    self.layers = layers
    self.range = range
    self.vanishingDecades = vanishingDecades
    self.glyphs = glyphs
  }

  /// The shared range: the given one, or whole decades around all positive finite values (1e-3…1 when none).
  public var effectiveRange: ClosedRange<Double> {
    if let range, range.lowerBound > 0 { return range }
    let all = layers.lazy.flatMap { [$0.value] + $0.history }
    guard let data = AxisScale.log10.dataRange(of: all) else { return 1e-3...1 }
    var lo = decimalLog(data.lowerBound).rounded(.down)
    var hi = decimalLog(data.upperBound).rounded(.up)
    if hi <= lo { (lo, hi) = (lo - 1, lo + 1) }
    return pow(10, lo)...pow(10, hi)
  }

  /// Whether `value` counts as vanishing next to the largest current value.
  public func isVanishing(_ value: Double) -> Bool {
    guard let top = layers.map(\.value).filter({ $0.isFinite && $0 > 0 }).max(), value > 0 else { return false }
    return decimalLog(top) - decimalLog(value) > vanishingDecades
  }

  /// Draws one row per layer (and the ruler when there is room) into `rect`.
  public func render(into canvas: inout Canvas, rect: Rect) {
    guard !rect.isEmpty else { return }
    canvas.clear(rect.intersection(canvas.bounds))
    let r = effectiveRange
    let labelW = min(10, layers.map(\.label.unicodeScalars.count).max() ?? 0)
    let columns = BarRow.Columns(
      width: rect.width, labelWidth: labelW, historyCount: layers.map(\.history.count).max() ?? 0)
    let fits = layers.count <= rect.height
    let shownRows = fits ? layers.count : rect.height - 1
    for (i, layer) in layers.prefix(max(0, shownRows)).enumerated() {
      let row = BarRow(
        label: layer.label, value: layer.value, history: layer.history, range: r,
        role: isVanishing(layer.value) ? .warn : .series1, glyphs: glyphs)
      row.render(into: &canvas, rect: Rect(x: rect.x, y: rect.y + i, width: rect.width, height: 1), columns: columns)
    }
    if !fits {
      let more = String(glyphs.ellipsis) + " " + String(layers.count - shownRows) + " more"
      canvas.text(rect.x, rect.maxY - 1, more, width: rect.width, role: .muted, ellipsis: glyphs.ellipsis, clip: rect)
    } else if layers.count < rect.height, columns.bar >= 6 {
      drawRuler(into: &canvas, rect: rect, y: rect.y + layers.count, columns: columns, range: r)
    }
  }

  func drawRuler(into canvas: inout Canvas, rect: Rect, y: Int, columns: BarRow.Columns, range: ClosedRange<Double>) {
    let barX = rect.x + (columns.label > 0 ? columns.label + 1 : 0) + 1
    if columns.label >= glyphs.logCaption.unicodeScalars.count {
      canvas.text(rect.x, y, glyphs.logCaption, role: .muted, clip: rect)
    }
    // The ends of the range first, then the decades in between that fit.
    let ends = [range.lowerBound, range.upperBound].map { v in
      AxisTick(value: v, label: Format.decade(Int(decimalLog(v).rounded())))
    }
    let inner = NiceTicks.log10(range.lowerBound, range.upperBound, maxCount: max(2, columns.bar / 5))
    var labels = LabelRow(from: barX, to: barX + columns.bar)
    for (i, tick) in (ends + inner).enumerated() {
      guard let f = BarRow.fraction(of: tick.value, in: range) else { continue }
      let anchor: LabelRow.Anchor = i == 0 ? .leading : i == 1 ? .trailing : .center
      let column = barX + min(columns.bar - 1, Int((f * Double(columns.bar)).rounded()))
      guard let start = labels.place(width: tick.label.unicodeScalars.count, at: column, anchor: anchor) else {
        continue
      }
      canvas.text(start, y, tick.label, role: .muted, clip: rect)
    }
  }
}
