import HFEngine

/// Axis labels and durations for dashboards; numbers come from HFEngine's `NumberFormat`.
public enum Format {
  /// A value in at most 7 characters with 3 significant digits (`NumberFormat.compact`, the
  /// program's one number format): `0.0123`, `1.5`, `2.5e-4`, `+Inf`.
  public static func compact(_ x: Double) -> String { NumberFormat.compact(x) }

  /// `x` rounded to `decimals` places (`NumberFormat.fixed`).
  public static func fixed(_ x: Double, decimals: Int) -> String { NumberFormat.fixed(x, decimals: decimals) }

  /// `x` in scientific notation with a bare exponent (`NumberFormat.scientific`).
  public static func scientific(_ x: Double, significant: Int) -> String { NumberFormat.scientific(x, significant: significant) }

  /// A short axis label for a tick `value` on an axis whose ticks are `step` apart: "0.25", "150", "2.5k", "1e-3".
  ///
  /// Picks the shortest of a plain decimal, a `k` form (for |v| ≥ 1000) and scientific; ties go to the decimal.
  public static func tick(_ value: Double, step: Double) -> String {
    if !value.isFinite { return compact(value) }
    if value == 0 || abs(value) < abs(step) * 1e-9 { return "0" }
    let decimals = decimalsNeeded(step)
    var best = trimZeros(fixed(value, decimals: decimals))
    if abs(value) >= 1000 {
      let k = trimZeros(fixed(value / 1000, decimals: decimalsNeeded(step / 1000))) + "k"
      if k.count <= best.count { best = k }
    }
    let stepExponent = decimalExponent(abs(step))
    let stepDigits = decimalsNeeded(abs(step) / power10(stepExponent)) + 1
    let sigDigits = max(1, decimalExponent(abs(value)) - stepExponent + stepDigits)
    let sci = scientific(value, significant: min(sigDigits, 4))
    if sci.count < best.count { best = sci }
    return best
  }

  /// The label of the decade 10^exponent: "1", "10", "100", "1k", otherwise "1e-2", "1e4".
  public static func decade(_ exponent: Int) -> String {
    switch exponent {
    case 0: "1"
    case 1: "10"
    case 2: "100"
    case 3: "1k"
    default: "1e" + String(exponent)
    }
  }

  /// A duration in at most 6 characters: "850ms", "12.3s", "3m05s", "1h02m", "2d03h"; "--" when negative or not finite.
  public static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "--" }
    let ms = Int((seconds * 1000).rounded())
    if ms < 1000 { return String(ms) + "ms" }
    let tenths = (seconds * 10).rounded() / 10
    if tenths < 60 { return fixed(tenths, decimals: 1) + "s" }
    let secs = Int(seconds.rounded())
    if secs < 3600 { return String(secs / 60) + "m" + twoDigits(secs % 60) + "s" }
    let mins = Int((seconds / 60).rounded())
    if mins < 24 * 60 { return String(mins / 60) + "h" + twoDigits(mins % 60) + "m" }
    let hours = Int((seconds / 3600).rounded())
    return String(hours / 24) + "d" + twoDigits(hours % 24) + "h"
  }

  // MARK: helpers

  static func decimalExponent(_ a: Double) -> Int { NumberFormat.decimalExponent(a) }
  static func power10(_ e: Int) -> Double { NumberFormat.power10(e) }

  /// The number of decimals that represent multiples of `step` exactly (0.25 → 2, 5 → 0, 0.1 → 1).
  static func decimalsNeeded(_ step: Double) -> Int {
    let s = abs(step)
    guard s.isFinite, s > 0 else { return 0 }
    for d in 0...12 {
      let v = s * power10(d)
      if abs(v - v.rounded()) <= 1e-6 * max(1, v) { return d }
    }
    return 12
  }

  static func trimZeros(_ s: String) -> String { NumberFormat.trimZeros(s) }

  static func twoDigits(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
}
