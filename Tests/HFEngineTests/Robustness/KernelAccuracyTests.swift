import CKernels
import Foundation
import HFEngine
import Testing

/// The single-precision C kernels (Sources/CKernels) against a Double reference, in ulps of the
/// correctly rounded result, over every 61st float of their domains (~3.6·10⁷ points per
/// function). An exhaustive sweep of all 2³² floats with the same code (clang -O2, contract off)
/// measured the maxima these bounds hold: e^x 0.992 ulp (at −81.39), log(1 + x) 2.879 ulp (at
/// 0.0311), σ(x) 2.402 ulp (at −4.157).
@Suite("Float kernels: ulp error against Double")
struct KernelAccuracyTests {
  /// |f − r| in units of the float spacing at r.
  static func ulps(_ f: Float, _ r: Double) -> Double {
    let rounded = abs(Float(r))
    return abs(Double(f) - r) / Double(rounded.nextUp - rounded)
  }

  /// Every `stride`-th float of [low, high] (by bit pattern, both signs), in chunks.
  static func sweep(_ low: Float, _ high: Float, stride step: Int = 61, _ body: ([Float]) -> Void) {
    var chunk: [Float] = []
    chunk.reserveCapacity(1 << 20)
    func add(_ x: Float) {
      chunk.append(x)
      if chunk.count == 1 << 20 {
        body(chunk)
        chunk.removeAll(keepingCapacity: true)
      }
    }
    if high >= 0 {
      for b in Swift.stride(from: UInt32(0), through: high.bitPattern, by: step) where Float(bitPattern: b) >= low {
        add(Float(bitPattern: b))
      }
    }
    if low < 0 {
      for b in Swift.stride(from: UInt32(1), through: (-low).bitPattern, by: step) { add(-Float(bitPattern: b)) }
    }
    if !chunk.isEmpty { body(chunk) }
  }

  @Test("e^x on [−87, 88]: at most 1 ulp, and the Swift mirror agrees bit for bit")
  func exponential() {
    var worst = 0.0, points = 0
    Self.sweep(-87, 88) { xs in
      var out = [Float](repeating: 0, count: xs.count)
      hf_exp_kernel(&out, xs, xs.count)
      for (x, y) in zip(xs, out) {
        worst = Swift.max(worst, Self.ulps(y, Foundation.exp(Double(x))))
        if y.bitPattern != Float.vexp(x).bitPattern { Issue.record("Float.vexp(\(x)) differs from the C kernel") }
      }
      points += xs.count
    }
    #expect(points > 30_000_000)
    print("e^x: max \(worst) ulp over \(points) floats in [−87, 88]")
    #expect(worst <= 1.0, "max ulp \(worst)")
    #expect(worst > 0.5, "the sweep sees the kernel's rounding (max \(worst) ulp)")
  }

  @Test("log(1 + x) on [0, 1]: at most 3 ulp, and the Swift mirror agrees bit for bit")
  func logarithm() {
    var worst = 0.0
    Self.sweep(0, 1, stride: 31) { xs in
      var out = [Float](repeating: 0, count: xs.count)
      hf_log1p_unit_kernel(&out, xs, xs.count)
      for (x, y) in zip(xs, out) {
        if x == 0 { #expect(y == 0); continue }
        worst = Swift.max(worst, Self.ulps(y, Foundation.log1p(Double(x))))
        if y.bitPattern != Float.vlog1pUnit(x).bitPattern { Issue.record("Float.vlog1pUnit(\(x)) differs from the C kernel") }
      }
    }
    print("log(1 + x): max \(worst) ulp over every 31st float in [0, 1]")
    #expect(worst <= 3.0, "max ulp \(worst)")
    #expect(worst > 1.0)
  }

  @Test("the logistic kernel σ(x) on [−87, 87]: at most 2.5 ulp")
  func logistic() {
    var worst = 0.0
    Self.sweep(-87, 87) { xs in
      var y = xs
      let zero = [Float](repeating: 0, count: xs.count)
      hf_logistic_adding_bias(&y, zero, xs.count)
      for (x, s) in zip(xs, y) { worst = Swift.max(worst, Self.ulps(s, 1 / (1 + Foundation.exp(-Double(x))))) }
    }
    print("σ(x): max \(worst) ulp over every 61st float in [−87, 87]")
    #expect(worst <= 2.5, "max ulp \(worst)")
    #expect(worst > 1.0)
  }
}
