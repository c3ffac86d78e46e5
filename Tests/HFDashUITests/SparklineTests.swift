import HFDashUI
import Testing
import HFCanvas

@Suite struct SparklineTests {
  @Test func levelsForKnownData() {
    var canvas = Canvas(width: 8, height: 1)
    Sparkline(values: [1, 2, 3, 4, 5, 6, 7, 8], maximum: 8).render(into: &canvas, rect: canvas.bounds)
    #expect(canvas.textLines == ["▁▂▃▄▅▆▇█"])
  }

  @Test func defaultMaximumIsTheDataMaximum() {
    var canvas = Canvas(width: 4, height: 1)
    Sparkline(values: [0, 2, 4]).render(into: &canvas, rect: canvas.bounds)
    #expect(canvas.textLines == ["  ▄█"])  // right-aligned, newest at the right; zero is empty
  }

  @Test func tinyPresentValuesStayVisibleAndAbsentOnesAreDistinct() {
    var canvas = Canvas(width: 4, height: 1)
    Sparkline(values: [0.001, nil, .nan, 100], maximum: 50).render(into: &canvas, rect: canvas.bounds)
    #expect(canvas.textLines == ["▁·×█"])
    #expect(canvas[1, 0].role == .muted)
    #expect(canvas[2, 0].role == .bad)
    #expect(canvas[3, 0].role == .warn)  // above the fixed maximum
  }

  @Test func twoRowsTall() {
    var canvas = Canvas(width: 3, height: 2)
    Sparkline(values: [4, 8, 16], maximum: 16).render(into: &canvas, rect: canvas.bounds)
    #expect(canvas.textLines == ["  █", "▄██"])
  }

  @Test func keepsOnlyTheNewestValues() {
    var canvas = Canvas(width: 2, height: 1)
    Sparkline(values: [8, 8, 1, 8], maximum: 8).render(into: &canvas, rect: canvas.bounds)
    #expect(canvas.textLines == ["▁█"])
  }

  @Test func asciiLevels() {
    var canvas = Canvas(width: 8, height: 1)
    Sparkline(values: [1, 2, 3, 4, 5, 6, 7, 8], maximum: 8, glyphs: .ascii).render(into: &canvas, rect: canvas.bounds)
    #expect(canvas.textLines == ["_.-~=+*#"])
  }

  @Test func historyStripIsLogScaled() {
    var canvas = Canvas(width: 5, height: 1)
    HistoryStrip(values: [1e-8, 1e-6, 1e-4, 1e-1, 0], range: 1e-8...1e-1).render(into: &canvas, rect: canvas.bounds)
    // 1e-6 is 2 of 7 decades up: level 1 + round(2/7·7) = 3.
    #expect(canvas.textLines == ["▁▃▅█×"])
    #expect(canvas[4, 0].role == .bad)
    #expect(HistoryStrip.level(of: 1e-6, in: 1e-8...1e-1) == 3)
    #expect(HistoryStrip.level(of: -1, in: 1e-8...1e-1) == nil)
  }
}
