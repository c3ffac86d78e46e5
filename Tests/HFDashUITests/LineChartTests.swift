import HFDashUI
import Testing
import HFCanvas

@Suite struct LineChartTests {
  @Test func gapsAreMarkedNotDrawnAsZero() {
    var canvas = Canvas(width: 40, height: 10)
    let chart = LineChart(title: "Loss", series: [ChartSeries(values: Fixtures.loss)], scale: .log10)
    let summary = chart.render(into: &canvas, rect: canvas.bounds)
    #expect(summary.gaps == 2)  // the NaN and the zero
    let plot = summary.plotRect
    let bottom = (plot.x..<plot.maxX).map { canvas[$0, plot.maxY - 1] }
    #expect(bottom.filter { $0.scalar == "×" && $0.role == .bad }.count == 2)
    #expect(canvas.textLines[0].contains("×2"))  // the count next to the caption
    #expect(canvas.textLines[0].hasSuffix("log₁₀"))
  }

  @Test func linearAxisAlsoMarksInfinities() {
    var canvas = Canvas(width: 30, height: 8)
    let summary = LineChart(series: [ChartSeries(values: [1, 2, .infinity, 3, -.infinity, .nan])])
      .render(into: &canvas, rect: canvas.bounds)
    #expect(summary.gaps == 3)
    let plot = summary.plotRect
    let marks = (plot.y..<plot.maxY).flatMap { y in (plot.x..<plot.maxX).map { canvas[$0, y] } }
      .filter { $0.scalar == "×" && $0.role == .bad }
    #expect(marks.count == 3)
    #expect(canvas.textLines[0].hasSuffix("×3"))
    #expect((plot.x..<plot.maxX).contains { canvas[$0, plot.y].scalar == "×" })  // +Inf on the top edge
  }

  @Test func clampedValuesGetEdgeMarkers() {
    var canvas = Canvas(width: 50, height: 12)
    let chart = LineChart(
      title: "ρ", series: [ChartSeries(values: Fixtures.rho)], scale: .clamped(-1, 1.5), referenceLines: [0.25, 0.75])
    let summary = chart.render(into: &canvas, rect: canvas.bounds)
    #expect(summary.above == 1 && summary.below == 1 && summary.gaps == 1)
    let plot = summary.plotRect
    #expect((plot.x..<plot.maxX).contains { canvas[$0, plot.y].scalar == "▲" })
    #expect((plot.x..<plot.maxX).contains { canvas[$0, plot.maxY - 1].scalar == "▼" })
    #expect(canvas.textLines[0].hasSuffix("clamped [-1,1.5]"))
    #expect(canvas.cells.contains { $0.role == .muted && $0.scalar.value >= 0x2800 && $0.scalar.value < 0x2900 })
  }

  @Test func emptyChartSaysSo() {
    var canvas = Canvas(width: 30, height: 6)
    LineChart(title: "Loss", series: [ChartSeries(values: [])], scale: .log10).render(
      into: &canvas, rect: canvas.bounds)
    #expect(canvas.textLines.contains { $0.contains("no data yet") })
  }

  @Test func eventMarkersAlongTheTop() {
    var c2 = Canvas(width: 40, height: 8)
    let s2 = LineChart(series: [ChartSeries(values: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1])], eventMarkers: [4])
      .render(into: &c2, rect: c2.bounds)
    #expect((s2.plotRect.x..<s2.plotRect.maxX).contains { c2[$0, s2.plotRect.y] == Cell("▾", role: .accent) })
  }

  @Test func laterSeriesWinsASharedCell() {
    var canvas = Canvas(width: 20, height: 6)
    let a = ChartSeries(name: "a", values: [1, 1, 1], role: .series1)
    let b = ChartSeries(name: "b", values: [1, 1, 1], role: .series2)
    let summary = LineChart(series: [a, b], yRange: 0...2).render(into: &canvas, rect: canvas.bounds)
    let plotted = canvas.cells.filter { $0.scalar.value > 0x2800 && $0.scalar.value < 0x2900 }
    #expect(!plotted.isEmpty && plotted.allSatisfy { $0.role == .series2 })
    #expect(summary.gaps == 0)
  }
}
