import HFCanvas
extension Dashboard {
  /// Draws a framed line chart whose title row carries the legend and the scale caption.
  static func drawChart(
    _ panel: DashboardPanel, into canvas: inout Canvas, rect: Rect, context: RenderContext, title: String? = nil,
    shortTitle: String? = nil, series: [ChartSeries], legend: [PanelFrame.LegendItem], scale: AxisScale, yRange: ClosedRange<Double>? = nil,
    xRange: ClosedRange<Double>? = nil, referenceLines: [Double] = [], eventMarkers: [Double] = [], note: String = "",
    emptyText: String = "no iterations yet"
  ) {
    let g = context.glyphs
    let gaps = series.reduce(0) { n, s in
      s.role == .ghost ? n : n + s.ys.reduce(0) { $0 + (scale.gapReason($1) != nil ? 1 : 0) }
    }
    let scaleCaption = scale.caption(glyphs: g)
    let gapCaption = gaps > 0 ? String(g.gap) + String(gaps) : ""
    let joined = { (parts: [String]) in parts.filter { !$0.isEmpty }.joined(separator: " " + g.separator + " ") }
    var captions: [String] = []
    for c in [joined([note, gapCaption, scaleCaption]), joined([gapCaption, scaleCaption]), scaleCaption]
    where !c.isEmpty && !captions.contains(c) {
      captions.append(c)
    }
    let shownLegend = g.usesBraille ? legend : zip(legend, series).map { item, s in
      var item = item
      if let m = s.asciiMarker { item.name = String(m) + item.name }
      return item
    }
    let inner = context.frame(panel, title: title, shortTitle: shortTitle, legend: shownLegend, captions: captions)
      .render(into: &canvas, rect: rect)
    guard series.contains(where: { !$0.isEmpty }) else {
      emptyMessage(emptyText, into: &canvas, rect: inner, glyphs: g)
      return
    }
    var chart = LineChart(
      title: "", series: series, scale: scale, yRange: yRange, xRange: xRange ?? context.xRange, referenceLines: referenceLines,
      eventMarkers: eventMarkers, glyphs: g, emptyMessage: emptyText)
    chart.showsTitleRow = false
    chart.render(into: &canvas, rect: inner)
  }

  /// Points a chart of `rect` can show: two per dot column, so nothing is lost to thinning.
  static func pointBudget(_ rect: Rect) -> Int { max(8, rect.width * 4) }

  /// A legend entry with the latest value: "train 0.0123".
  static func legendItem(
    _ name: String, _ value: Double?, _ role: StyleRole, needsValue: Bool = false
  ) -> PanelFrame.LegendItem {
    PanelFrame.LegendItem(name: name, value: value.map(Format.compact), role: role, needsValue: needsValue)
  }

  static func drawObjective(into canvas: inout Canvas, rect: Rect, context c: RenderContext) {
    let h = c.state.history
    let budget = pointBudget(rect)
    let train = SeriesSampler.series(iterations: h.iterations, maxPoints: budget, name: "train", role: .series1) {
      h.objective[$0]
    }
    let test = SeriesSampler.series(
      iterations: h.iterations, maxPoints: budget, name: "test", role: .series2, marker: "*"
    ) { h.testObjective[$0] }
    var legend = [legendItem("train", h.objective.last, .series1)]
    if !test.isEmpty { legend.append(legendItem("test", h.testObjective.last ?? nil, .series2)) }
    var series = test.isEmpty ? [train] : [train, test]
    withGhost(c, budget, \.objective, series: &series, legend: &legend)
    drawChart(
      .objective, into: &canvas, rect: rect, context: c, series: series,
      legend: legend, scale: c.view.scale(of: .objective) ?? .log10)
  }

