import HFCanvas
import HFDashUI
import HFEngine
import HFSession
import Testing

/// The on-demand Lanczos run in the dashboard: its key and `:lanczos` command, its progress, and
/// its column in the Spectrum panel.
@Suite struct LanczosProbeTests {
  /// A finished run at iteration 40 of the scripted run: 60 steps, the largest three and the
  /// smallest two values converged, the rest not.
  static var result: LanczosUpdate {
    let values = [3.2e-6, 4.1e-5, 2.0e-3, 0.11, 0.95, 18.4, 31.0, 33.2, 39.4, 93.2]
    let ritz = values.enumerated().map { k, v in
      RitzValue(value: v, residualBound: k >= 7 || k < 2 ? 1e-3 * v * 0.1 : v, converged: k >= 7 || k < 2)
    }
    let spectrum = CurvatureSpectrum(
      steps: 60, smallest: Array(ritz.prefix(5)), largest: Array(ritz.suffix(5).reversed()), convergedCount: 11,
      preconditioned: false, warmStarted: false, lambda: 0, weightCost: 0, structuralDamping: 0, source: .lanczos)
    return LanczosUpdate(phase: .finished, iteration: 40, step: 60, steps: 60, spectrum: spectrum, seconds: 2.1)
  }

  static var withResult: DashboardState {
    var s = ScriptedRun.state(preconditioned: false)
    s.apply(lanczos: LanczosUpdate(phase: .progress, iteration: 40, step: 12, steps: 60))
    s.apply(lanczos: result)
    return s
  }

  static func keyEffect(_ key: KeyEvent, _ state: inout DashboardState, _ view: inout DashboardView) -> DashboardEffect? {
    DashboardInput.handle(key, state: &state, view: &view)
  }

  @Test func theKeyStartsARunAndTheSameKeyOrEscStopsIt() {
    var state = ScriptedRun.state()
    var view = DashboardView()
    // Esc means nothing while no run is going.
    #expect(Self.keyEffect(.escape, &state, &view) == nil)
    #expect(Self.keyEffect(.char("L"), &state, &view) == .lanczos(steps: LanczosDefaults.steps))
    #expect(state.lanczos.isRunning && state.lanczos.progressText == "Lanczos waiting…")
    state.apply(lanczos: LanczosUpdate(phase: .progress, iteration: 40, step: 23, steps: 60))
    #expect(state.lanczos.progressText == "Lanczos 23/60")
    #expect(state.status?.text == "Lanczos 23/60 products on the undamped curvature… (L or Esc stops it)")
    #expect(Self.keyEffect(.char("L"), &state, &view) == .cancelLanczos)
    #expect(state.lanczos.progressText == "Lanczos stopping…")
    #expect(Self.keyEffect(.escape, &state, &view) == .cancelLanczos)
    // The session confirms: the run ended without a result, said in the log.
    let failed = LanczosUpdate(
      phase: .failed, iteration: 40, step: 0, steps: 60, message: "the Lanczos run was stopped before step 24.")
    state.apply(lanczos: failed)
    #expect(!state.lanczos.isRunning && state.lanczos.result == nil)
    #expect(state.log.last?.text == "Lanczos: the Lanczos run was stopped before step 24." && state.log.last?.kind == .warning)
    // In a replay there is nothing to run it on.
    var replay = ScriptedRun.state()
    replay.mode = .replay(ReplayPosition(iteration: 40, totalIterations: 40, speed: 1, isPlaying: false))
    #expect(KeyMap.standard.command(for: .char("L"), state: replay, view: DashboardView()) == nil)
    // The help lists the key.
    let help = KeyMap.standard.helpEntries(for: .live).map { $0.keys + " " + $0.help }
    #expect(help.contains { $0.hasPrefix("L Esc") && $0.contains("Lanczos on the undamped curvature (60 Gv)") }, "\(help)")
  }

