import HFDashUI
import Testing
import HFCanvas

@Suite struct LayerBarsTests {
  /// The number of eighths a row's bar fills, read back from the canvas.
  static func eighths(_ canvas: Canvas, row: Int) -> Int {
    (0..<canvas.width).reduce(0) { n, x in
      let s = canvas[x, row].scalar
      if s == "█" { return n + 8 }
      if let i = GlyphSet.unicode.barPartials.firstIndex(of: s), i < 7, canvas[x, row].role != .axis {
        return n + i + 1
      }
      return n
    }
  }

  @Test func barLengthsAreProportionalToLogMagnitude() {
    let layers = [1e-1, 1e-3, 1e-5].enumerated().map { LayerBars.Layer(label: "L\($0.offset)", value: $0.element) }
    var canvas = Canvas(width: 30, height: 3)
    LayerBars(layers: layers, range: 1e-6...1).render(into: &canvas, rect: canvas.bounds)
    let lengths = (0..<3).map { Self.eighths(canvas, row: $0) }
    // 5, 3 and 1 of 6 decades: lengths in ratio 5 : 3 : 1 (within an eighth of a cell).
    #expect(lengths[0] > lengths[1] && lengths[1] > lengths[2] && lengths[2] > 0)
    #expect(abs(Double(lengths[0]) / Double(lengths[2]) - 5) < 0.6)
    #expect(abs(Double(lengths[1]) / Double(lengths[2]) - 3) < 0.4)
  }

  @Test func sharedRangeSpansWholeDecades() {
    let bars = LayerBars(layers: Fixtures.layers)
    let r = bars.effectiveRange
    #expect(abs(r.lowerBound / 1e-9 - 1) < 1e-9)
    #expect(abs(r.upperBound - 1) < 1e-9)  // W1's history reaches 0.53
  }

  @Test func vanishingAndZeroGradientsStandOut() {
    var canvas = Canvas(width: 50, height: 5)
    let bars = LayerBars(layers: Fixtures.layers)
    bars.render(into: &canvas, rect: canvas.bounds)
    #expect(bars.isVanishing(1.1e-9))
    #expect(!bars.isVanishing(3.2e-4))
    #expect(canvas[0, 3].role == .warn)  // W4 label
    let zeroRow = canvas.textLines[4]
    #expect(zeroRow.contains("×"))
    #expect(canvas[0, 4].role == .bad)
    #expect(Self.eighths(canvas, row: 4) == 0)
  }

  @Test func tooManyLayersEndInAMoreLine() {
    var canvas = Canvas(width: 40, height: 3)
    LayerBars(layers: Fixtures.layers).render(into: &canvas, rect: canvas.bounds)
    #expect(canvas.textLines[2].hasPrefix("… 3 more"))
  }
}
