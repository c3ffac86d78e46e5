import HFDashUI
import HFCanvas

/// Every widget with sample data, as closures that draw into a rectangle; used by the clipping tests.
enum AllWidgets {
  static func drawers(glyphs: GlyphSet) -> [(name: String, draw: (inout Canvas, Rect) -> Void)] {
    [
      (
        "LineChart log",
        { c, r in
          LineChart(
            title: "Loss", series: [ChartSeries(values: Fixtures.loss)], scale: .log10, eventMarkers: [10],
            glyphs: glyphs
          ).render(into: &c, rect: r)
        }
      ),
      (
        "LineChart clamped",
        { c, r in
          LineChart(
            title: "ρ", series: [ChartSeries(values: Fixtures.rho)], scale: .clamped(-1, 1.5),
            referenceLines: [0.25, 0.75], glyphs: glyphs
          ).render(into: &c, rect: r)
        }
      ),
      ("LineChart empty", { c, r in LineChart(title: "Loss", glyphs: glyphs).render(into: &c, rect: r) }),
      (
        "Sparkline",
        { c, r in
          Sparkline(values: [1, nil, 3, .nan, 5, 9], maximum: 8, glyphs: glyphs).render(into: &c, rect: r)
        }
      ),
      ("HistoryStrip", { c, r in HistoryStrip(values: [1e-3, 0, 1e-1], glyphs: glyphs).render(into: &c, rect: r) }),
      ("LayerBars", { c, r in LayerBars(layers: Fixtures.layers, glyphs: glyphs).render(into: &c, rect: r) }),
      (
        "Table",
        { c, r in
          Table(
            columns: [.init("iter", alignment: .right), .init("loss"), .init("note")],
            rows: [["1", "2.3", "start of a long note"], ["2", "1.1", ""]], selectedRow: 1, glyphs: glyphs
          ).render(into: &c, rect: r)
        }
      ),
      ("KeyBar", { c, r in KeyBar(items: Fixtures.keys(ascii: true), glyphs: glyphs).render(into: &c, rect: r) }),
      (
        "HelpOverlay",
        { c, r in HelpOverlay(entries: Fixtures.help(ascii: true), glyphs: glyphs).render(into: &c, rect: r) }
      ),
      (
        "PromptLine",
        { c, r in
          PromptLine(text: "lambda 0.5", hint: "set damping", error: "bad value", glyphs: glyphs).render(
            into: &c, rect: r)
        }
      ),
      ("Panel", { c, r in Panel(title: "Loss", caption: "log10", glyphs: glyphs).render(into: &c, rect: r) }),
      (
        "EventLog",
        { c, r in
          EventLog(entries: [.init("iter 1 accepted"), .init("iter 2 rejected", role: .warn)], glyphs: glyphs)
            .render(into: &c, rect: r)
        }
      ),
      ("Box", { c, r in c.box(r, title: "Box", glyphs: glyphs) }),
    ]
  }
}
