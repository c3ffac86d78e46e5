import HFDashUI
import HFEngine
import HFSession
import Testing
import HFRecording
import HFCanvas

@Suite struct KeyMapTests {
  static let map = KeyMap.standard
  static let running = ScriptedRun.state()
  static var paused: DashboardState {
    var s = running
    s.apply(.state(.paused))
    return s
  }
  static var done: DashboardState {
    var s = running
    s.apply(.finished(reason: .iterationLimit, iteration: 40, message: ""))
    return s
  }
  static var replay: DashboardState {
    var s = running
    s.mode = .replay(ReplayPosition(iteration: 40, totalIterations: 40, speed: 1, isPlaying: false))
    return s
  }

  static func command(_ key: KeyEvent, _ state: DashboardState = running, _ view: DashboardView = DashboardView())
    -> DashboardCommand?
  {
    map.command(for: key, state: state, view: view)
  }

  static func post(_ c: SessionControl, _ key: String) -> DashboardCommand {
    .session(ControlRequest(c, source: "key " + key))
  }

  @Test func liveKeysPostSessionControls() {
    let expected: [(KeyEvent, DashboardCommand)] = [
      (.char(" "), Self.post(.pause, "space")),
      (.char("]"), Self.post(.scaleLambda(1.5), "]")),
      (.char("["), Self.post(.scaleLambda(1 / 1.5), "[")),
      (.char("}"), Self.post(.scaleLambda(10), "}")),
      (.char("{"), Self.post(.scaleLambda(0.1), "{")),
      (.char("a"), Self.post(.setAdaptiveLambda(false), "a")),
      (.char("c"), Self.post(.setMaxCG(200), "c")),
      (.char("C"), Self.post(.setMaxCG(313), "C")),
      (.char("b"), Self.post(.setCurvatureBatch(2500), "b")),
      (.char("B"), Self.post(.setCurvatureBatch(10000), "B")),
      (.char("p"), Self.post(.setPreconditioner(false), "p")),
      (.char("g"), Self.post(.setCurvature(.hessian), "g")),
    ]
    for (key, command) in expected { #expect(Self.command(key) == command, "\(key)") }
    #expect(Self.command(.char(" "), Self.paused) == Self.post(.resume, "space"))
    #expect(Self.command(.char("s"), Self.paused) == Self.post(.stepOnce, "s"))
  }

  @Test func keysThatCannotActExplainWhy() {
    #expect(Self.command(.char("s")) == .notice("s runs one HF iteration while paused: press space to pause first"))
    // μ on a feed-forward net is posted and refused by the session (SettingsRefusalTests), in
    // the same sentence as `:mu` and `--mu`.
    #expect(Self.command(.char("m")) == Self.post(.scale(.structuralDamping, 1 / 1.5), "m"))
    var view = DashboardView()
    view.focus = .settings
    #expect(Self.command(.char("l"), Self.running, view) == .notice("Hyperparameters has no other scale; Tab focuses another chart"))
    var s = Self.running
    s.settings.config.cg.maxIterations = 1
    #expect(Self.command(.char("c"), s) == .notice("max CG is already at its minimum (1)"))
    s.settings.curvatureBatch = 20000
    #expect(Self.command(.char("B"), s) == .notice("curvature batch is already at its maximum (20000)"))
  }

  @Test func structuralDampingKeysWorkOnRecurrentModels() {
    var d = ScriptedRun.description
    d.groupNames = ["input", "recurrent", "output"]
    var s = DashboardState()
    s.apply(.started(d))
    #expect(Self.command(.char("m"), s) == Self.post(.scale(.structuralDamping, 1 / 1.5), "m"))
    #expect(Self.command(.char("M"), s) == Self.post(.scale(.structuralDamping, 1.5), "M"))
  }

  @Test func repeatedKeysBuildOnPendingChanges() {
    var s = Self.running
    s.addPending(ControlRequest(.setMaxCG(200), source: "key c"))
    #expect(Self.command(.char("c"), s) == Self.post(.setMaxCG(160), "c"))
    s.addPending(ControlRequest(.setCurvature(.hessian), source: "key g"))
    #expect(Self.command(.char("g"), s) == Self.post(.setCurvature(.fisher), "g"))
    s.addPending(ControlRequest(.setAdaptiveLambda(false), source: "key a"))
    #expect(Self.command(.char("a"), s) == Self.post(.setAdaptiveLambda(true), "a"))
  }

  @Test func viewAndAppKeys() {
    #expect(Self.command(.char(":")) == .view(.openPrompt(.command)))
    #expect(Self.command(.char("n")) == .view(.openPrompt(.note)))
    #expect(Self.command(.char("v")) == .finiteDifferenceCheck)
    #expect(Self.command(.tab) == .view(.cycleFocus(1)))
    #expect(Self.command(.backTab) == .view(.cycleFocus(-1)))
    #expect(Self.command(.char("l")) == .view(.toggleScale))
    #expect(Self.command(.pageUp) == .view(.scrollLog(5)))
    #expect(Self.command(.pageDown) == .view(.scrollLog(-5)))
    #expect(Self.command(.char("?")) == .view(.toggleHelp))
    #expect(Self.command(.function(1)) == .view(.toggleHelp))
    #expect(Self.command(.char("q")) == .view(.askQuit))
  }

  @Test func doneKeys() {
    #expect(Self.command(.char("r"), Self.done) == Self.post(.restart, "r"))
    #expect(Self.command(.char("+"), Self.done) == Self.post(.continueRun(extraIterations: nil), "+"))
    #expect(Self.command(.char("q"), Self.done) == .quit)
    #expect(Self.command(.char(" "), Self.done) == nil)
    #expect(Self.command(.char("s"), Self.done) == nil)
    #expect(Self.command(.char("]"), Self.done) == Self.post(.scaleLambda(1.5), "]"))
    #expect(Self.command(.char("r")) == nil)
    #expect(Self.command(.char("+")) == nil)
  }

  @Test func replayKeysMoveTheReplay() {
    let expected: [(KeyEvent, ReplayTransport)] = [
      (.char(" "), .togglePlay), (.char(">"), .faster), (.char("<"), .slower), (.right, .stepForward),
      (.left, .stepBackward), (.home, .toStart), (.end, .toEnd),
    ]
    for (key, t) in expected { #expect(Self.command(key, Self.replay) == .replay(t), "\(key)") }
    #expect(Self.command(.char("q"), Self.replay) == .quit)
    #expect(Self.command(.char("]"), Self.replay) == nil)
    #expect(Self.command(.char(":"), Self.replay) == nil)
    #expect(Self.command(.tab, Self.replay) == .view(.cycleFocus(1)))
    #expect(Self.command(.right) == nil)
  }

  @Test func unknownKeysMeanNothing() {
    for key: KeyEvent in [.char("Z"), .char("Q"), .char("é"), .function(5), .ctrl("x"), .resize, .escape, .enter, .up] {
      #expect(Self.command(key) == nil, "\(key)")
    }
  }

  @Test func promptKeysEditSubmitAndCancel() {
    var view = DashboardView()
    view.apply(.openPrompt(.command))
    #expect(Self.command(.char("q"), Self.running, view) == .view(.editPrompt(.insert("q"))))
    #expect(Self.command(.char(" "), Self.running, view) == .view(.editPrompt(.insert(" "))))
    #expect(Self.command(.enter, Self.running, view) == .view(.closePrompt))
    for c in " lambda 1e-3 " { view.apply(.editPrompt(.insert(c))) }
    #expect(Self.command(.enter, Self.running, view) == .submitCommand("lambda 1e-3"))
    #expect(Self.command(.escape, Self.running, view) == .view(.closePrompt))
    #expect(Self.command(.tab, Self.running, view) == .view(.editPrompt(.complete)))
    #expect(Self.command(.up, Self.running, view) == .view(.editPrompt(.historyPrevious)))
    #expect(Self.command(.ctrl("u"), Self.running, view) == .view(.editPrompt(.clearToStart)))
    #expect(Self.command(.function(1), Self.running, view) == nil)
    view.apply(.openPrompt(.note))
    view.apply(.editPrompt(.insert("x")))
    #expect(Self.command(.enter, Self.running, view) == .submitNote("x"))
  }

  @Test func quitQuestionTakesOnlyYesOrNo() {
    var view = DashboardView()
    view.apply(.askQuit)
    #expect(Self.command(.char("y"), Self.running, view) == .quit)
    #expect(Self.command(.char("q"), Self.running, view) == .quit)
    #expect(Self.command(.char("n"), Self.running, view) == .view(.cancelQuit))
    #expect(Self.command(.escape, Self.running, view) == .view(.cancelQuit))
    #expect(Self.command(.char("]"), Self.running, view) == nil)
  }

  @Test func helpOverlayScrollsClosesAndLetsOtherKeysThrough() {
    var view = DashboardView()
    view.apply(.toggleHelp)
    #expect(Self.command(.escape, Self.running, view) == .view(.toggleHelp))
    #expect(Self.command(.char("?"), Self.running, view) == .view(.toggleHelp))
    #expect(Self.command(.down, Self.running, view) == .view(.scrollHelp(1)))
    #expect(Self.command(.pageUp, Self.running, view) == .view(.scrollHelp(-10)))
    #expect(Self.command(.char("]"), Self.running, view) == Self.post(.scaleLambda(1.5), "]"))
  }

  @Test func noKeyIsBoundTwiceInOneContextAndMode() {
    for context in KeyContext.allCases {
      for mode: KeyModes in [.live, .done, .replay] {
        var seen: [KeyEvent: String] = [:]
        for b in Self.map.bindings where b.context == context && !b.modes.isDisjoint(with: mode) {
          for k in b.keys {
            #expect(seen[k.key] == nil, "\(k.key) bound to '\(seen[k.key] ?? "")' and '\(b.help)' in \(context)")
            seen[k.key] = b.help
          }
        }
      }
    }
  }

  @Test func helpOverlayListsEveryBinding() {
    for mode: KeyModes in [.live, .done, .replay] {
      let entries = Self.map.helpEntries(for: mode)
      for b in Self.map.bindings where b.context != .main || !b.modes.isDisjoint(with: mode) {
        #expect(entries.contains(HelpEntry(keys: b.keyLabel(), help: b.help, group: b.group)), "\(b.help)")
      }
      let mainCount = Self.map.bindings.filter { $0.context == .main && !$0.modes.isDisjoint(with: mode) }.count
      let otherCount = Self.map.bindings.filter { $0.context != .main }.count
      #expect(entries.count == mainCount + otherCount)
    }
    // The rendered overlay shows every entry when it fits.
    var view = DashboardView()
    view.showsHelp = true
    let text = Dashboard.render(state: Self.running, view: view, width: 200, height: 60).textLines.joined(separator: "\n")
    for e in Self.map.helpEntries(for: .live) { #expect(text.contains(e.help), "\(e.help)") }
  }

  @Test func keyBarFollowsTheMode() {
    #expect(Self.map.keyBarItems(for: .live).prefix(3).map(\.key) == ["q", "?", "space"])
    #expect(Self.map.keyBarItems(for: .live)[2] == KeyBar.Item(key: "space", label: "Pause"))
    #expect(Self.map.keyBarItems(for: .live, isPaused: true)[2] == KeyBar.Item(key: "space", label: "Resume", isActive: true))
    #expect(Self.map.keyBarItems(for: .replay, isPaused: true)[2] == KeyBar.Item(key: "space", label: "Play"))
    #expect(Self.map.keyBarItems(for: .done).map(\.label).prefix(4) == ["Quit", "Help", "Restart", "Continue"])
    #expect(Self.map.keyBarItems(for: .live).contains(KeyBar.Item(key: "] [", label: "λ")))
    #expect(Self.map.keyBarItems(for: .live, context: .quitConfirm).map(\.key) == ["y", "d", "n"])
  }

  @Test func dDetachesFromALiveSessionAndFromTheQuitQuestion() {
    #expect(Self.command(.char("d")) == .detach)
    var done = Self.running
    done.runState = .done
    #expect(Self.command(.char("d"), done) == .detach)
    #expect(Self.command(.char("d"), Self.replay) == nil)
    var asking = DashboardView()
    asking.apply(.askQuit)
    #expect(Self.command(.char("d"), Self.running, asking) == .detach)
    #expect(Self.command(.char("y"), Self.running, asking) == .quit)
    #expect(Self.command(.char("n"), Self.running, asking) == .view(.cancelQuit))
    // The effect closes the question and leaves; the app decides what detaching means.
    var state = Self.running
    #expect(DashboardInput.handle(.char("d"), state: &state, view: &asking) == .detach)
    #expect(!asking.confirmingQuit)
  }
}

/// The keys that change settings are checked against the settings table.
@Suite struct KeyMapSettingsTests {
  @Test("every key that changes a setting names a live setting of the table, and its help names the setting")
  func settingKeysAreInTheTable() throws {
    var seen: Set<String> = []
    for binding in KeyMap.standard.bindings {
      for (_, action) in binding.keys {
        let id: SettingID
        switch action {
        case .scale(let s, _), .toggle(let s), .cycle(let s): id = s
        default: continue
        }
        let setting = try #require(Settings.setting(id), "\(id) is not in the table")
        #expect(setting.live, "\(id) cannot change live but has a key")
        let words = [setting.name, setting.id.rawValue] + setting.aliases
        #expect(words.contains { binding.help.lowercased().contains($0.lowercased()) }, "\(binding.help) does not name \(setting.name)")
        if case .toggle = action { if case .flag = setting.kind {} else { Issue.record("\(id) toggled but not on/off") } }
        if case .cycle = action { #expect(!setting.choices.isEmpty, "\(id) cycled but has no choices") }
        seen.insert(id.rawValue)
      }
    }
    #expect(seen == ["lambda", "adaptive", "mu", "maxcg", "batch", "precond", "curvature"])
  }
}
