import HFCanvas
import HFRecording
/// Draws the whole dashboard: a pure function from state, view and size to a canvas.
public enum Dashboard {
  /// Renders one frame.
  public static func render(
    state: DashboardState, view: DashboardView, width: Int, height: Int, glyphs: GlyphSet = .unicode,
    keyMap: KeyMap = .standard
  ) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    let layout = DashboardLayout(
      width: width, height: height, focus: view.focus, timeline: state.mode.isReplay, race: state.race != nil)
    guard layout.sizeClass != .tooSmall else {
      drawTooSmall(into: &canvas, glyphs: glyphs)
      return canvas
    }
    let context = RenderContext(state: state, view: view, layout: layout, glyphs: glyphs)
    drawHeader(into: &canvas, rect: layout.header, context: context)
    for slot in layout.slots {
      drawPanel(slot.panel, into: &canvas, rect: slot.rect, context: context)
    }
    if let strip = layout.timeline, case .replay(let position) = state.mode {
      TimelineStrip(time: position.time, duration: position.duration, markers: position.markers, glyphs: glyphs)
        .render(into: &canvas, rect: strip)
    }
    drawStatus(into: &canvas, rect: layout.status, context: context)
    drawFooter(into: &canvas, rect: layout.footer, context: context, keyMap: keyMap)
    if view.showsHelp && !view.confirmingQuit && view.prompt == nil {
      let entries = (keyMap.helpEntries(for: KeyMap.mode(of: state), ascii: !glyphs.usesBraille) + panelHelp).map {
        HelpEntry(keys: glyphs.text($0.keys), help: glyphs.text($0.help), group: $0.group)
      }
      HelpOverlay(
        entries: entries, title: "Keys", footer: glyphs.text("? or Esc closes · ↑↓ scroll"),
        scrollOffset: view.helpScroll, glyphs: glyphs
      ).render(into: &canvas, rect: layout.body)
    }
    return canvas
  }

  /// What the panels that need it show, for the help overlay (after the keys).
  static let panelHelp = [
    HelpEntry(
      keys: "Spectrum",
      help: "curvature eigenvalue estimates of each CG run (bright: converged), λ, κ",
      group: "Panels")
  ]

  /// Everything the panel renderers read.
  struct RenderContext {
    let state: DashboardState
    let view: DashboardView
    let layout: DashboardLayout
    let glyphs: GlyphSet
    /// The x range every per-iteration chart shares, so their columns line up.
    let xRange: ClosedRange<Double>
    /// The comparison run while it is shown.
    let comparison: ComparisonRun?

    init(state: DashboardState, view: DashboardView, layout: DashboardLayout, glyphs: GlyphSet) {
      self.state = state
      self.view = view
      self.layout = layout
      self.glyphs = glyphs
      let its = state.history.iterations
      let lo = Double(its.first ?? 1)
      var hi = Double(its.last ?? 1)
      comparison = view.showsComparison && state.comparison?.isEmpty == false ? state.comparison : nil
      // With a comparison run, the charts look a little ahead of the live run: where the other one went next.
      if let last = comparison?.iterations.last.map(Double.init), last > hi {
        hi = min(last, hi + Dashboard.comparisonLookahead(after: hi))
      }
      xRange = lo...max(hi, lo + 1)
    }

    func frame(
      _ panel: DashboardPanel, title: String? = nil, shortTitle: String? = nil, legend: [PanelFrame.LegendItem] = [],
      captions: [String] = []
    ) -> PanelFrame {
      PanelFrame(
        title: title ?? panel.title, shortTitle: shortTitle ?? panel.shortTitle, legend: legend, captions: captions,
        isFocused: view.focus == panel, bordered: layout.bordered, glyphs: glyphs)
    }
  }

  static func drawPanel(_ panel: DashboardPanel, into canvas: inout Canvas, rect: Rect, context: RenderContext) {
    switch panel {
    case .objective: drawObjective(into: &canvas, rect: rect, context: context)
    case .error: drawError(into: &canvas, rect: rect, context: context)
    case .lambda: drawLambda(into: &canvas, rect: rect, context: context)
    case .rho: drawRho(into: &canvas, rect: rect, context: context)
    case .cgIterations: drawCGIterations(into: &canvas, rect: rect, context: context)
    case .layers: drawLayers(into: &canvas, rect: rect, context: context)
    case .cgRun: drawCGRun(into: &canvas, rect: rect, context: context)
    case .spectrum: drawSpectrum(into: &canvas, rect: rect, context: context)
    case .settings: drawSettings(into: &canvas, rect: rect, context: context)
    case .log: drawLog(into: &canvas, rect: rect, context: context)
    case .race: drawRace(into: &canvas, rect: rect, context: context)
    case .racers: drawRacers(into: &canvas, rect: rect, context: context)
    }
  }

  /// "terminal too small: need 60×20, have W×H", centred, on one line or, when narrow, three.
  static func drawTooSmall(into canvas: inout Canvas, glyphs: GlyphSet) {
    guard canvas.width > 0, canvas.height > 0 else { return }
    let need = "need \(DashboardLayout.minimumWidth)×\(DashboardLayout.minimumHeight)"
    let have = "have \(canvas.width)×\(canvas.height)"
    let one = glyphs.text("terminal too small: \(need), \(have)")
    let lines =
      one.unicodeScalars.count <= canvas.width || canvas.height < 3
      ? [one] : [canvas.width >= 18 ? "terminal too small" : "too small", need, have].map(glyphs.text)
    let top = max(0, (canvas.height - lines.count) / 2)
    for (i, line) in lines.enumerated() where top + i < canvas.height {
      let text = line.truncated(to: canvas.width, ellipsis: glyphs.ellipsis)
      let x = max(0, (canvas.width - text.unicodeScalars.count) / 2)
      canvas.text(x, top + i, text, role: i == 0 ? .warn : .normal, bold: i == 0)
    }
  }
}
