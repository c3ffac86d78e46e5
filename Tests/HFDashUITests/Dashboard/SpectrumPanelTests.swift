import HFCanvas
import HFDashUI
import HFEngine
import HFSession
import Testing

/// The curvature-spectrum panel and the CG run's κ: what reaches the state, and what is drawn.
@Suite struct SpectrumPanelTests {
  static let preconditioned = ScriptedRun.state()
  static let plain = ScriptedRun.state(preconditioned: false)

  /// The spectrum panel focused at 80×24 (it takes the large slot).
  static func focused(_ state: DashboardState, glyphs: GlyphSet = .unicode) -> (Canvas, Rect) {
    var view = DashboardView()
    view.focus = .spectrum
    let canvas = Dashboard.render(state: state, view: view, width: 80, height: 24, glyphs: glyphs)
    let rect = DashboardLayout(width: 80, height: 24, focus: .spectrum).rect(for: .spectrum)!
    return (canvas, rect)
  }

  static func cells(_ canvas: Canvas, in rect: Rect, role: StyleRole) -> [(x: Int, y: Int)] {
    var out: [(Int, Int)] = []
    for y in (rect.y + 1)..<rect.maxY { for x in rect.x..<rect.maxX where canvas[x, y].role == role { out.append((x, y)) } }
    return out
  }

  @Test func eachIterationKeepsItsCGRunsSpectrum() {
    let h = Self.plain.history
    #expect(h.spectra.count == h.count && h.spectra.allSatisfy { $0 != nil })
    for k in h.spectra.indices {
      #expect(h.spectra[k]?.steps == h.cgComputed[k])
      #expect(h.spectra[k]?.lambda == h.lambdaBefore[k])
    }
    // A report with no cgFinished before it (another source, a recording without spectra) has none.
    var s = Self.plain
    s.apply(.engine(.iterationStarted(iteration: 41, lambda: 0.1)))
    var report = ScriptedRun.report(
      41, objective: 2.4, before: 2.5, lambda: 0.1, after: 0.1, rho: 0.5, computed: 3, chosen: 3, reason: .converged,
      accepted: true, passes: 100)
    report.iteration = 41
    s.apply(.engine(.iterationFinished(report)))
    #expect(s.history.spectra.last == .some(nil) && s.history.spectra.count == s.history.count)
  }

  @Test func theCGRunCarriesARunningThenAFinalKappa() throws {
    var s = Self.preconditioned
    let live = try #require(s.liveCG)
    // 117 steps: the last running estimate came at step 115 (every fifth past 20).
    #expect(live.ritzStep == 115)
    let running = try #require(live.conditionNumber)
    #expect(running == live.ritzRange!.largest / live.ritzRange!.smallest)
    let summary = ScriptedRun.cgSummary(hf: 41, computed: 117, reason: .converged, lambda: s.settings.lambda)
    s.apply(.engine(.cgFinished(summary)))
    #expect(s.liveCG?.conditionNumber == summary.spectrum!.conditionNumber)
    // A restarted run (step numbering starts over) forgets the old estimate.
    s.apply(.engine(.cgStep(CGStep(hfIteration: 41, i: 1, phi: -0.1, relativeProgress: .nan, stored: false))))
    #expect(s.liveCG?.ritzRange == nil && s.liveCG?.conditionNumber == nil)
    // The CG run panel says κ≈ while running.
    let canvas = Dashboard.render(state: Self.preconditioned, view: DashboardView(), width: 120, height: 40)
    let rect = DashboardLayout(width: 120, height: 40).rect(for: .cgRun)!
    let text = (rect.y..<rect.maxY).map { canvas.textLines[$0] }.joined()
    #expect(text.contains("φ -0.373 · κ≈" + Format.compact(running)), "\(text)")
  }

  @Test func thePanelNamesTheMatrixAndTheLatestKappa() throws {
    for state in [Self.plain, Self.preconditioned] {
      let latest = try #require(state.history.spectra.last ?? nil)
      let (canvas, rect) = Self.focused(state)
      let top = canvas.textLines[rect.y]
      #expect(top.contains("κ " + Format.compact(latest.conditionNumber)), "\(top)")
      #expect(top.contains(latest.preconditioned ? "M⁻¹(G+λI)" : "G+λI"), "\(top)")
      // Converged values are drawn bright, the others dim.
      #expect(!Self.cells(canvas, in: rect, role: .series2).isEmpty && !Self.cells(canvas, in: rect, role: .muted).isEmpty)
    }
  }

  @Test func lambdaIsALineOnlyWhereTheValuesAreOfTheDampedMatrixItself() {
    let (plainCanvas, rect) = Self.focused(Self.plain)
    #expect(Self.cells(plainCanvas, in: rect, role: .series3).count > 20)
    let (preCanvas, _) = Self.focused(Self.preconditioned)
    #expect(Self.cells(preCanvas, in: rect, role: .series3).isEmpty)
    // Preconditioner switched on from iteration 21: the λ line stops there.
    var mixed = DashboardState()
    let events = ScriptedRun.events(preconditioned: false)
    for (time, event) in events {
      mixed.now = time
      if case .engine(.cgFinished(var s)) = event, s.hfIteration > 20 {
        s.spectrum?.preconditioned = true
        mixed.apply(.engine(.cgFinished(s)))
      } else {
        mixed.apply(event)
      }
    }
    let (canvas, _) = Self.focused(mixed)
    let lambdaColumns = Self.cells(canvas, in: rect, role: .series3).map(\.x)
    let dotColumns = Self.cells(canvas, in: rect, role: .series2).map(\.x)
    #expect(!lambdaColumns.isEmpty)
    // Iteration 20 of 40 sits about half-way across the plot; nothing of the line lies right of it.
    #expect(lambdaColumns.max()! < (dotColumns.min()! + dotColumns.max()!) / 2 + 2)
  }

  @Test func aReplayWithoutSpectraSaysSo() {
    var state = DashboardState()
    state.mode = .replay(ReplayPosition(iteration: 0, totalIterations: 10, speed: 1, isPlaying: false))
    let (canvas, _) = Self.focused(state)
    #expect(canvas.textLines.joined().contains("no spectrum in this recording"))
  }

  @Test func goldenFrames() {
    let (canvas, _) = Self.focused(Self.plain)
    GoldenFrame.assert(canvas, named: "Spectrum-focus-80x24")
    let (ascii, _) = Self.focused(Self.plain, glyphs: .ascii)
    GoldenFrame.assert(ascii, named: "Spectrum-focus-80x24-ascii")
    #expect(ascii.cells.allSatisfy { $0.scalar.isASCII })
    GoldenFrame.assert(
      Dashboard.render(state: Self.plain, view: DashboardView(), width: 120, height: 40), named: "Spectrum-plain-120x40")
  }
}