  static func drawError(into canvas: inout Canvas, rect: Rect, context c: RenderContext) {
    let h = c.state.history
    let budget = pointBudget(rect)
    let train = SeriesSampler.series(iterations: h.iterations, maxPoints: budget, name: "train", role: .series1) {
      h.error[$0]
    }
    let test = SeriesSampler.series(
      iterations: h.iterations, maxPoints: budget, name: "test", role: .series2, marker: "*"
    ) { h.testError[$0] }
    var legend = [legendItem("train", h.error.last, .series1)]
    if !test.isEmpty { legend.append(legendItem("test", h.testError.last ?? nil, .series2)) }
    let errorName = c.state.session?.errorName ?? ""
    let title = errorName.isEmpty ? nil : "Error (" + errorName + ")"
    var series = test.isEmpty ? [train] : [train, test]
    withGhost(c, budget, \.trainError, series: &series, legend: &legend)
    drawChart(
      .error, into: &canvas, rect: rect, context: c, title: title, series: series,
      legend: legend, scale: c.view.scale(of: .error) ?? .log10)
  }

  static func drawLambda(into canvas: inout Canvas, rect: Rect, context c: RenderContext) {
    let h = c.state.history
    let s = c.state.settings
    let series = SeriesSampler.series(iterations: h.iterations, maxPoints: pointBudget(rect), role: .series3) {
      h.lambdaBefore[$0]
    }
    let mode = s.config.adaptiveLambda ? "adaptive" : "frozen"
    var all = [series]
    var legend = [legendItem("now", s.lambda, .series3, needsValue: true)]
    withGhost(c, pointBudget(rect), \.lambda, series: &all, legend: &legend)
    drawChart(
      .lambda, into: &canvas, rect: rect, context: c, series: all,
      legend: legend, scale: c.view.scale(of: .lambda) ?? .log10,
      eventMarkers: c.state.lambdaChangeIterations.map(Double.init), note: mode)
  }

  static func drawRho(into canvas: inout Canvas, rect: Rect, context c: RenderContext) {
    let h = c.state.history
    let series = SeriesSampler.series(iterations: h.iterations, maxPoints: pointBudget(rect), role: .series4) {
      h.rho[$0]
    }
    let cfg = c.state.settings.config
    let rejected = h.rejectedCount
    var all = [series]
    var legend = [legendItem("last", h.rho.last, .series4, needsValue: true)]
    withGhost(c, pointBudget(rect), \.rho, series: &all, legend: &legend)
    drawChart(
      .rho, into: &canvas, rect: rect, context: c, series: all,
      legend: legend,
      scale: c.view.scale(of: .rho) ?? .clamped(-1, 1.5), referenceLines: [cfg.rhoLow, cfg.rhoHigh],
      note: rejected > 0 ? "\(rejected) rejected" : "")
  }

  static func drawCGIterations(into canvas: inout Canvas, rect: Rect, context c: RenderContext) {
    let h = c.state.history
    let budget = pointBudget(rect)
    let computed = SeriesSampler.series(
      iterations: h.iterations, maxPoints: budget, name: "run", role: .series2, marker: "*"
    ) { Double(h.cgComputed[$0]) }
    let chosen = SeriesSampler.series(iterations: h.iterations, maxPoints: budget, name: "chosen", role: .series5) {
      Double(h.cgChosen[$0])
    }
    let maxCG = c.state.settings.config.cg.maxIterations
    var series = [computed, chosen]
    var legend = [
      legendItem("run", h.cgComputed.last.map(Double.init), .series2),
      legendItem("chosen", h.cgChosen.last.map(Double.init), .series5),
    ]
    withGhost(c, budget, \.cgIterations, series: &series, legend: &legend)
    let top = max(Double(maxCG), series.lazy.compactMap { $0.ys.max() }.max() ?? 0, 1)
    let scale = c.view.scale(of: .cgIterations) ?? .linear
    drawChart(
      .cgIterations, into: &canvas, rect: rect, context: c, series: series,
      legend: legend, scale: scale, yRange: scale.isLog ? 1...top : 0...top, referenceLines: [Double(maxCG)],
      note: "max \(maxCG)")
  }
}
