import HFDashUI
import Testing
import HFCanvas

@Suite struct BrailleCanvasTests {
  @Test(arguments: [
    (0, 0, 0x2801), (0, 1, 0x2802), (0, 2, 0x2804), (0, 3, 0x2840), (1, 0, 0x2808), (1, 1, 0x2810),
    (1, 2, 0x2820), (1, 3, 0x2880),
  ])
  func singleDot(x: Int, y: Int, scalar: UInt32) {
    var dots = BrailleCanvas(columns: 1, rows: 1)
    dots.set(x: x, y: y)
    var canvas = Canvas(width: 1, height: 1)
    dots.render(into: &canvas, x: 0, y: 0, glyphs: .unicode, clip: canvas.bounds)
    #expect(canvas[0, 0].scalar.value == scalar)
  }

  @Test func fullCellIsAllDots() {
    var dots = BrailleCanvas(columns: 1, rows: 1)
    for x in 0..<2 { for y in 0..<4 { dots.set(x: x, y: y) } }
    #expect(dots.pattern(column: 0, row: 0) == 0xFF)
    #expect(BrailleCanvas.braille(0xFF) == "⣿")
  }

  @Test func diagonalLine() {
    var dots = BrailleCanvas(columns: 2, rows: 2)
    dots.line(from: 0, 0, to: 3, 7)
    var canvas = Canvas(width: 2, height: 2)
    dots.render(into: &canvas, x: 0, y: 0, glyphs: .unicode, clip: canvas.bounds)
    // Bresenham from (0,0) to (3,7): x steps at y = 1, 3, 5 … hitting (0,0) (0,1) (1,2) (1,3) (2,4) (2,5) (3,6) (3,7).
    #expect(canvas.textLines == ["⢣ ", " ⢣"])
    #expect(dots.pattern(column: 1, row: 0) == 0)
  }

  @Test func laterLayerOwnsASharedCell() {
    var dots = BrailleCanvas(columns: 1, rows: 1)
    dots.set(x: 0, y: 0, layer: 1, role: .series1)
    dots.set(x: 1, y: 3, layer: 2, role: .series2)
    var canvas = Canvas(width: 1, height: 1)
    dots.render(into: &canvas, x: 0, y: 0, glyphs: .unicode, clip: canvas.bounds)
    #expect(canvas[0, 0] == Cell("⢀", role: .series2))
  }

  @Test func asciiFallbackUsesOneGlyphPerCell() {
    var dots = BrailleCanvas(columns: 4, rows: 1)
    dots.set(x: 0, y: 0)  // upper half
    dots.set(x: 2, y: 3)  // lower half
    dots.line(from: 4, 0, to: 4, 3)  // both
    dots.set(x: 6, y: 1, marker: "*")
    var canvas = Canvas(width: 4, height: 1)
    dots.render(into: &canvas, x: 0, y: 0, glyphs: .ascii, clip: canvas.bounds)
    #expect(canvas.textLines == ["'.:*"])
  }
}
