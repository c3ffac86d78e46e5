import HFDashUI
import Testing
import HFCanvas

/// Golden text frames (with a role layer) for the main widgets, in both glyph sets and at a couple of sizes.
@Suite struct GoldenFrameTests {
  static let glyphSets: [(String, GlyphSet)] = [("unicode", .unicode), ("ascii", .ascii)]

  @Test(arguments: [(30, 6), (72, 16), (100, 20)])
  func logLineChart(width: Int, height: Int) {
    for (name, glyphs) in Self.glyphSets {
      var canvas = Canvas(width: width, height: height)
      LineChart(
        title: "Loss",
        series: [
          ChartSeries(name: "train", values: Fixtures.loss, role: .series1, asciiMarker: nil),
          ChartSeries(name: "test", values: Fixtures.testLoss, role: .series2, asciiMarker: "*"),
        ],
        scale: .log10, eventMarkers: [20, 41], glyphs: glyphs
      ).render(into: &canvas, rect: canvas.bounds)
      GoldenFrame.assert(canvas, named: "LineChart-log-\(width)x\(height)-\(name)")
    }
  }

  @Test(arguments: [(30, 6), (60, 12)])
  func clampedLineChart(width: Int, height: Int) {
    for (name, glyphs) in Self.glyphSets {
      var canvas = Canvas(width: width, height: height)
      LineChart(
        title: name == "ascii" ? "rho" : "ρ", series: [ChartSeries(values: Fixtures.rho, firstX: 100)],
        scale: .clamped(-1, 1.5), referenceLines: [0.25, 0.75], glyphs: glyphs
      ).render(into: &canvas, rect: canvas.bounds)
      GoldenFrame.assert(canvas, named: "LineChart-clamped-\(width)x\(height)-\(name)")
    }
  }

  @Test(arguments: [(36, 6), (60, 6)])
  func layerBars(width: Int, height: Int) {
    for (name, glyphs) in Self.glyphSets {
      var canvas = Canvas(width: width, height: height)
      LayerBars(layers: Fixtures.layers, glyphs: glyphs).render(into: &canvas, rect: canvas.bounds)
      GoldenFrame.assert(canvas, named: "LayerBars-\(width)x\(height)-\(name)")
    }
  }

  @Test(arguments: [(50, 14), (30, 7)])
  func helpOverlay(width: Int, height: Int) {
    for (name, glyphs) in Self.glyphSets {
      var canvas = Canvas(width: width, height: height)
      canvas.fill(canvas.bounds, with: Cell("#", role: .muted))  // the dashboard underneath
      HelpOverlay(entries: Fixtures.help(ascii: name == "ascii"), glyphs: glyphs).render(
        into: &canvas, rect: canvas.bounds)
      GoldenFrame.assert(canvas, named: "HelpOverlay-\(width)x\(height)-\(name)")
    }
  }

  @Test(arguments: [60, 24])
  func keyBar(width: Int) {
    for (name, glyphs) in Self.glyphSets {
      var canvas = Canvas(width: width, height: 1)
      KeyBar(items: Fixtures.keys(ascii: name == "ascii"), glyphs: glyphs).render(into: &canvas, rect: canvas.bounds)
      GoldenFrame.assert(canvas, named: "KeyBar-\(width)-\(name)")
    }
  }

  @Test(arguments: [40, 16])
  func promptLine(width: Int) {
    for (name, glyphs) in Self.glyphSets {
      var canvas = Canvas(width: width, height: 3)
      let lambda = name == "ascii" ? "lambda" : "λ"
      PromptLine(text: "lambda 0.5", hint: "damping \(lambda), now 1.2", glyphs: glyphs)
        .render(into: &canvas, rect: Rect(x: 0, y: 0, width: width, height: 1))
      PromptLine(text: "lambda -3", cursor: 2, error: "\(lambda) must be > 0", glyphs: glyphs)
        .render(into: &canvas, rect: Rect(x: 0, y: 1, width: width, height: 1))
      PromptLine(text: "cg-cap 250 --then lambda 0.25", glyphs: glyphs)
        .render(into: &canvas, rect: Rect(x: 0, y: 2, width: width, height: 1))
      GoldenFrame.assert(canvas, named: "PromptLine-\(width)-\(name)")
    }
  }

  @Test func panelWithTableAndLog() {
    for (name, glyphs) in Self.glyphSets {
      var canvas = Canvas(width: 44, height: 12)
      let inner = Panel(title: "Steps", caption: "last 3", glyphs: glyphs).render(
        into: &canvas, rect: Rect(x: 0, y: 0, width: 44, height: 6))
      Table(
        columns: [.init("iter", alignment: .right), .init("loss", alignment: .right), .init("rho"), .init("note")],
        rows: [["41", "0.0123", "0.81", "accepted"], ["42", "0.0119", "0.12", "rejected, damping raised"]],
        rowRoles: [.normal, .warn], selectedRow: 0, glyphs: glyphs
      ).render(into: &canvas, rect: inner)
      let logRect = Panel(title: "Events", glyphs: glyphs).render(
        into: &canvas, rect: Rect(x: 0, y: 6, width: 44, height: 6))
      var log = EventLog(capacity: 3, glyphs: glyphs)
      for i in 1...5 {
        log.append("iteration \(i) done in " + Format.duration(Double(i) * 0.7), role: i == 4 ? .warn : .normal)
      }
      log.render(into: &canvas, rect: logRect)
      GoldenFrame.assert(canvas, named: "Panel-Table-EventLog-\(name)")
    }
  }
}
