import HFCanvas
extension Dashboard {
  static func drawLayers(into canvas: inout Canvas, rect: Rect, context c: RenderContext) {
    if let race = c.state.race {
      drawRaceLayers(into: &canvas, rect: rect, context: c, race: race)
      return
    }
    let h = c.state.history
    let names = c.state.session?.groupNames ?? []
    let caption = h.lastIteration.map { "HF \($0)" } ?? ""
    let inner = c.frame(.layers, captions: [caption]).render(into: &canvas, rect: rect)
    guard !inner.isEmpty else { return }
    guard !h.groupGradientNorms.isEmpty else {
      emptyMessage("no gradients yet", into: &canvas, rect: inner, glyphs: c.glyphs)
      return
    }
    let layers = h.groupGradientNorms.enumerated().map { g, norms in
      LayerBars.Layer(
        label: g < names.count ? c.glyphs.text(names[g]) : "g\(g + 1)", value: norms.last ?? .nan,
        history: Array(norms.suffix(24)))
    }
    // Recurrent nets: below the bars, ‖∂E/∂hₜ‖ across the sequence on a log scale — the
    // vanishing-gradient picture (first iteration dim, latest bright).
    guard let profile = h.latestTimeProfile, inner.height >= layers.count + 6 else {
      LayerBars(layers: layers, glyphs: c.glyphs).render(into: &canvas, rect: inner)
      return
    }
    let barRows = layers.count + 1
    LayerBars(layers: layers, glyphs: c.glyphs)
      .render(into: &canvas, rect: Rect(x: inner.x, y: inner.y, width: inner.width, height: barRows))
    var series = [ChartSeries]()
    if let first = h.firstTimeProfile, first.count == profile.count {
      series.append(ChartSeries(name: "first", values: first, firstX: 1, role: .muted, asciiMarker: "."))
    }
    series.append(ChartSeries(name: "now", values: profile, firstX: 1, role: .series1, asciiMarker: "*"))
    LineChart(
      title: c.glyphs.text("‖∂E/∂hₜ‖ over t"), series: series, scale: .log10, glyphs: c.glyphs
    ).render(into: &canvas, rect: Rect(x: inner.x, y: inner.y + barRows, width: inner.width, height: inner.height - barRows))
  }

  static func drawSettings(into canvas: inout Canvas, rect: Rect, context c: RenderContext) {
    let s = c.state
    let pendingCount = s.pending.count
    let caption = pendingCount > 0 ? "\(pendingCount) pending" : ""
    var frame = c.frame(.settings, captions: [caption])
    if pendingCount > 0 { frame.captionRole = .accent }
    let inner = frame.render(into: &canvas, rect: rect)
    guard !inner.isEmpty else { return }
    let trainCases = s.session?.trainCases
    let now = SettingsRows.rows(s.settings, trainCases: trainCases)
    let next = SettingsRows.rows(s.projectedSettings, trainCases: trainCases)
    let g = c.glyphs
    let labelW = min(12, now.map { g.text($0.label).unicodeScalars.count }.max() ?? 0)
    let values = zip(now, next).map { row, target in
      g.text(row.covers.contains { s.isPending($0) } && target.value != row.value ? row.value + " → " + target.value : row.value)
    }
    let roomy = inner.width >= 36
    let (margin, gap) = roomy ? (1, 2) : (0, 1)
    let valueW = min(values.map(\.unicodeScalars.count).max() ?? 0, max(6, (inner.width - labelW - 3) / 2))
    for (i, row) in now.prefix(inner.height).enumerated() {
      let y = inner.y + i
      let pending = row.covers.contains { s.isPending($0) }
      let target = next.first { $0.key == row.key } ?? row
      var x = inner.x + margin
      canvas.text(x, y, g.text(row.label), width: labelW, role: .muted, ellipsis: g.ellipsis, clip: inner)
      x += labelW + gap
      canvas.text(
        x, y, values[i], width: min(valueW, inner.maxX - x), role: pending ? .accent : .normal, bold: true,
        ellipsis: g.ellipsis, clip: inner)
      x += valueW + gap
      let note = pending ? (target.note != row.note ? "→ " + target.note : "pending") : row.note
      canvas.text(
        x, y, g.text(note), width: inner.maxX - x, role: pending ? .accent : .muted, ellipsis: g.ellipsis, clip: inner)
    }
  }

  static func drawLog(into canvas: inout Canvas, rect: Rect, context c: RenderContext) {
    let log = c.state.log
    let scroll = min(c.view.logScroll, max(0, log.count - 1))
    let caption = scroll > 0 ? "\(scroll) newer below · PgDn" : ""
    let inner = c.frame(.log, captions: [caption]).render(into: &canvas, rect: rect)
    guard !inner.isEmpty else { return }
    guard !log.isEmpty else {
      emptyMessage("no events yet", into: &canvas, rect: inner, glyphs: c.glyphs)
      return
    }
    let end = log.count - scroll
    let shown = log[max(0, end - inner.height)..<end]
    let maxIteration = shown.compactMap(\.iteration).max() ?? 0
    let numW = max(2, String(maxIteration).count)
    let g = c.glyphs
    var y = inner.maxY - shown.count
    let x0 = inner.x + (c.layout.bordered ? 1 : 0)
    for e in shown {
      if let it = e.iteration {
        let n = String(it)
        canvas.text(x0 + numW - n.count, y, n, role: .muted, clip: inner)
      }
      let x = x0 + numW + 1
      canvas.text(x, y, g.text(e.text), width: inner.maxX - x, role: e.role, ellipsis: g.ellipsis, clip: inner)
      y += 1
    }
  }

  static func emptyMessage(_ text: String, into canvas: inout Canvas, rect: Rect, glyphs: GlyphSet) {
    let msg = glyphs.text(text).truncated(to: rect.width, ellipsis: glyphs.ellipsis)
    canvas.text(
      rect.x + (rect.width - msg.unicodeScalars.count) / 2, rect.y + (rect.height - 1) / 2, msg, role: .muted,
      clip: rect)
  }
}
