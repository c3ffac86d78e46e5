import HFEngine
import HFCanvas

/// The race panels: every racer's curve in one chart, the race table, and HF's layer gradients
/// beside the focused racer's.
extension Dashboard {
  static func drawRace(into canvas: inout Canvas, rect: Rect, context c: RenderContext) {
    guard let race = c.state.race else { return }
    let axis = c.view.raceAxis, metric = c.view.raceMetric
    let budget = pointBudget(rect)
    var series: [ChartSeries] = []
    var legend: [PanelFrame.LegendItem] = []
    for t in race.tracks where !t.points.isEmpty {
      let step = max(1, t.points.count / budget)
      var picked = stride(from: 0, to: t.points.count, by: step).map { t.points[$0] }
      if let last = t.points.last, picked.last != last { picked.append(last) }
      var s = ChartSeries(
        name: t.kind.displayName, xs: picked.map(axis.x), ys: picked.map(metric.y), role: t.kind.raceRole,
        asciiMarker: t.kind.asciiMarker)
      s.endMarker = c.glyphs.usesBraille ? t.kind.raceGlyph : nil
      series.append(s)
      let name = (c.glyphs.usesBraille ? String(t.kind.raceGlyph) : "") + t.kind.displayName
      legend.append(PanelFrame.LegendItem(name: name, value: nil, role: t.kind.raceRole))
    }
    // The focused racer is drawn last so it wins shared cells; HF next to last.
    let focused = focusedRacer(race, c.view)
    series.sort { rank($0.name, focused) < rank($1.name, focused) }
    let xs = series.flatMap(\.xs).filter(\.isFinite)
    let xRange = (xs.min() ?? 0)...max(xs.max() ?? 1, (xs.min() ?? 0) + 1)
    drawChart(
      .race, into: &canvas, rect: rect, context: c, title: metric.title + " by " + axis.rawValue,
      shortTitle: "Race " + metric.shortName + " · " + axis.rawValue, series: series, legend: legend, scale: c.view.scale(of: .race) ?? .log10,
      xRange: xRange, emptyText: "no racer has reported yet")
  }

  /// Sort key: other racers first, then HF, then the focused racer on top.
  private static func rank(_ name: String, _ focused: OptimizerKind?) -> Int {
    if name == focused?.displayName { return 2 }
    return name == OptimizerKind.hf.displayName ? 1 : 0
  }

  /// The racer whose gradients stand beside HF's: the chosen one while it races, else the first non-HF one.
  static func focusedRacer(_ race: RaceState, _ view: DashboardView) -> OptimizerKind? {
    let others = race.tracks.filter { $0.kind != .hf && !$0.isDropped }.map(\.kind)
    return view.focusedRacer.flatMap { others.contains($0) ? $0 : nil } ?? others.first
  }

