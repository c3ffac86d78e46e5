import HFCanvas
extension Dashboard {
  /// φ(i) of the running (or last) CG solve with its stored iterates (•), the chosen one (◆, ▾ on top),
  /// and text rows for progress, stop reason and choice.
  static func drawCGRun(into canvas: inout Canvas, rect: Rect, context c: RenderContext) {
    let s = c.state, g = c.glyphs
    let run = s.displayedCG
    let maxCG = s.settings.config.cg.maxIterations
    var caption = ""
    if let run {
      caption = "HF \(run.hfIteration) · \(run.steps)/\(maxCG)"
      if run.hfIteration != s.liveCG?.hfIteration { caption += " · previous" }
    }
    let inner = c.frame(
      .cgRun,
      legend: [
        .init(name: "φ(i)", role: .series1), .init(name: String(g.storedTick) + " stored", role: .accent),
        .init(name: String(g.chosenMarker) + " chosen", role: .good),
      ], captions: [caption])
      .render(into: &canvas, rect: rect)
    guard !inner.isEmpty else { return }
    guard let run, run.steps > 0 else {
      let waiting = s.race?.turn.flatMap { $0 == .hf ? nil : "HF waits: " + $0.displayName + "'s turn" }
      emptyMessage(
        waiting ?? (s.currentIteration > 0 ? "computing the gradient…" : "no CG run yet"), into: &canvas, rect: inner, glyphs: g)
      return
    }
    let lines = infoLines(run, settings: s.settings)
    let textRows = inner.height >= 9 ? min(2, lines.count) : inner.height >= 5 ? 1 : 0
    let chartRect = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - textRows)
    let phi = run.phi
    var chart = LineChart(
      title: "", series: [ChartSeries(values: phi, firstX: 1, role: .series1)], scale: .linear,
      xRange: 1...Double(max(phi.count, 2)), glyphs: g)
    chart.showsTitleRow = false
    let summary = chart.render(into: &canvas, rect: chartRect)
    markPoints(run, chart: chart, plot: summary.plotRect, within: chartRect, into: &canvas, glyphs: g)
    for (i, line) in lines.prefix(textRows).enumerated() {
      let y = inner.maxY - textRows + i
      let x = inner.x + (c.layout.bordered ? 1 : 0)
      canvas.text(x, y, g.text(line.text), width: inner.maxX - x, role: line.role, ellipsis: g.ellipsis, clip: inner)
    }
  }

  /// Ticks the stored iterates on the x axis (┴) and puts ◆ on the chosen iterate's φ.
  static func markPoints(
    _ run: LiveCGRun, chart: LineChart, plot: Rect, within rect: Rect, into canvas: inout Canvas, glyphs: GlyphSet
  ) {
    guard plot.width > 0, plot.height > 0 else { return }
    let xr = chart.effectiveXRange, yr = chart.effectiveYRange
    func column(_ i: Int) -> Int? {
      let span = xr.upperBound - xr.lowerBound
      let fx = span > 0 ? (Double(i) - xr.lowerBound) / span : 0
      guard fx >= 0, fx <= 1 else { return nil }
      return plot.x + Int((fx * Double(plot.width * 2 - 1)).rounded()) / 2
    }
    let axis = Rect(x: plot.x, y: plot.maxY, width: plot.width, height: 1).intersection(rect)
    for i in run.storedIterations {
      if let x = column(i) { canvas.set(x, axis.y, Cell(glyphs.storedTick, role: .accent, bold: true), clip: axis) }
    }
    if let chosen = run.chosen, chosen >= 1, chosen <= run.phi.count, let x = column(chosen),
      let fy = chart.scale.fraction(of: run.phi[chosen - 1], in: yr), fy >= 0, fy <= 1
    {
      let y = plot.y + ((plot.height * 4 - 1) - Int((fy * Double(plot.height * 4 - 1)).rounded())) / 4
      canvas.set(x, y, Cell(glyphs.chosenMarker, role: .good, bold: true), clip: plot)
    }
  }

  /// "φ -0.373 · κ≈812 · progress 2.9e-3, stops < 6e-3" while running; "stopped at 117 (converged) ·
  /// κ 950 · chose 94, f 2.41" once done. κ is the running estimate of the Ritz values' ratio
  /// (≈) while CG runs, that of the final Lanczos tridiagonal once it stopped.
  static func infoLines(_ run: LiveCGRun, settings: DashboardSettings) -> [(text: String, role: StyleRole)] {
    let cg = settings.config.cg
    let i = run.steps
    let k = max(cg.minWindow, Int((cg.windowFraction * Double(i)).rounded(.up)))
    let kappa = run.conditionNumber.map { (run.isFinished ? " · κ " : " · κ≈") + Format.compact($0) } ?? ""
    var progress = "φ " + Format.compact(run.lastPhi ?? .nan) + kappa
    if run.relativeProgress.isFinite {
      progress += " · progress " + Format.scientific(run.relativeProgress, significant: 2) + ", stops < "
        + Format.scientific(Double(k) * cg.tolerance, significant: 2)
    }
    let stored = "stored " + (run.storedIterations.isEmpty ? "none" : run.storedIterations.map(String.init).joined(separator: " "))
    guard let summary = run.summary else { return [(progress, .normal), (stored, .muted)] }
    let reason: String
    switch summary.reason {
    case .converged: reason = "converged"
    case .maxIterations: reason = "hit max CG"
    case .negativeCurvature: reason = "negative curvature"
    case .nonFinite: reason = "non-finite"
    case .interrupted: reason = "interrupted"
    }
    var choice = "chose \(summary.chosen)"
    if let f = summary.stored.first(where: { $0.i == summary.chosen })?.objective { choice += ", f " + Format.compact(f) }
    let role: StyleRole =
      switch summary.reason {
      case .converged: .good
      case .maxIterations: .warn
      default: .bad
      }
    return [("stopped at \(summary.iterations) (" + reason + ")" + kappa + " · " + choice, role), (stored, .muted)]
  }
}
