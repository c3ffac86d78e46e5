#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

import HFDashUI
import Testing

@Suite struct AxisScaleTests {
  @Test func linearMapsProportionally() {
    #expect(AxisScale.linear.position(of: 5, in: 0...10) == .inside(0.5))
    #expect(AxisScale.linear.position(of: 0, in: 0...10) == .inside(0))
    #expect(AxisScale.linear.position(of: 12, in: 0...10) == .above)
    #expect(AxisScale.linear.position(of: -1, in: 0...10) == .below)
    #expect(AxisScale.linear.fraction(of: 2.5, in: 0...10) == 0.25)
  }

  @Test func logMapsDecadesEvenly() throws {
    let f = try #require(AxisScale.log10.fraction(of: 1e-2, in: 1e-4...1))
    #expect(abs(f - 0.5) < 1e-12)
    let g = try #require(AxisScale.log10.fraction(of: 1e-3, in: 1e-4...1))
    #expect(abs(g - 0.25) < 1e-12)
  }

  @Test func clampedUsesItsWindow() {
    let s = AxisScale.clamped(-1, 1.5)
    #expect(s.position(of: 0.25, in: 0...100) == .inside(0.5))
    #expect(s.position(of: 2, in: 0...100) == .above)
    #expect(s.position(of: -1.5, in: 0...100) == .below)
    #expect(s.caption() == "clamped [-1,1.5]")
    #expect(AxisScale.log10.caption() == "log₁₀")
    #expect(AxisScale.log10.caption(glyphs: .ascii) == "log10")
  }

  @Test func badValuesAreGapsNotZero() {
    #expect(AxisScale.linear.position(of: .nan, in: 0...1) == .gap(.nan))
    #expect(AxisScale.linear.position(of: .infinity, in: 0...1) == .gap(.infinite))
    #expect(AxisScale.linear.position(of: -.infinity, in: 0...1) == .gap(.infinite))
    #expect(AxisScale.log10.position(of: 0, in: 1e-3...1) == .gap(.nonPositive))
    #expect(AxisScale.log10.position(of: -2, in: 1e-3...1) == .gap(.nonPositive))
    #expect(AxisScale.log10.fraction(of: 0, in: 1e-3...1) == nil)
    #expect(AxisScale.clamped(-1, 1.5).position(of: .nan, in: 0...1) == .gap(.nan))
    #expect(AxisScale.log10.dataRange(of: [0, -1, .nan, 0.5, 2, .infinity]) == 0.5...2)
  }
}

@Suite struct NiceTicksTests {
  @Test func linearZeroToOne() {
    let ticks = NiceTicks.linear(0, 1, maxCount: 6)
    #expect(ticks.map(\.value) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(ticks.map(\.label) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
  }

  @Test func linearUsesOneTwoFiveSteps() {
    #expect(NiceTicks.linear(0, 100, maxCount: 5).map(\.value) == [0, 50, 100])
    #expect(NiceTicks.linear(0, 100, maxCount: 6).map(\.value) == [0, 20, 40, 60, 80, 100])
    #expect(NiceTicks.linear(-1, 1.5, maxCount: 6).map(\.value) == [-1, -0.5, 0, 0.5, 1, 1.5])
    #expect(NiceTicks.linear(0, 3000, maxCount: 4).map(\.label) == ["0", "1k", "2k", "3k"])
    #expect(NiceTicks.niceStep(0.3) == 0.5)
    #expect(NiceTicks.niceStep(7) == 10)
  }

  @Test func logGivesDecades() {
    let ticks = NiceTicks.log10(1e-4, 10, maxCount: 8)
    #expect(ticks.map(\.label) == ["1e-4", "1e-3", "1e-2", "1e-1", "1", "10"])
    for (t, e) in zip(ticks, -4...1) { #expect(abs(t.value / pow(10, Double(e)) - 1) < 1e-12) }
  }

  @Test func logThinsManyDecades() {
    let ticks = NiceTicks.log10(1e-12, 1, maxCount: 5)
    #expect(ticks.count <= 5)
    #expect(ticks.count >= 3)
    #expect(ticks.first?.label == "1e-12")
  }

  @Test func logSubDecade() {
    #expect(NiceTicks.log10(0.015, 0.09, maxCount: 5).map(\.label) == ["0.02", "0.05"])
    #expect(NiceTicks.log10(3, 9, maxCount: 8).map(\.value) == [3, 4, 5, 6, 7, 8, 9])
  }
}
