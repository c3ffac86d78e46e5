import HFCanvas
/// Layout, axes and plotting of a `LineChart`.
extension LineChart {
  /// Where the parts of a chart go inside its rectangle.
  struct Layout {
    var plot: Rect
    var axisColumn: Int?
    var axisRow: Int?
    var labelRow: Int?
    var yRange: ClosedRange<Double>
    var xRange: ClosedRange<Double>
    var yTicks: [AxisTick]
    var xTicks: [AxisTick]

    init(rect: Rect, hasTitle: Bool, chart: LineChart) {
      let top = rect.y + (hasTitle ? 1 : 0)
      let hasLabels = rect.height >= 5
      let hasAxisLine = rect.height >= 4
      let plotH = rect.maxY - top - (hasLabels ? 1 : 0) - (hasAxisLine ? 1 : 0)
      yRange = chart.effectiveYRange
      xRange = chart.effectiveXRange
      let maxY = max(2, min(6, (plotH + 1) / 3 + 1))
      yTicks = plotH >= 2 ? chart.scale.ticks(in: yRange, maxCount: maxY) : []
      if plotH >= 3 && yTicks.count < 2 {  // a narrow range: allow a finer step before giving up on nice ticks
        yTicks = chart.scale.ticks(in: yRange, maxCount: min(plotH, maxY + 2))
      }
      if plotH >= 2 && yTicks.count < 2 {  // too few nice ticks: label the ends of the range instead
        yTicks = [yRange.upperBound, yRange.lowerBound].map { AxisTick(value: $0, label: Self.endLabel($0)) }
      }
      let labelW = min(6, yTicks.map(\.label.unicodeScalars.count).max() ?? 0)
      let showY = labelW > 0 && rect.width >= labelW + 1 + 8
      if !showY { yTicks = [] }
      let plotX = showY ? rect.x + labelW + 1 : rect.x
      plot = Rect(x: plotX, y: top, width: rect.maxX - plotX, height: max(0, plotH))
      axisColumn = showY ? plotX - 1 : nil
      axisRow = hasAxisLine && plotH > 0 ? plot.maxY : nil
      labelRow = hasLabels && plotH > 0 ? plot.maxY + 1 : nil
      let integral = chart.series.allSatisfy { $0.xs.allSatisfy { $0 == $0.rounded() } }
      xTicks =
        labelRow == nil
        ? []
        : NiceTicks.linear(
          xRange.lowerBound, xRange.upperBound, maxCount: max(2, plot.width / 8), minStep: integral ? 1 : 0)
    }

    /// A label for a range end in at most 6 characters: 3 significant digits, fewer when needed ("-0.081").
    static func endLabel(_ v: Double) -> String {
      let full = Format.compact(v)
      guard full.unicodeScalars.count > 6, v.isFinite, v != 0 else { return full }
      for digits in [2, 1] {
        let decimals = max(0, digits - 1 - Format.decimalExponent(abs(v)))
        let plain = Format.trimZeros(Format.fixed(v, decimals: decimals))
        let sci = Format.scientific(v, significant: digits)
        let best = plain.count <= sci.count ? plain : sci
        if best.unicodeScalars.count <= 6 { return best }
      }
      return full
    }

    var dotWidth: Int { plot.width * 2 }
    var dotHeight: Int { plot.height * 4 }

    /// The dot column of x, or nil if it is outside the x range.
    func dotX(_ x: Double) -> Int? {
      guard x.isFinite else { return nil }
      let span = xRange.upperBound - xRange.lowerBound
      let f = span > 0 ? (x - xRange.lowerBound) / span : 0
      guard f >= -1e-9, f <= 1 + 1e-9 else { return nil }
      return Int((min(1, max(0, f)) * Double(dotWidth - 1)).rounded())
    }

    /// The dot row of a fraction (0 = bottom).
    func dotY(_ f: Double) -> Int { (dotHeight - 1) - Int((min(1, max(0, f)) * Double(dotHeight - 1)).rounded()) }
  }

