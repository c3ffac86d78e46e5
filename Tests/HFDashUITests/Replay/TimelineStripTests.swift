import HFDashUI
import Testing
import HFCanvas

@Suite("Replay timeline strip")
struct TimelineStripTests {
  static let markers = [
    ReplayMarker(kind: .control, time: 10, iteration: 3), ReplayMarker(kind: .checkpoint, time: 30, iteration: 10),
    ReplayMarker(kind: .note, time: 45, iteration: 14), ReplayMarker(kind: .checkpoint, time: 60, iteration: 20),
    ReplayMarker(kind: .alarm, time: 61, iteration: 20), ReplayMarker(kind: .note, time: 100, iteration: 33),
  ]

  static func strip(width: Int, time: Double, glyphs: GlyphSet) -> Canvas {
    var canvas = Canvas(width: width, height: 1)
    TimelineStrip(time: time, duration: 120, markers: markers, glyphs: glyphs).render(into: &canvas, rect: canvas.bounds)
    return canvas
  }

  @Test(arguments: [(130, "unicode"), (130, "ascii"), (60, "unicode"), (24, "ascii")])
  func golden(width: Int, glyphs: String) {
    let canvas = Self.strip(width: width, time: 45, glyphs: glyphs == "ascii" ? .ascii : .unicode)
    GoldenFrame.assert(canvas, named: "TimelineStrip-\(width)-\(glyphs)")
  }

  @Test("the cursor sits where the time falls; an alarm wins a cell shared with a checkpoint")
  func placement() {
    let line = Self.strip(width: 70, time: 60, glyphs: .ascii).textLines[0]
    let track = line[line.index(after: line.firstIndex(of: "|")!)..<line.lastIndex(of: "|")!]
    let cells = Array(track)
    // 70 columns: "timeline 1m00s " (15) + "|" + 47 cells + "|" + " 2m00s" (6).
    #expect(cells.count == 47)
    #expect(cells[23] == "!")  // 60 s of 120: the middle; the alarm at 61 s shares the checkpoint's cell
    #expect(cells[3] == "*" && cells[17] == "n" && cells[11] == "c" && cells[39] == "n")
    #expect(cells[..<23].allSatisfy { "=*nc".contains($0) } && cells[24...].allSatisfy { "-n".contains($0) })
    let canvas = Self.strip(width: 70, time: 60, glyphs: .ascii)
    #expect(canvas[16 + 23, 0].reverse)  // the current position is drawn reversed
  }
}
