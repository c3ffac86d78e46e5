/// The valid values of one numeric setting, and how to say them in an error sentence: "≥ 0",
/// "> 0", "at least 1", "from 0 to 1", "in [0, 1)". Non-finite numbers are never valid.
public struct SettingBounds: Sendable, Equatable {
  public var lower: Double
  public var lowerInclusive: Bool
  /// nil: no upper bound (beyond finiteness, or `Int.max` for whole numbers).
  public var upper: Double?
  public var upperInclusive: Bool
  /// Whether only whole numbers are valid.
  public var whole: Bool

  /// Bounds from their parts.
  public init(lower: Double, lowerInclusive: Bool = true, upper: Double? = nil, upperInclusive: Bool = true, whole: Bool = false) {
    self.lower = lower
    self.lowerInclusive = lowerInclusive
    self.upper = upper
    self.upperInclusive = upperInclusive
    self.whole = whole
  }

  /// A closed range of numbers (an upper bound of `greatestFiniteMagnitude` means none).
  public init(_ range: ClosedRange<Double>) {
    self.init(lower: range.lowerBound, upper: range.upperBound == .greatestFiniteMagnitude ? nil : range.upperBound)
  }

  /// A closed range of whole numbers (an upper bound of `Int.max` means none).
  public init(_ range: ClosedRange<Int>) {
    self.init(lower: Double(range.lowerBound), upper: range.upperBound == .max ? nil : Double(range.upperBound), whole: true)
  }

  /// x ≥ lower.
  public static func atLeast(_ lower: Double) -> SettingBounds { SettingBounds(lower: lower) }
  /// x > lower.
  public static func above(_ lower: Double) -> SettingBounds { SettingBounds(lower: lower, lowerInclusive: false) }
  /// A whole number ≥ lower.
  public static func count(atLeast lower: Int) -> SettingBounds { SettingBounds(lower: Double(lower), whole: true) }

  /// Whether `x` is finite and within the bounds (and whole when it must be).
  public func contains(_ x: Double) -> Bool {
    guard x.isFinite, !whole || x == x.rounded() else { return false }
    guard lowerInclusive ? x >= lower : x > lower else { return false }
    guard let upper else { return true }
    return upperInclusive ? x <= upper : x < upper
  }

  /// Whether the whole number `n` is within the bounds.
  public func contains(_ n: Int) -> Bool { contains(Double(n)) }

  /// What a valid value is: "≥ 0", "> 0", "at least 1", "from 0 to 1", "in [0, 1)".
  public var phrase: String {
    func text(_ x: Double) -> String { whole && abs(x) < 1e15 ? String(Int(x)) : NumberFormat.compact(x) }
    let lo = text(lower)
    guard let upper else {
      if whole { return "at least " + (lowerInclusive ? lo : text(lower + 1)) }
      return (lowerInclusive ? "≥ " : "> ") + lo
    }
    let hi = text(upper)
    if lowerInclusive && upperInclusive { return "from \(lo) to \(hi)" }
    return "in " + (lowerInclusive ? "[" : "(") + lo + ", " + hi + (upperInclusive ? "]" : ")")
  }

  /// The one-sentence error for a value out of bounds: "--lambda must be ≥ 0 (got -1)."
  public func sentence(_ subject: String, got text: String) -> String {
    "\(subject) must be \(phrase) (got \(text))."
  }

  /// The sentence for `x`, nil when it is valid.
  public func check(_ x: Double, _ subject: String) -> String? {
    contains(x) ? nil : sentence(subject, got: whole && x.isFinite && abs(x) < 1e15 && x == x.rounded() ? String(Int(x)) : NumberFormat.compact(x))
  }
}