  @Test func theCommandTakesABoundedStepCount() {
    #expect(LanczosCommand.parse("lambda 1e-3") == nil)
    #expect(LanczosCommand.parse("lanczos") == .success(.lanczos(steps: 60)))
    #expect(LanczosCommand.parse("lanczos 25") == .success(.lanczos(steps: 25)))
    #expect(LanczosCommand.parse("Lanczos 500") == .success(.lanczos(steps: 500)))
    #expect(LanczosCommand.parse("lanczos stop") == .success(.cancelLanczos))
    let bound = "the Lanczos step count must be a whole number from 1 to 500"
    #expect(LanczosCommand.parse("lanczos 0") == .failure(.init(message: bound + " (got 0)")))
    #expect(LanczosCommand.parse("lanczos 501") == .failure(.init(message: bound + " (got 501)")))
    #expect(LanczosCommand.parse("lanczos 1e9") == .failure(.init(message: bound + " (got 1e9)")))
    #expect(LanczosCommand.parse("lanczos 5 6") != nil)
    #expect(LanczosCommand.completions(prefix: "la") == ["lanczos"] && LanczosCommand.completions(prefix: "") == [])
    #expect(LanczosCommand.completions(prefix: "SP") == ["spectrum"] && LanczosCommand.completions(prefix: "lambda") == [])

    // Through the prompt: `:lanczos 25` starts a run of 25; a bad count keeps the prompt open with the reason.
    var state = ScriptedRun.state()
    var view = DashboardView()
    for key in [KeyEvent.char(":")] + "lanczos 25".unicodeScalars.map({ KeyEvent.char(Character($0)) }) {
      _ = Self.keyEffect(key, &state, &view)
    }
    #expect(Self.keyEffect(.enter, &state, &view) == .lanczos(steps: 25))
    #expect(view.prompt == nil && state.lanczos.running?.steps == 25)
    for key in [KeyEvent.char(":")] + "lanczos 0".unicodeScalars.map({ KeyEvent.char(Character($0)) }) {
      _ = Self.keyEffect(key, &state, &view)
    }
    #expect(Self.keyEffect(.enter, &state, &view) == nil)
    #expect(view.prompt?.error == bound + " (got 0)")
  }

  @Test func theResultGoesToTheLogAndThePanel() throws {
    let state = Self.withResult
    #expect(!state.lanczos.isRunning && state.lanczos.result == Self.result)
    let line = try #require(state.log.last)
    #expect(line.kind == .spectrum && line.iteration == 40)
    #expect(line.text == "Lanczos k 60, undamped GN: θ 3.2e-6 … 93.2 · κ 2.91e7 · 11/60 conv · 2.1s", "\(line.text)")
    // The column sits at iteration 40, right of every CG column but the last, in its own roles.
    let (canvas, rect) = SpectrumPanelTests.focused(state)
    let converged = SpectrumPanelTests.cells(canvas, in: rect, role: .accent)
    let unconverged = SpectrumPanelTests.cells(canvas, in: rect, role: .warn)
    #expect(!converged.isEmpty && !unconverged.isEmpty)
    let cgColumns = SpectrumPanelTests.cells(canvas, in: rect, role: .series2).map(\.x)
    #expect(Set(converged.map(\.x) + unconverged.map(\.x)).count == 1 && converged[0].x >= cgColumns.max()! - 1)
    // The focused panel at 80×24 has room for the short title only.
    #expect(canvas.textLines[rect.y].contains("G+λI · κ 2531 · L κ 2.91e7"), "\(canvas.textLines[rect.y])")
    // At 200×60 the title keeps the legend, whose `L` names the Lanczos column.
    let wide = Dashboard.render(state: state, view: DashboardView(), width: 200, height: 60).textLines
    #expect(wide.contains { $0.contains("G+λI · κ 2531 · L κ 2.91e7 ─ conv ─ λ ─ L ─") })
    // While a run goes on, the title shows its progress.
    var running = state
    running.apply(lanczos: LanczosUpdate(phase: .progress, iteration: 40, step: 7, steps: 60))
    let (busy, _) = SpectrumPanelTests.focused(running)
    #expect(busy.textLines[rect.y].contains("L 7/60"), "\(busy.textLines[rect.y])")
    // A restart forgets it.
    var restarted = state
    restarted.apply(.started(ScriptedRun.description(preconditioned: false)))
    #expect(restarted.lanczos.result == nil)
  }

  @Test func goldenFrames() {
    let (canvas, _) = SpectrumPanelTests.focused(Self.withResult)
    GoldenFrame.assert(canvas, named: "Spectrum-lanczos-80x24")
    let (ascii, _) = SpectrumPanelTests.focused(Self.withResult, glyphs: .ascii)
    GoldenFrame.assert(ascii, named: "Spectrum-lanczos-80x24-ascii")
    #expect(ascii.cells.allSatisfy { $0.scalar.isASCII })
    // In ASCII the markers tell converged (`*`) from unconverged (`?`) values.
    let rect = DashboardLayout(width: 80, height: 24, focus: .spectrum).rect(for: .spectrum)!
    let stars = SpectrumPanelTests.cells(ascii, in: rect, role: .accent)
    let queries = SpectrumPanelTests.cells(ascii, in: rect, role: .warn)
    #expect(!stars.isEmpty && stars.allSatisfy { ascii[$0.x, $0.y].scalar == "*" })
    #expect(!queries.isEmpty && queries.allSatisfy { ascii[$0.x, $0.y].scalar == "?" })
  }
}
