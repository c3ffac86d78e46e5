#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Compact number and duration formatting for dashboards (pure Swift; no locale, no Foundation).
public enum Format {
  /// A value in at most 7 characters with 3 significant digits, scientific below 1e-3 and from 1e5 on:
  /// `0.0123`, `1.5`, `150`, `12345`, `2.5e-4`, `1.23e6`, `NaN`, `+Inf`, `-Inf`.
  ///
  /// Negative numbers that would not fit lose a significant digit (`-0.0012`, `-1.2e-4`).
  /// Infinities use an ASCII hyphen so the text stays printable without UTF-8.
  public static func compact(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "+Inf" : "-Inf" }
    if x == 0 { return "0" }
    let a = abs(x)
    if a >= 1e-3 && a < 1e5 {
      var decimals = max(0, 2 - decimalExponent(a))
      while true {
        let s = trimZeros(fixed(x, decimals: decimals))
        if abs(Double(s) ?? 0) >= 1e5 { break }  // rounded up into scientific territory
        if s.count <= 7 || decimals == 0 { return s }
        decimals -= 1
      }
    }
    var digits = 3
    var s = scientific(x, significant: digits)
    while s.count > 7 && digits > 1 {
      digits -= 1
      s = scientific(x, significant: digits)
    }
    return s
  }

  /// `x` rounded to `decimals` places, e.g. `fixed(3.14159, decimals: 2)` is "3.14" (no trimming).
  public static func fixed(_ x: Double, decimals: Int) -> String {
    if !x.isFinite { return compact(x) }
    let d = max(0, min(decimals, 15))
    let scaled = (abs(x) * power10(d)).rounded()
    guard scaled < 9e18 else { return scientific(x, significant: 3) }
    let n = UInt64(scaled)
    var digits = String(n)
    if d > 0 {
      if digits.count <= d { digits = String(repeating: "0", count: d - digits.count + 1) + digits }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -d))
    }
    return (x < 0 && n != 0 ? "-" : "") + digits
  }

  /// `x` in scientific notation with at most `significant` digits and a bare exponent: "2.5e-4", "1e5".
  public static func scientific(_ x: Double, significant: Int) -> String {
    if !x.isFinite { return compact(x) }
    if x == 0 { return "0" }
    let sig = max(1, min(significant, 15))
    var e = decimalExponent(abs(x))
    var m = abs(x) / power10(e)
    let unit = power10(sig - 1)
    m = (m * unit).rounded() / unit
    if m >= 10 {
      m /= 10
      e += 1
    }
    let mantissa = trimZeros(fixed(m, decimals: sig - 1))
    return (x < 0 ? "-" : "") + mantissa + "e" + String(e)
  }

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

  /// floor(log10(a)) for a > 0, corrected for rounding in log10.
  static func decimalExponent(_ a: Double) -> Int {
    var e = Int(log10(a).rounded(.down))
    if power10(e) > a { e -= 1 } else if power10(e + 1) <= a { e += 1 }
    return e
  }

  static func power10(_ e: Int) -> Double { pow(10, Double(e)) }

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

  static func trimZeros(_ s: String) -> String {
    guard s.contains(".") else { return s }
    var t = Substring(s)
    while t.hasSuffix("0") { t = t.dropLast() }
    if t.hasSuffix(".") { t = t.dropLast() }
    return t == "-0" ? "0" : String(t)
  }

  static func twoDigits(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
}
