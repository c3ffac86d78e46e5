import HFDashUI
import HFEngine
import HFSession
import Testing
import HFRecording

/// The race view: state from racer events, standings, keys, and golden frames.
@Suite struct RaceDashboardTests {
  @Test func racerEventsFeedTheirTracks() throws {
    let state = ScriptedRace.state()
    let race = try #require(state.race)
    #expect(race.tracks.map(\.kind) == ScriptedRace.kinds)
    let hf = try #require(race.track(.hf))
    #expect(hf.points.count == ScriptedRace.hfIterations)
    #expect(hf.points.last?.dataPasses == 144)
    // SGD takes 1-pass steps up to HF's 144 passes; L-BFGS 1.7-pass steps until it is not behind.
    #expect(race.track(.sgd)?.points.count == 144)
    let lbfgs = try #require(race.track(.lbfgs)?.points.last)
    #expect(lbfgs.dataPasses >= 144 && lbfgs.dataPasses < 144 + 1.7)
    // Seconds are each racer's own compute: 0.9 s per SGD report.
    #expect(abs((race.track(.sgd)?.points.last?.seconds ?? 0) - 144 * 0.9) < 1e-9)
    #expect(race.track(.adam)?.isPaused == true)
    #expect(race.turn == .sgd)
    #expect(Dashboard.progressText(state) == "HF 13 · SGD-N's turn")
    #expect(race.track(.sgd)?.isPaused == false)
    // HF's own history still holds only HF's iterations.
    #expect(state.history.iterations.count == ScriptedRace.hfIterations)
  }

  @Test func standingsCountPassesToTheOthersBest() throws {
    let race = try #require(ScriptedRace.state().race)
    let s = race.standings
    #expect(s.map(\.kind) == ScriptedRace.kinds)
    #expect(race.leader == .hf)
    // HF reaches the best of the others (L-BFGS's at ~144.5 passes) at the first HF iteration whose
    // objective is at or below it.
    let othersBest = ScriptedRace.objective(.lbfgs, passes: try #require(race.track(.lbfgs)?.points.last?.dataPasses))
    let firstK = try #require((1...12).first { ScriptedRace.objective(.hf, passes: Double($0) * 12) <= othersBest })
    #expect(s[0].passesToOthersBest == Double(firstK) * 12)
    // Nobody else has reached HF's best.
    #expect(s.dropFirst().allSatisfy { $0.passesToOthersBest == nil })
    #expect(s[1].dataPasses == 144)
    #expect(s[1].finalObjective == ScriptedRace.objective(.sgd, passes: 144))
  }

  @Test func dropAndHoldFoldIntoTheTracks() throws {
    var state = ScriptedRace.state()
    state.apply(
      .control(AppliedControl(control: .dropRacer(.sgd), setting: "SGD-N", old: "racing", new: "dropped", iteration: 13, cgStep: nil, source: "key X")))
    let race = try #require(state.race)
    #expect(race.track(.sgd)?.isDropped == true)
    #expect(race.activeKinds == [.hf, .adam, .lbfgs])
  }

  @Test func raceKeysResolveAgainstTheFocusedRacer() {
    let state = ScriptedRace.state()
    var view = DashboardView()
    let map = KeyMap.standard
    // The focused racer is the first non-HF one until `f` moves it.
    #expect(map.command(for: .char("z"), state: state, view: view) == .session(ControlRequest(.setRacerPaused(.sgd, true), source: "key z")))
    #expect(map.command(for: .char("f"), state: state, view: view) == .view(.focusRacer(.adam)))
    #expect(map.command(for: .char("F"), state: state, view: view) == .view(.focusRacer(.lbfgs)))
    view.apply(.focusRacer(.adam))
    // Adam is paused in the script: z resumes it.
    #expect(map.command(for: .char("z"), state: state, view: view) == .session(ControlRequest(.setRacerPaused(.adam, false), source: "key z")))
    #expect(map.command(for: .char("X"), state: state, view: view) == .session(ControlRequest(.dropRacer(.adam), source: "key X")))
    #expect(map.command(for: .char("x"), state: state, view: view) == .view(.cycleRaceAxis))
    view.apply(.cycleRaceAxis)
    #expect(view.raceAxis == .seconds)
    view.apply(.cycleRaceMetric)
    #expect(view.raceMetric == .error)
    // Tab walks the race panels.
    #expect(map.command(for: .tab, state: state, view: view) == .view(.cycleRaceFocus(1)))
    view.apply(.cycleRaceFocus(1))
    #expect(view.focus == .race)
    view.apply(.cycleRaceFocus(1))
    #expect(view.focus == .racers)
  }

  @Test func raceKeysOutsideARaceExplainThemselves() {
    let state = ScriptedRun.state()
    guard case .notice(let text)? = KeyMap.standard.command(for: .char("x"), state: state, view: DashboardView()) else {
      Issue.record("x outside a race should give a notice")
      return
    }
    #expect(text.contains("--race"))
  }

  @Test func raceLayoutHasEveryRacePanelOnce() {
    for (w, h) in [(60, 20), (80, 24), (120, 40), (200, 60)] {
      let layout = DashboardLayout(width: w, height: h, focus: .race, race: true)
      let panels = layout.slots.map(\.panel)
      #expect(Set(panels).count == panels.count)
      #expect(panels.contains(.race) && panels.contains(.racers) && panels.contains(.layers))
      for (i, a) in layout.allRects.enumerated() {
        for b in layout.allRects.dropFirst(i + 1) { #expect(a.intersection(b).isEmpty, "\(w)x\(h): \(a) overlaps \(b)") }
      }
    }
  }

  @Test(arguments: [(80, 24), (120, 40), (200, 60)])
  func raceFrames(width: Int, height: Int) {
    let canvas = Dashboard.render(state: ScriptedRace.state(), view: DashboardView(), width: width, height: height)
    GoldenFrame.assert(canvas, named: "Race-live-\(width)x\(height)")
  }

  @Test func raceFrameASCIIOnSeconds() {
    var view = DashboardView()
    view.apply(.cycleRaceAxis)
    view.apply(.focusRacer(.lbfgs))
    let canvas = Dashboard.render(state: ScriptedRace.state(), view: view, width: 120, height: 40, glyphs: .ascii)
    GoldenFrame.assert(canvas, named: "Race-seconds-120x40-ascii")
    #expect(canvas.cells.allSatisfy { $0.scalar.isASCII })
  }
}
