#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The program's one number formatter (screen, command-line tables, confirmations, settings):
/// pure Swift, no locale, no Foundation.
public enum NumberFormat {
  /// `x` with `significant` digits (3 by default) in at most `significant + 4` characters,
  /// scientific below 1e-3 and from 1e5 on: `0.0123`, `1.5`, `150`, `12345`, `2.5e-4`, `1.23e6`,
  /// `NaN`, `+Inf`, `-Inf`.
  ///
  /// Negative numbers that would not fit lose a significant digit (`-0.0012`, `-1.2e-4`).
  /// Infinities use an ASCII hyphen so the text stays printable without UTF-8.
  public static func compact(_ x: Double, significant: Int = 3) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "+Inf" : "-Inf" }
    if x == 0 { return "0" }
    let sig = max(1, min(significant, 15))
    let width = sig + 4
    let a = abs(x)
    if a >= 1e-3 && a < 1e5 {
      var decimals = max(0, sig - 1 - decimalExponent(a))
      while true {
        let s = trimZeros(fixed(x, decimals: decimals))
        if abs(Double(s) ?? 0) >= 1e5 { break }  // rounded up into scientific territory
        if s.count <= width || decimals == 0 { return s }
        decimals -= 1
      }
    }
    var digits = sig
    var s = scientific(x, significant: digits)
    while s.count > width && digits > 1 {
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

  /// floor(log10(a)) for a > 0, corrected for rounding in log10.
  public static func decimalExponent(_ a: Double) -> Int {
    var e = Int(log10(a).rounded(.down))
    if power10(e) > a { e -= 1 } else if power10(e + 1) <= a { e += 1 }
    return e
  }

  /// 10^e.
  public static func power10(_ e: Int) -> Double { pow(10, Double(e)) }

  /// A decimal without trailing zeros after the point ("1.50" → "1.5", "2.0" → "2", "-0" → "0").
  public static func trimZeros(_ s: String) -> String {
    guard s.contains(".") else { return s }
    var t = Substring(s)
    while t.hasSuffix("0") { t = t.dropLast() }
    if t.hasSuffix(".") { t = t.dropLast() }
    return t == "-0" ? "0" : String(t)
  }
}
