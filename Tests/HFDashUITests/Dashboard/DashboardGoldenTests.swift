import HFDashUI
import HFSession
import Testing
import HFRecording
import HFCanvas

/// Golden frames of the whole dashboard for a scripted run at several sizes, modes and overlays.
@Suite struct DashboardGoldenTests {
  /// The scripted run with one max-CG change posted and not yet applied.
  static var liveState: DashboardState {
    var state = ScriptedRun.state()
    state.recordingBadge = "REC 48 kB"
    state.addPending(ControlRequest(.setMaxCG(200), source: "key c"))
    return state
  }

  static func frame(
    _ state: DashboardState, _ view: DashboardView = DashboardView(), _ width: Int, _ height: Int,
    glyphs: GlyphSet = .unicode
  ) -> Canvas {
    Dashboard.render(state: state, view: view, width: width, height: height, glyphs: glyphs)
  }

  @Test(arguments: [(80, 24), (120, 40), (200, 60)])
  func liveRun(width: Int, height: Int) {
    GoldenFrame.assert(Self.frame(Self.liveState, DashboardView(), width, height), named: "Dashboard-live-\(width)x\(height)")
  }

  @Test(arguments: [(80, 24), (120, 40)])
  func liveRunASCII(width: Int, height: Int) {
    let canvas = Self.frame(Self.liveState, DashboardView(), width, height, glyphs: .ascii)
    GoldenFrame.assert(canvas, named: "Dashboard-live-\(width)x\(height)-ascii")
    let nonASCII = canvas.cells.filter { !$0.scalar.isASCII }.map(\.scalar)
    #expect(nonASCII.isEmpty, "non-ASCII in an ASCII frame: \(nonASCII)")
  }

  @Test(arguments: [(0, 0), (10, 5), (59, 19), (59, 40), (200, 19)])
  func tooSmall(width: Int, height: Int) {
    let canvas = Self.frame(Self.liveState, DashboardView(), width, height)
    GoldenFrame.assert(canvas, named: "Dashboard-small-\(width)x\(height)")
  }

  @Test func minimumSize() {
    GoldenFrame.assert(Self.frame(Self.liveState, DashboardView(), 60, 20), named: "Dashboard-live-60x20")
  }

  @Test(arguments: [(80, 24), (120, 40)])
  func helpOverlay(width: Int, height: Int) {
    var view = DashboardView()
    view.showsHelp = true
    GoldenFrame.assert(Self.frame(Self.liveState, view, width, height), named: "Dashboard-help-\(width)x\(height)")
  }

  @Test func commandPromptWithError() {
    var view = DashboardView()
    view.apply(.openPrompt(.command))
    for c in "lambda -3" { view.apply(.editPrompt(.insert(c))) }
    view.commandFailed("λ must be a finite number ≥ 0 (got -3)")
    GoldenFrame.assert(Self.frame(Self.liveState, view, 80, 24), named: "Dashboard-prompt-error-80x24")
  }

  @Test func quitConfirmation() {
    var view = DashboardView()
    view.apply(.askQuit)
    GoldenFrame.assert(Self.frame(Self.liveState, view, 80, 24), named: "Dashboard-quit-80x24")
  }

  @Test func doneState() {
    var state = ScriptedRun.state(liveSteps: 60, finishLive: true)
    state.apply(.finished(reason: .iterationLimit, iteration: 40, message: "reached the 40-iteration budget"))
    state.apply(.state(.done))
    GoldenFrame.assert(Self.frame(state, DashboardView(), 120, 40), named: "Dashboard-done-120x40")
  }

  /// A replay of the scripted run paused after iteration `iteration`, at 4×.
  static func replayState(at iteration: Int) -> DashboardState {
    let timeline = ReplayFixture.scripted()
    var player = ReplayPlayer(timeline: timeline, source: "curves-1", speed: 4, playing: true)
    var state = DashboardState()
    player.begin(&state)
    player.seek(toEvent: timeline.iterations[iteration - 1].endIndex + 1, state: &state)
    return state
  }

  @Test func replayMode() {
    GoldenFrame.assert(Self.frame(Self.replayState(at: 12), DashboardView(), 120, 40), named: "Dashboard-replay-120x40")
  }

