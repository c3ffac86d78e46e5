import HFCanvas
/// One line of a `LineChart`: (x, y) points, a style role and an optional ASCII marker.
public struct ChartSeries: Sendable {
  /// The legend name (shown in the title row when a chart has more than one series).
  public var name: String
  /// The x values (e.g. iteration numbers), ascending.
  public var xs: [Double]
  /// The y values, one per x; NaN, ±Inf and (on log axes) non-positive values are gaps.
  public var ys: [Double]
  /// The role the series is drawn in.
  public var role: StyleRole
  /// The glyph for this series' cells with the ASCII glyph set (e.g. `*`, `+`, `o`); `nil` plots `.`/`:`/`'`.
  public var asciiMarker: Unicode.Scalar?
  /// A glyph drawn over the series' last placed point (e.g. a racer's symbol), in its role, bold.
  public var endMarker: Unicode.Scalar?
  /// Whether consecutive points are joined by lines (false: a scatter of separate dots).
  public var connected = true

  /// A series with explicit x values (`xs` and `ys` must have the same length; extra values are ignored).
  public init(
    name: String = "", xs: [Double], ys: [Double], role: StyleRole = .series1, asciiMarker: Unicode.Scalar? = nil
  ) {
    let n = min(xs.count, ys.count)
    self.name = name
    self.xs = Array(xs.prefix(n))
    self.ys = Array(ys.prefix(n))
    self.role = role
    self.asciiMarker = asciiMarker
  }

  /// A series of consecutive samples whose x values are `firstX`, `firstX + 1`, ….
  public init(
    name: String = "", values: [Double], firstX: Double = 0, role: StyleRole = .series1,
    asciiMarker: Unicode.Scalar? = nil
  ) {
    self.init(
      name: name, xs: values.indices.map { firstX + Double($0) }, ys: values, role: role, asciiMarker: asciiMarker)
  }

  /// Whether the series has no points.
  public var isEmpty: Bool { ys.isEmpty }
}
