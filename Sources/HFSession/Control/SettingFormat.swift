import HFEngine
import Foundation

/// How setting values are written in confirmations and the command line ("1.2e-2", "45", "on").
public enum SettingFormat {
  /// Three significant digits: plain for 0.1 ≤ |x| < 1000 ("0.667", "45"), otherwise scientific
  /// with a bare exponent ("1.2e-2", "2e-5", "1.5e3"); "NaN", "inf", "-inf" when not finite.
  public static func number(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x == 0 { return "0" }
    let a = abs(x)
    if a >= 0.1 && a < 1000 {
      let plain = String(format: "%.3g", x)
      if !plain.contains("e") { return plain }
    }
    let sci = String(format: "%.2e", x)  // "-1.20e-02"
    guard let e = sci.firstIndex(of: "e"), let exponent = Int(sci[sci.index(after: e)...]) else { return sci }
    var mantissa = String(sci[..<e])
    while mantissa.hasSuffix("0") { mantissa.removeLast() }
    if mantissa.hasSuffix(".") { mantissa.removeLast() }
    return mantissa + "e" + String(exponent)
  }

  /// "on" or "off".
  public static func flag(_ value: Bool) -> String { value ? "on" : "off" }

  /// The command-line name of a curvature type ("gn", "hessian", "fisher").
  public static func curvature(_ type: CurvatureType) -> String {
    switch type {
    case .gaussNewton: "gn"
    case .hessian: "hessian"
    case .fisher: "fisher"
    }
  }
}