  @Test("replay at 80×24 and in ASCII: the timeline strip with every kind of marker")
  func replayTimeline() {
    let state = Self.replayState(at: 30)
    GoldenFrame.assert(Self.frame(state, DashboardView(), 80, 24), named: "Dashboard-replay-80x24")
    GoldenFrame.assert(Self.frame(state, DashboardView(), 160, 45, glyphs: .ascii), named: "Dashboard-replay-160x45-ascii")
  }

  @Test(arguments: [DashboardPanel.settings, .cgRun, .error])
  func compactFocus(panel: DashboardPanel) {
    var view = DashboardView()
    view.focus = panel
    GoldenFrame.assert(Self.frame(Self.liveState, view, 80, 24), named: "Dashboard-focus-\(panel.rawValue)-80x24")
  }

  @Test func justStarted() {
    var state = DashboardState()
    state.now = 5
    state.apply(.started(ScriptedRun.description))
    state.apply(.state(.running))
    state.apply(.engine(.iterationStarted(iteration: 1, lambda: 45)))
    state.now = 7.5
    GoldenFrame.assert(Self.frame(state, DashboardView(), 120, 40), named: "Dashboard-started-120x40")
  }
}

@Suite struct DashboardFrameTests {
  @Test func asciiFramesHoldOnlyASCII() {
    var live = DashboardGoldenTests.liveState
    live.recordingError = "disk full — recording stopped"
    live.droppedEvents = 12
    var done = ScriptedRun.state(liveSteps: 60, finishLive: true)
    done.apply(.finished(reason: .failed, iteration: 40, message: "the objective became NaN"))
    var replay = ScriptedRun.state()
    replay.mode = .replay(ReplayPosition(iteration: 40, totalIterations: 40, speed: 0.5, isPlaying: false))
    var help = DashboardView()
    help.showsHelp = true
    var prompt = DashboardView()
    prompt.prompt = CommandPrompt(kind: .command, text: "lambda -3")
    prompt.commandFailed("λ must be ≥ 0 → try 1e-3")
    var quit = DashboardView()
    quit.confirmingQuit = true
    for state in [live, done, replay] {
      for view in [DashboardView(), help, prompt, quit] {
        for (w, h) in [(60, 20), (80, 24), (120, 40), (200, 60)] {
          let canvas = Dashboard.render(state: state, view: view, width: w, height: h, glyphs: .ascii)
          let bad = canvas.cells.filter { !$0.scalar.isASCII }.map(\.scalar)
          #expect(bad.isEmpty, "\(w)×\(h): \(bad)")
        }
      }
    }
  }

  @Test func headerShowsRecordingDroppedEventsAndReplayPosition() {
    var s = DashboardGoldenTests.liveState
    s.droppedEvents = 12
    var header = Dashboard.render(state: s, view: DashboardView(), width: 200, height: 60).textLines[0]
    #expect(header.contains("dropped 12") && header.contains("● REC 48 kB") && header.contains(" RUNNING "))
    #expect(header.contains("HF 41 · CG 117/250") && header.contains("842k params") && header.contains("seed 1"))
    s.recordingError = "disk full"
    header = Dashboard.render(state: s, view: DashboardView(), width: 200, height: 60).textLines[0]
    #expect(header.contains("REC ERROR: disk full") && !header.contains("● REC"))
    s.mode = .replay(ReplayPosition(iteration: 12, totalIterations: 40, speed: 0.5, isPlaying: false))
    header = Dashboard.render(state: s, view: DashboardView(), width: 200, height: 60).textLines[0]
    #expect(header.contains("iteration 12/40 · 0.5×") && header.contains(" REPLAY PAUSED "))
    // Narrow screens keep the essentials.
    header = Dashboard.render(state: s, view: DashboardView(), width: 60, height: 20).textLines[0]
    #expect(header.hasPrefix("hfdash") && header.contains("REPLAY"))
  }

  @Test func statusLineShowsFreshMessagesThenTheLatestIteration() {
    var s = DashboardGoldenTests.liveState
    func status() -> String { Dashboard.render(state: s, view: DashboardView(), width: 120, height: 40).textLines[38] }
    #expect(status().hasPrefix("HF 40: f 2.47 (−0.4%) · ρ 0.586 · λ 0.132 · CG 175, chose 117 · 3.8s"))
    s.postNotice("this model has no structural damping")
    #expect(status().hasPrefix("this model has no structural damping"))
    s.now += 60
    #expect(status().hasPrefix("HF 40:"))
  }
}
