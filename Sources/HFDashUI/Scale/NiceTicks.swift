#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// "Nice" tick positions: 1-2-5 steps on linear axes, decades (or sub-decade 1-2-5 ticks) on log axes.
public enum NiceTicks {
  /// The smallest 1, 2 or 5 × 10^k that is ≥ `raw`.
  public static func niceStep(_ raw: Double) -> Double {
    guard raw.isFinite, raw > 0 else { return 1 }
    let e = Double(Format.decimalExponent(raw))
    let base = pow(10, e)
    for m in [1.0, 2, 5, 10] where m * base >= raw * (1 - 1e-9) { return m * base }
    return 10 * base
  }

  /// Linear ticks k·step within [lo, hi], with a 1-2-5 step giving at most `maxCount` ticks (and a step ≥ `minStep`).
  public static func linear(_ lo: Double, _ hi: Double, maxCount: Int, minStep: Double = 0) -> [AxisTick] {
    guard lo.isFinite, hi.isFinite, maxCount >= 1 else { return [] }
    let (a, b) = (Swift.min(lo, hi), Swift.max(lo, hi))
    if a == b { return [AxisTick(value: a, label: Format.compact(a))] }
    var step = niceStep(Swift.max((b - a) / Double(Swift.max(1, maxCount - 1)), minStep))
    var ticks = multiples(of: step, from: a, to: b)
    while ticks.count > maxCount {
      step = niceStep(step * 1.01)
      ticks = multiples(of: step, from: a, to: b)
    }
    return ticks.map { AxisTick(value: $0, label: Format.tick($0, step: step)) }
  }

  /// Log ticks within [lo, hi] (both > 0): every decade, or every k-th decade when there are too many;
  /// for ranges under about a decade, 1-2-5 (then 1…9) multiples of the decades, falling back to linear ticks.
  public static func log10(_ lo: Double, _ hi: Double, maxCount: Int) -> [AxisTick] {
    guard lo > 0, hi > 0, lo.isFinite, hi.isFinite, maxCount >= 1 else { return [] }
    let (a, b) = (Swift.min(lo, hi), Swift.max(lo, hi))
    let tol = 1e-9
    let e0 = Int((decimalLog(a) - tol).rounded(.up))
    let e1 = Int((decimalLog(b) + tol).rounded(.down))
    let decades = e1 >= e0 ? Array(e0...e1) : []
    if decades.count >= 2 {
      var every = 1
      while (decades.count + every - 1) / every > maxCount { every += 1 }
      return decades.filter { ($0 - e0) % every == 0 }.map {
        AxisTick(value: pow(10, Double($0)), label: Format.decade($0))
      }
    }
    for mantissas in [[1.0, 2, 5], [1.0, 2, 3, 4, 5, 6, 7, 8, 9]] {
      var values: [Double] = []
      for e in (e0 - 1)...(e1 + 1) {
        for m in mantissas {
          let v = m * pow(10, Double(e))
          if v >= a * (1 - tol) && v <= b * (1 + tol) { values.append(v) }
        }
      }
      if values.count >= 2 && values.count <= maxCount {
        return values.map { v in
          let e = Format.decimalExponent(v)
          let isDecade = abs(v - pow(10, Double(e))) <= tol * v
          return AxisTick(value: v, label: isDecade ? Format.decade(e) : Format.tick(v, step: pow(10, Double(e))))
        }
      }
    }
    return linear(a, b, maxCount: maxCount)
  }

  /// The multiples of `step` in [a, b], snapped so 3 × 0.2 is exactly 0.6.
  static func multiples(of step: Double, from a: Double, to b: Double) -> [Double] {
    let k0 = (a / step - 1e-9).rounded(.up)
    let k1 = (b / step + 1e-9).rounded(.down)
    guard k1 >= k0, k1 - k0 < 10_000 else { return [] }
    let decimals = Format.decimalsNeeded(step)
    let unit = pow(10, Double(decimals))
    return stride(from: k0, through: k1, by: 1).map { k in
      let v = k * step
      return decimals <= 12 ? (v * unit).rounded() / unit : v
    }
  }
}
