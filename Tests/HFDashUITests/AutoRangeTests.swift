import HFDashUI
import Testing

@Suite struct AutoRangeTests {
  @Test func firstDataSetsAPaddedRange() throws {
    var r = AutoRange(scale: .linear)
    let rangeOpt = r.update(with: [0, 10])
    let range = try #require(rangeOpt)
    #expect(range.lowerBound == -0.5 && range.upperBound == 10.5)
  }

  @Test func smallMovesDoNotChangeTheRange() {
    var r = AutoRange(scale: .linear)
    let first = r.update(with: [0, 10])
    #expect(r.update(with: [0.2, 9.7]) == first)
    #expect(r.update(with: [1, 10.3]) == first)
    #expect(r.update(with: [3, 9]) == first)
  }

  @Test func expandsAtOnceAndShrinksAfterABigDrop() throws {
    var r = AutoRange(scale: .linear)
    r.update(with: [0, 10])
    let grownOpt = r.update(with: [0, 20])
    let grown = try #require(grownOpt)
    #expect(grown.upperBound >= 20)
    #expect(r.update(with: [0, 15]) == grown)  // still more than half the span
    let shrunkOpt = r.update(with: [0, 5])
    let shrunk = try #require(shrunkOpt)
    #expect(shrunk.upperBound < 6)
  }

  @Test func logHysteresisWorksInDecades() throws {
    var r = AutoRange(scale: .log10)
    let firstOpt = r.update(with: [1e-4, 1])
    let first = try #require(firstOpt)
    #expect(r.update(with: [2e-4, 0.9, 0, .nan]) == first)  // gaps are ignored
    let shrunkOpt = r.update(with: [1e-2, 1e-1])
    let shrunk = try #require(shrunkOpt)
    #expect(shrunk.lowerBound > 1e-3)
  }

  @Test func frozenAndClampedRangesStay() {
    var r = AutoRange(scale: .linear, isFrozen: true)
    #expect(r.update(with: [1, 2]) == nil)
    var c = AutoRange(scale: .clamped(-1, 1.5))
    #expect(c.update(with: [100, 200]) == -1...1.5)
  }

  @Test func singleValueGetsAWindow() throws {
    var r = AutoRange(scale: .log10)
    let rangeOpt = r.update(with: [1e-3])
    let range = try #require(rangeOpt)
    #expect(range.lowerBound < 1e-3 && range.upperBound > 1e-3)
  }
}
