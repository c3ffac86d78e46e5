import HFDashUI
import HFSession
import Testing
import HFRecording
import HFCanvas

@Suite struct CommandPromptTests {
  static let assist = PromptAssist(
    complete: { text in
      text == "lam" ? PromptCompletion(text: "lambda ", hint: "damping λ, now 0.13") : nil
    },
    hint: { text in text.hasPrefix("lambda") ? "damping λ" : nil })

  @Test func typingMovesTheCursorAndEditsInPlace() {
    var p = CommandPrompt(kind: .command)
    for c in "lmbda" { p.apply(.insert(c)) }
    #expect(p.text == "lmbda" && p.cursor == 5)
    p.apply(.home)
    p.apply(.right)
    p.apply(.insert("a"))
    #expect(p.text == "lambda" && p.cursor == 2)
    p.apply(.backspace)
    #expect(p.text == "lmbda" && p.cursor == 1)
    p.apply(.deleteForward)
    #expect(p.text == "lbda" && p.cursor == 1)
    p.apply(.left)
    p.apply(.left)
    p.apply(.backspace)
    #expect(p.text == "lbda" && p.cursor == 0)
    p.apply(.end)
    p.apply(.deleteForward)
    #expect(p.text == "lbda" && p.cursor == 4)
    p.apply(.left)
    p.apply(.clearToStart)
    #expect(p.text == "a" && p.cursor == 0)
  }

  @Test func tabCompletesAndEditsRefreshTheHint() {
    var p = CommandPrompt(kind: .command, text: "lam")
    p.apply(.complete, assist: Self.assist)
    #expect(p.text == "lambda " && p.cursor == 7)
    #expect(p.hint == "damping λ, now 0.13")
    p.apply(.insert("1"), assist: Self.assist)
    #expect(p.hint == "damping λ")
    p.apply(.clearToStart, assist: Self.assist)
    #expect(p.hint == nil)
    p.apply(.insert("x"))
    p.apply(.complete, assist: Self.assist)
    #expect(p.text == "x")
  }

  @Test func anEditClearsTheError() {
    var p = CommandPrompt(kind: .command, text: "lambda -3")
    p.error = "λ must be ≥ 0"
    p.apply(.left)
    #expect(p.error != nil)
    p.apply(.backspace)
    #expect(p.error == nil)
  }

  @Test func historyRecallsEarlierCommands() {
    let history = ["lambda 1", "maxcg 100"]
    var p = CommandPrompt(kind: .command, text: "draft")
    p.apply(.historyPrevious, history: history)
    #expect(p.text == "maxcg 100")
    p.apply(.historyPrevious, history: history)
    #expect(p.text == "lambda 1")
    p.apply(.historyPrevious, history: history)
    #expect(p.text == "lambda 1")
    p.apply(.historyNext, history: history)
    #expect(p.text == "maxcg 100")
    p.apply(.historyNext, history: history)
    #expect(p.text == "")
  }

  @Test func theCursorCountsScalarsForThePromptLine() {
    var p = CommandPrompt(kind: .note, text: "λ👍🏽x")
    #expect(p.cursor == 3)
    p.apply(.left)
    #expect(p.scalarCursor == 3)  // λ, 👍, skin tone
  }

  @Test func dashboardInputRunsTheWholeCommandFlow() {
    var state = ScriptedRun.state()
    var view = DashboardView()
    #expect(DashboardInput.handle(.char(":"), state: &state, view: &view, assist: Self.assist) == nil)
    #expect(view.prompt?.kind == .command)
    for key: KeyEvent in [.char("l"), .char("a"), .char("m"), .tab, .char("x")] {
      #expect(DashboardInput.handle(key, state: &state, view: &view, assist: Self.assist) == nil)
    }
    #expect(DashboardInput.handle(.enter, state: &state, view: &view) == .runCommand("lambda x"))
    view.commandFailed("cannot read 'x' as a number")
    #expect(view.prompt?.error == "cannot read 'x' as a number")
    _ = DashboardInput.handle(.backspace, state: &state, view: &view)
    _ = DashboardInput.handle(.char("2"), state: &state, view: &view)
    #expect(DashboardInput.handle(.enter, state: &state, view: &view) == .runCommand("lambda 2"))
    view.commandSucceeded()
    #expect(view.prompt == nil)
    #expect(view.commandHistory == ["lambda 2"])
  }

  @Test func dashboardInputPostsControlsAndMarksThemPending() {
    var state = ScriptedRun.state()
    var view = DashboardView()
    let effect = DashboardInput.handle(.char("c"), state: &state, view: &view)
    #expect(effect == .post(ControlRequest(.setMaxCG(200), source: "key c")))
    #expect(!state.isPending(.maxCG))  // pending once the session took it
    state.posted(ControlRequest(.setMaxCG(200), source: "key c"))
    #expect(state.isPending(.maxCG))
    #expect(state.freshStatus?.text == "requested: max CG → 200 (from the next HF iteration)")
    #expect(DashboardInput.handle(.char(" "), state: &state, view: &view) == .post(ControlRequest(.pause, source: "key space")))
    state.posted(ControlRequest(.pause, source: "key space"))
    #expect(state.freshStatus?.text == "pausing at the next CG step…")
    #expect(DashboardInput.handle(.char("s"), state: &state, view: &view) == nil)
    #expect(state.freshStatus?.text == "s runs one HF iteration while paused: press space to pause first")
    #expect(DashboardInput.handle(.char("n"), state: &state, view: &view) == nil)
    for c in "odd" { _ = DashboardInput.handle(.char(c), state: &state, view: &view) }
    #expect(DashboardInput.handle(.enter, state: &state, view: &view) == .addNote("odd"))
    #expect(view.prompt == nil)
    #expect(DashboardInput.handle(.char("q"), state: &state, view: &view) == nil)
    #expect(view.confirmingQuit)
    #expect(DashboardInput.handle(.char("y"), state: &state, view: &view) == .quit)
  }

  @Test func viewActions() {
    var view = DashboardView()
    view.apply(.cycleFocus(-1))
    #expect(view.focus == .log)
    view.apply(.cycleFocus(1))
    view.apply(.cycleFocus(1))
    #expect(view.focus == .error)
    #expect(view.scale(of: .error) == .log10)
    view.apply(.toggleScale)
    #expect(view.scale(of: .error) == .linear)
    view.apply(.toggleScale)
    #expect(view.scale(of: .error) == .log10)
    view.apply(.scrollLog(5))
    view.apply(.scrollLog(-10))
    #expect(view.logScroll == 0)
    view.apply(.toggleHelp)
    view.apply(.scrollHelp(3))
    #expect(view.showsHelp && view.helpScroll == 3)
    view.apply(.openPrompt(.note))
    #expect(!view.showsHelp && view.prompt?.kind == .note)
    view.apply(.askQuit)
    #expect(view.confirmingQuit && view.prompt == nil)
    view.apply(.cancelQuit)
    #expect(!view.confirmingQuit)
  }
}
