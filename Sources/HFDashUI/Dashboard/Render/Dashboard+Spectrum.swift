import HFCanvas
import HFEngine
import HFSession

extension Dashboard {
  /// The curvature spectrum: for each HF iteration a column of dots at its CG run's extreme Ritz
  /// values on a log₁₀ axis (converged bright, others dim), and λ and λ + wc as lines wherever the
  /// values are those of the damped matrix G + (λ + wc)I itself (no preconditioner: the bottom of
  /// the spectrum sits on the λ + wc line, and λ sinks into the spectrum as it falls). The title
  /// names the matrix and the latest κ = θ_max/θ_min. An on-demand Lanczos run (`L`) adds a column
  /// of its own at its iteration (the undamped curvature's Ritz values, `*` converged and `+` not in
  /// ASCII), its κ in the title ("L κ …" when short), and "Lanczos j/k" there while it runs.
  static func drawSpectrum(into canvas: inout Canvas, rect: Rect, context c: RenderContext) {
    let h = c.state.history, g = c.glyphs
    let latest = h.spectra.last { $0 != nil } ?? nil
    let matrix = latest.map { $0.preconditioned ? "M⁻¹(G+λI)" : "G+λI" }
    let kappa = latest.map { "κ " + Format.compact($0.conditionNumber) }
    let probe = c.state.lanczos
    let lanczosKappa = probe.result?.spectrum.map { s in "κ " + Format.compact(s.conditionNumber) }
    let extra = probe.progressText ?? lanczosKappa.map { "Lanczos " + $0 }
    let shortExtra = probe.shortProgressText ?? lanczosKappa.map { "L " + $0 }
    let title = [matrix.map { "Spectrum of " + $0 }, kappa, extra].compactMap { $0 }.joined(separator: " · ")
    let scale = c.view.scale(of: .spectrum) ?? .log10
    // Colour tells the parts apart; in ASCII their markers do.
    var legend = [PanelFrame.LegendItem(name: g.usesBraille ? "conv" : "o conv", value: nil, role: .series2)]
    if latest?.preconditioned == false {
      legend.append(PanelFrame.LegendItem(name: g.usesBraille ? "λ" : "- λ", value: nil, role: .series3))
    }
    if probe.result?.spectrum != nil {
      legend.append(PanelFrame.LegendItem(name: g.usesBraille ? "L" : "*? L", value: nil, role: .accent))
    }
    let inner = c.frame(
      .spectrum, title: title.isEmpty ? nil : title,
      shortTitle: matrix.map { m in [m, kappa, shortExtra].compactMap { $0 }.joined(separator: " · ") }, legend: legend,
      captions: [scale.caption(glyphs: g)]
    ).render(into: &canvas, rect: rect)
    guard !inner.isEmpty else { return }
    let series = spectrumSeries(h, columns: max(8, inner.width * 2)) + lanczosSeries(probe.result)
    let empty = c.state.mode.isReplay ? "no spectrum in this recording" : "no CG run yet"
    guard series.contains(where: { !$0.isEmpty }) else {
      emptyMessage(empty, into: &canvas, rect: inner, glyphs: g)
      return
    }
    var chart = LineChart(title: "", series: series, scale: scale, xRange: c.xRange, glyphs: g, emptyMessage: empty)
    chart.showsTitleRow = false
    chart.render(into: &canvas, rect: inner)
  }

  /// The chart's series, in drawing order (later ones win shared cells): the unconverged Ritz
  /// values, λ + wc and λ as lines (one series per run of unpreconditioned iterations; over the dim
  /// cluster that sits on them), then the converged values. At most `columns` iterations are drawn, evenly spread, the latest included.
  static func spectrumSeries(_ h: IterationHistory, columns: Int) -> [ChartSeries] {
    let held = h.spectra.indices.filter { h.spectra[$0] != nil }
    var picked = held
    if held.count > columns {
      picked = (0..<columns).map { held[$0 * (held.count - 1) / max(1, columns - 1)] }
    }
    var lines: [ChartSeries] = []
    var shift: [(Double, Double)] = [], lambda: [(Double, Double)] = []
    func closeRun() {
      if !shift.isEmpty {
        lines.append(ChartSeries(xs: shift.map(\.0), ys: shift.map(\.1), role: .axis, asciiMarker: "~"))
        lines.append(ChartSeries(xs: lambda.map(\.0), ys: lambda.map(\.1), role: .series3, asciiMarker: "-"))
      }
      (shift, lambda) = ([], [])
    }
    var dim = ChartSeries(name: "other", xs: [], ys: [], role: .muted, asciiMarker: ".")
    var bright = ChartSeries(name: "conv", xs: [], ys: [], role: .series2, asciiMarker: "o")
    dim.connected = false
    bright.connected = false
    for k in picked {
      guard let s = h.spectra[k] else { continue }
      let x = Double(h.iterations[k])
      if s.preconditioned {
        closeRun()
      } else {
        shift.append((x, s.identityShift))
        if s.lambda > 0 { lambda.append((x, s.lambda)) }
      }
      for r in s.extremes where r.value.isFinite {
        if r.converged {
          bright.xs.append(x)
          bright.ys.append(r.value)
        } else {
          dim.xs.append(x)
          dim.ys.append(r.value)
        }
      }
    }
    closeRun()
    return [dim] + lines.filter { !$0.isEmpty } + [bright]
  }

  /// The on-demand Lanczos run's Ritz values as a column at its iteration, drawn over CG's: the
  /// values that have not converged (`?`, warn), then the converged ones (`*`, accent).
  static func lanczosSeries(_ result: LanczosUpdate?) -> [ChartSeries] {
    guard let result, let s = result.spectrum else { return [] }
    let x = Double(result.iteration)
    var unconverged = ChartSeries(name: "Lanczos ?", xs: [], ys: [], role: .warn, asciiMarker: "?")
    var converged = ChartSeries(name: "Lanczos", xs: [], ys: [], role: .accent, asciiMarker: "*")
    unconverged.connected = false
    converged.connected = false
    for r in s.extremes where r.value.isFinite {
      if r.converged {
        converged.xs.append(x)
        converged.ys.append(r.value)
      } else {
        unconverged.xs.append(x)
        unconverged.ys.append(r.value)
      }
    }
    return [unconverged, converged].filter { !$0.isEmpty }
  }
}
