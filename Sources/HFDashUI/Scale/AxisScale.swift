import HFCanvas
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How values map onto a chart axis: linear, base-10 logarithmic, or linear inside a fixed window.
public enum AxisScale: Hashable, Sendable {
  /// Linear over the range the chart is given (usually from `AutoRange`).
  case linear
  /// Base-10 logarithmic over the range the chart is given; non-positive values are gaps.
  case log10
  /// Linear over the fixed window [lo, hi]; values outside it are reported as `.above`/`.below`.
  case clamped(Double, Double)

  /// The fixed window of a `.clamped` scale, `nil` for scales that follow the data.
  public var fixedRange: ClosedRange<Double>? {
    if case .clamped(let lo, let hi) = self { return Swift.min(lo, hi)...Swift.max(lo, hi) }
    return nil
  }

  /// Whether the scale is logarithmic.
  public var isLog: Bool { self == .log10 }

  /// The value in axis space (its log10 on a log axis), or `nil` if it cannot be placed (NaN, ±Inf, ≤ 0 on log).
  public func transform(_ value: Double) -> Double? {
    guard value.isFinite else { return nil }
    if isLog { return value > 0 ? decimalLog(value) : nil }
    return value
  }

  /// The value whose axis-space coordinate is `t` (inverse of `transform`).
  public func inverse(_ t: Double) -> Double { isLog ? pow(10, t) : t }

  /// Why `value` cannot be placed on this scale, or `nil` if it can.
  public func gapReason(_ value: Double) -> GapReason? {
    if value.isNaN { return .nan }
    if value.isInfinite { return .infinite }
    if isLog && value <= 0 { return .nonPositive }
    return nil
  }

  /// Where `value` lands on an axis showing `range` (a `.clamped` scale always uses its own window).
  public func position(of value: Double, in range: ClosedRange<Double>) -> AxisPosition {
    if let reason = gapReason(value) { return .gap(reason) }
    let r = fixedRange ?? range
    guard let t = transform(value), let lo = transform(r.lowerBound), let hi = transform(r.upperBound) else {
      return .gap(.nonPositive)  // a log axis over a non-positive range: nothing can be placed
    }
    if t < lo - 1e-12 * Swift.max(1, abs(lo)) { return .below }
    if t > hi + 1e-12 * Swift.max(1, abs(hi)) { return .above }
    return .inside(hi > lo ? Swift.min(1, Swift.max(0, (t - lo) / (hi - lo))) : 0.5)
  }

  /// The fraction (0 = bottom, 1 = top) of `value` on an axis showing `range`, unclamped; `nil` for gaps.
  public func fraction(of value: Double, in range: ClosedRange<Double>) -> Double? {
    let r = fixedRange ?? range
    guard let t = transform(value), let lo = transform(r.lowerBound), let hi = transform(r.upperBound) else {
      return nil
    }
    return hi > lo ? (t - lo) / (hi - lo) : 0.5
  }

  /// The range of the values that can be placed on this scale, or `nil` when there are none.
  public func dataRange(of values: some Sequence<Double>) -> ClosedRange<Double>? {
    var lo = Double.infinity
    var hi = -Double.infinity
    for v in values where gapReason(v) == nil {
      lo = Swift.min(lo, v)
      hi = Swift.max(hi, v)
    }
    return lo <= hi ? lo...hi : nil
  }

  /// Nice ticks with compact labels for an axis showing `range`, at most about `maxCount` of them.
  public func ticks(in range: ClosedRange<Double>, maxCount: Int) -> [AxisTick] {
    let r = fixedRange ?? range
    if isLog { return NiceTicks.log10(r.lowerBound, r.upperBound, maxCount: maxCount) }
    return NiceTicks.linear(r.lowerBound, r.upperBound, maxCount: maxCount)
  }

  /// What the axis shows, for its caption: "" (linear), "log₁₀" / "log10", "clamped [-1,1.5]".
  public func caption(glyphs: GlyphSet = .unicode) -> String {
    switch self {
    case .linear: ""
    case .log10: glyphs.logCaption
    case .clamped(let lo, let hi):
      "clamped [" + Format.compact(Swift.min(lo, hi)) + "," + Format.compact(Swift.max(lo, hi)) + "]"
    }
  }
}

/// Where a value lands on an axis.
public enum AxisPosition: Equatable, Sendable {
  /// Inside the range, at this fraction from the bottom (0…1).
  case inside(Double)
  /// Above the top of the range (clamped or frozen axes).
  case above
  /// Below the bottom of the range.
  case below
  /// Not placeable at all; drawn as a gap marker, never as zero.
  case gap(GapReason)
}

/// Why a value could not be placed on an axis.
public enum GapReason: Equatable, Sendable {
  case nan, infinite, nonPositive
}

/// A tick on an axis: its value and its compact label.
public struct AxisTick: Equatable, Sendable {
  public var value: Double
  public var label: String
  /// Creates a tick.
  public init(value: Double, label: String) {
    self.value = value
    self.label = label
  }
}

/// log10(x), named so it does not clash with `AxisScale.log10` and `NiceTicks.log10`.
@inline(__always) func decimalLog(_ x: Double) -> Double { log10(x) }