  static func drawRacers(into canvas: inout Canvas, rect: Rect, context c: RenderContext) {
    guard let race = c.state.race else { return }
    let g = c.glyphs
    let wide = rect.width >= 60
    let pausedMark = g.usesBraille ? "‖" : "(p)", droppedMark = g.usesBraille ? "✕" : "(x)"
    var marks: [String] = []
    if !wide && race.tracks.contains(where: { $0.isPaused && !$0.isDropped }) { marks.append(pausedMark + " paused") }
    if !wide && race.tracks.contains(where: \.isDropped) { marks.append(droppedMark + " dropped") }
    let captions = marks.isEmpty ? ["passes to beat the others' best"] : [marks.joined(separator: " "), ""]
    let inner = c.frame(.racers, captions: captions).render(into: &canvas, rect: rect)
    guard !inner.isEmpty else { return }
    var columns = [
      Table.Column("racer"), Table.Column(wide ? "objective" : "f", alignment: .right),
      Table.Column("error", alignment: .right), Table.Column("passes", alignment: .right),
      Table.Column(g.text(wide ? "→ best" : "→best"), alignment: .right),
    ]
    if wide { columns += [Table.Column("state"), Table.Column("step", alignment: .right)] }
    let focused = focusedRacer(race, c.view)
    var rows: [[String]] = []
    var roles: [StyleRole] = []
    let standings = Dictionary(race.standings.map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })
    let leader = race.leader
    for t in race.tracks {
      let s = standings[t.kind]
      let mark = g.usesBraille ? String(t.kind.raceGlyph) : String(t.kind.asciiMarker)
      // Narrow tables have no state column: a paused or dropped racer is marked after its name.
      let status = wide ? "" : t.isDropped ? " " + droppedMark : t.isPaused ? " " + pausedMark : ""
      var row = [
        mark + " " + t.kind.displayName + (t.kind == leader ? " *" : "") + status,
        s.map { Format.compact($0.finalObjective) } ?? "–", s.map { Format.compact($0.finalError) } ?? "–",
        Format.compact(s?.dataPasses ?? 0), s?.passesToOthersBest.map(Format.compact) ?? "–",
      ]
      if wide {
        let state = t.isDropped ? "dropped" : t.isPaused ? "paused" : t.kind == focused ? "focus" : ""
        let step = t.latest.map { r in r.optimizer == .hf ? "λ " + Format.compact(r.lambdaAfter) : r.learningRate.map { "lr " + Format.compact($0) } ?? "" } ?? ""
        row += [state, step]
      }
      rows.append(row.map(g.text))
      roles.append(t.isDropped ? .muted : t.kind.raceRole)
    }
    Table(columns: columns, rows: rows, rowRoles: roles, glyphs: g).render(into: &canvas, rect: inner)
  }

  /// Races: HF's per-layer gradient norms and the focused racer's side by side on one log scale.
  static func drawRaceLayers(into canvas: inout Canvas, rect: Rect, context c: RenderContext, race: RaceState) {
    let names = c.state.session?.groupNames ?? []
    let focused = focusedRacer(race, c.view)
    let pair = [OptimizerKind.hf] + (focused.map { [$0] } ?? [])
    let caption = pair.map(\.displayName).joined(separator: " | ")
    let inner = c.frame(.layers, captions: [caption]).render(into: &canvas, rect: rect)
    guard !inner.isEmpty else { return }
    let norms = pair.map { race.track($0)?.latest?.layerGradientNorms ?? [] }
    guard norms.contains(where: { !$0.isEmpty }) else {
      emptyMessage("no gradients yet", into: &canvas, rect: inner, glyphs: c.glyphs)
      return
    }
    func layers(_ values: [Double]) -> [LayerBars.Layer] {
      values.enumerated().map { k, v in
        LayerBars.Layer(label: k < names.count ? c.glyphs.text(names[k]) : "g\(k + 1)", value: v)
      }
    }
    let range = LayerBars(layers: norms.flatMap(layers), glyphs: c.glyphs).effectiveRange
    let gap = 1
    let halfW = (inner.width - gap * (pair.count - 1)) / pair.count
    for (i, kind) in pair.enumerated() {
      let x = inner.x + i * (halfW + gap)
      let title = c.glyphs.text((c.glyphs.usesBraille ? String(kind.raceGlyph) + " " : "") + kind.displayName)
      canvas.text(x, inner.y, title.truncated(to: halfW, ellipsis: c.glyphs.ellipsis), role: kind.raceRole, bold: true)
      let box = Rect(x: x, y: inner.y + 1, width: halfW, height: inner.height - 1)
      if norms[i].isEmpty {
        emptyMessage("no report yet", into: &canvas, rect: box, glyphs: c.glyphs)
      } else {
        LayerBars(layers: layers(norms[i]), range: range, glyphs: c.glyphs).render(into: &canvas, rect: box)
      }
    }
  }
}

extension OptimizerKind {
  /// The colour role of this racer's curve, rows and bars.
  var raceRole: StyleRole {
    switch self {
    case .hf: .series1
    case .sgd: .series2
    case .momentum: .series6
    case .adam: .series3
    case .ncg: .series4
    case .lbfgs: .series5
    }
  }

  /// The symbol at the head of this racer's curve and in the legend (Unicode glyph set).
  var raceGlyph: Unicode.Scalar {
    switch self {
    case .hf: "●"
    case .sgd: "▲"
    case .momentum: "△"
    case .adam: "■"
    case .ncg: "◆"
    case .lbfgs: "★"
    }
  }

  /// The letter this racer's curve is plotted with in ASCII (`H`, `S`, `M`, `A`, `N`, `L`).
  var asciiMarker: Unicode.Scalar {
    switch self {
    case .hf: "H"
    case .sgd: "S"
    case .momentum: "M"
    case .adam: "A"
    case .ncg: "N"
    case .lbfgs: "L"
    }
  }
}
