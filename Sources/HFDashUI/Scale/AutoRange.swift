/// An axis range that follows the visible data with hysteresis, so the axis does not jitter frame to frame.
///
/// The range expands at once when data leave it, and shrinks only when the data span less than
/// `shrinkBelow` of it (in axis space: decades on a log scale). `.clamped` scales always report their window.
public struct AutoRange: Equatable, Sendable {
  /// The scale whose axis space the hysteresis works in.
  public var scale: AxisScale
  /// The current range, `nil` until data with at least one placeable value arrived.
  public private(set) var range: ClosedRange<Double>?
  /// Shrink when the data occupy less than this fraction of the current span.
  public var shrinkBelow: Double
  /// Margin added on both sides when the range is (re)fitted, as a fraction of the data span.
  public var padding: Double
  /// When true, `update` leaves the range alone (the user froze the view).
  public var isFrozen: Bool

  /// Creates an empty auto range for `scale`.
  public init(scale: AxisScale, shrinkBelow: Double = 0.5, padding: Double = 0.05, isFrozen: Bool = false) {
    self.scale = scale
    self.shrinkBelow = shrinkBelow
    self.padding = padding
    self.isFrozen = isFrozen
    self.range = scale.fixedRange
  }

  /// Feeds the currently visible values and returns the range to draw with (gaps are ignored here).
  @discardableResult
  public mutating func update(with values: some Sequence<Double>) -> ClosedRange<Double>? {
    if let fixed = scale.fixedRange {
      range = fixed
      return range
    }
    guard !isFrozen, let data = scale.dataRange(of: values),
      let dLo = scale.transform(data.lowerBound), let dHi = scale.transform(data.upperBound)
    else { return range }
    guard let current = range, let cLo = scale.transform(current.lowerBound),
      let cHi = scale.transform(current.upperBound)
    else {
      range = fitted(dLo, dHi)
      return range
    }
    let outside = dLo < cLo || dHi > cHi
    let occupied = (dHi - dLo) / Swift.max(cHi - cLo, .leastNormalMagnitude)
    if outside || occupied < shrinkBelow { range = fitted(dLo, dHi) }
    return range
  }

  /// Forgets the current range (e.g. when the user switches scale).
  public mutating func reset() { range = scale.fixedRange }

  /// A padded range around [lo, hi] (axis space), widened when the data are a single value.
  func fitted(_ lo: Double, _ hi: Double) -> ClosedRange<Double> {
    let span = hi - lo
    if span <= 0 {
      let half = scale.isLog ? 0.5 : (lo != 0 ? abs(lo) * 0.1 : 1)
      return scale.inverse(lo - half)...scale.inverse(hi + half)
    }
    return scale.inverse(lo - span * padding)...scale.inverse(hi + span * padding)
  }
}
