import HFDashUI
import Testing
import HFCanvas

@Suite struct ClippingTests {
  static let rects = [
    Rect(x: 3, y: 2, width: 20, height: 6),  // inside
    Rect(x: 30, y: 10, width: 25, height: 9),  // past the bottom-right corner
    Rect(x: -6, y: -3, width: 14, height: 8),  // past the top-left corner
    Rect(x: 0, y: 0, width: 40, height: 16),  // the whole canvas
    Rect(x: 5, y: 5, width: 0, height: 0), Rect(x: 5, y: 5, width: 1, height: 1), Rect(x: 5, y: 5, width: 2, height: 2),
    Rect(x: 39, y: 15, width: 2, height: 2),
  ]

  @Test(arguments: [GlyphSet.unicode, .ascii])
  func widgetsNeverWriteOutsideTheirRect(glyphs: GlyphSet) {
    for (name, draw) in AllWidgets.drawers(glyphs: glyphs) {
      for rect in Self.rects {
        var canvas = Canvas(width: 40, height: 16)
        draw(&canvas, rect)
        for y in 0..<canvas.height {
          for x in 0..<canvas.width where x < rect.x || y < rect.y || x >= rect.maxX || y >= rect.maxY {
            #expect(canvas[x, y] == .blank, "\(name) wrote (\(x), \(y)) outside \(rect)")
          }
        }
      }
    }
  }

  @Test(arguments: [GlyphSet.unicode, .ascii])
  func degenerateCanvasesDoNotCrash(glyphs: GlyphSet) {
    for size in [(0, 0), (1, 1), (2, 2), (3, 1), (1, 3)] {
      for (_, draw) in AllWidgets.drawers(glyphs: glyphs) {
        var canvas = Canvas(width: size.0, height: size.1)
        draw(&canvas, canvas.bounds)
        #expect(canvas.cells.count == size.0 * size.1)
      }
    }
  }

  @Test func asciiFramesAreAllASCII() {
    for (name, draw) in AllWidgets.drawers(glyphs: .ascii) where !name.hasPrefix("LineChart clamped") {
      var canvas = Canvas(width: 40, height: 16)
      draw(&canvas, canvas.bounds)
      let bad = canvas.cells.filter { !$0.scalar.isASCII }
      #expect(bad.isEmpty, "\(name) drew non-ASCII \(bad.map(\.scalar))")
    }
  }
}