  func drawAxes(into canvas: inout Canvas, layout: Layout, rect: Rect, xTicks: [AxisTick]) {
    let plot = layout.plot
    if let col = layout.axisColumn {
      canvas.vline(col, plot.y, plot.height, glyphs.vertical, role: .axis, clip: rect)
      var used = Set<Int>()
      let labelW = col - rect.x
      for tick in layout.yTicks {
        guard let f = scale.fraction(of: tick.value, in: layout.yRange), f >= -1e-9, f <= 1 + 1e-9 else { continue }
        let row = plot.y + layout.dotY(f) / 4
        guard used.insert(row).inserted else { continue }
        let label = tick.label.truncated(to: labelW, ellipsis: glyphs.ellipsis)
        canvas.text(col - label.unicodeScalars.count, row, label, role: .axis, clip: rect)
        canvas.set(col, row, Cell(glyphs.axisTick, role: .axis), clip: rect)
      }
      if let row = layout.axisRow { canvas.set(col, row, Cell(glyphs.bottomLeft, role: .axis), clip: rect) }
    }
    if let row = layout.axisRow { canvas.hline(plot.x, row, plot.width, glyphs.horizontal, role: .axis, clip: rect) }
    guard let row = layout.labelRow else { return }
    var labels = LabelRow(from: rect.x, to: rect.maxX)
    for tick in xTicks {
      guard let dx = layout.dotX(tick.value),
        let start = labels.place(width: tick.label.unicodeScalars.count, at: plot.x + dx / 2)
      else { continue }
      canvas.text(start, row, tick.label, role: .axis, clip: rect)
    }
  }

  func plot(into canvas: inout Canvas, layout: Layout, rect: Rect, summary: inout Summary) {
    let plot = layout.plot
    var dots = BrailleCanvas(columns: plot.width, rows: plot.height)
    for value in referenceLines {
      guard let f = scale.fraction(of: value, in: layout.yRange), f >= 0, f <= 1 else { continue }
      let y = layout.dotY(f)
      for x in stride(from: 0, to: dots.dotWidth, by: 2) {
        dots.set(x: x, y: y, layer: 0, role: .muted, marker: glyphs.referenceLine)
      }
    }
    var edge: [(col: Int, top: Bool, cell: Cell)] = []
    var ends: [(x: Int, y: Int, cell: Cell)] = []
    // Ghosts (comparison runs) are drawn first, so every live series covers them (a cell's last layer wins);
    // they mark no clips or gaps.
    let drawOrder = series.indices.filter { series[$0].role == .ghost } + series.indices.filter { series[$0].role != .ghost }
    for index in drawOrder {
      let s = series[index]
      let ghost = s.role == .ghost
      let layer = index + 1
      var previous: (x: Int, y: Int)?
      defer {
        if let m = s.endMarker, let p = previous { ends.append((p.x / 2, p.y / 4, Cell(m, role: s.role, bold: true))) }
      }
      for (x, y) in zip(s.xs, s.ys) {
        guard let dx = layout.dotX(x) else {
          previous = nil
          continue
        }
        let dy: Int
        switch scale.position(of: y, in: layout.yRange) {
        case .inside(let f):
          dy = layout.dotY(f)
        case .above:
          dy = 0
          if ghost { break }
          summary.above += 1
          edge.append((dx / 2, true, Cell(glyphs.above, role: .warn, bold: true)))
        case .below:
          dy = layout.dotHeight - 1
          if ghost { break }
          summary.below += 1
          edge.append((dx / 2, false, Cell(glyphs.below, role: .warn, bold: true)))
        case .gap:
          if !ghost {
            summary.gaps += 1
            edge.append((dx / 2, y == .infinity, Cell(glyphs.gap, role: .bad, bold: true)))
          }
          previous = nil
          continue
        }
        if let p = previous, s.connected {
          dots.line(from: p.x, p.y, to: dx, dy, layer: layer, role: s.role, marker: s.asciiMarker)
        } else {
          dots.set(x: dx, y: dy, layer: layer, role: s.role, marker: s.asciiMarker)
        }
        previous = (dx, dy)
      }
    }
    dots.render(into: &canvas, x: plot.x, y: plot.y, glyphs: glyphs, clip: plot.intersection(rect))
    for e in ends { canvas.set(plot.x + e.x, plot.y + e.y, e.cell, clip: plot.intersection(rect)) }
    // Event markers take the top row wherever no series has dots there.
    for x in eventMarkers {
      guard let dx = layout.dotX(x), dots.owner(column: dx / 2, row: 0) <= 0 else { continue }
      canvas.set(plot.x + dx / 2, plot.y, Cell(glyphs.eventMarker, role: .accent), clip: rect)
    }
    // Clip markers go on top, gaps on top of those: neither may ever be hidden by a line.
    for e in edge.sorted(by: { ($0.cell.role == .bad ? 1 : 0) < ($1.cell.role == .bad ? 1 : 0) }) {
      canvas.set(plot.x + e.col, e.top ? plot.y : plot.maxY - 1, e.cell, clip: plot.intersection(rect))
    }
  }
}
