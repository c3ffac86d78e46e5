import HFEngine
import HFSession
import HFRecording
import HFCanvas

extension KeyMap {
  /// The mode a state is in: replay, DONE or live.
  public static func mode(of state: DashboardState) -> KeyModes {
    if state.mode.isReplay { return .replay }
    return state.runState == .done ? .done : .live
  }

  /// Which part of the UI has the keyboard.
  public static func context(of view: DashboardView) -> KeyContext {
    if view.confirmingQuit { return .quitConfirm }
    if view.prompt != nil { return .prompt }
    return view.showsHelp ? .help : .main
  }

  /// The binding row and action for `key` in `context` and `mode`, if any.
  public func binding(for key: KeyEvent, context: KeyContext, mode: KeyModes) -> (KeyBinding, KeyAction)? {
    for b in bindings where b.context == context && !b.modes.isDisjoint(with: mode) {
      if let a = b.action(for: key) { return (b, a) }
    }
    return nil
  }

  /// The command for a key press, or nil when the key means nothing here.
  public func command(for key: KeyEvent, state: DashboardState, view: DashboardView) -> DashboardCommand? {
    let mode = Self.mode(of: state)
    let context = Self.context(of: view)
    if let (_, action) = binding(for: key, context: context, mode: mode) {
      return resolve(action, key: key, state: state, view: view)
    }
    switch context {
    case .prompt:
      if case .char(let c) = key { return .view(.editPrompt(.insert(c))) }
      return nil
    case .help:
      guard let (_, action) = binding(for: key, context: .main, mode: mode) else { return nil }
      return resolve(action, key: key, state: state, view: view)
    case .main, .quitConfirm:
      return nil
    }
  }

  /// Turns an action into a command, reading the state where the action depends on it.
  func resolve(_ action: KeyAction, key: KeyEvent, state: DashboardState, view: DashboardView) -> DashboardCommand? {
    let source = "key " + KeyBinding.name(of: key)
    func post(_ c: SessionControl) -> DashboardCommand { .session(ControlRequest(c, source: source)) }
    let projected = state.projectedSettings
    switch action {
    case .togglePause:
      return post(state.runState == .paused ? .resume : .pause)
    case .stepOnce:
      guard state.runState == .paused else {
        return .notice("s runs one HF iteration while paused: press space to pause first")
      }
      return post(.stepOnce)
    case .restart: return post(.restart)
    case .continueRun: return post(.continueRun(extraIterations: nil))
    case .scale(let id, let f): return scale(id, by: f, state: state, post: post)
    case .toggle(let id):
      guard let setting = Settings.setting(id), case .flag(let on) = setting.value(in: projected.run) else { return nil }
      return post(.set(id, .flag(!on)))
    case .cycle(let id):
      guard let setting = Settings.setting(id), case .choice(let raw) = setting.value(in: projected.run) else { return nil }
      let all = setting.choices
      let i = all.firstIndex { $0.value == raw } ?? 0
      return post(.set(id, .choice(all[(i + 1) % all.count].value)))
    case .openPrompt(let kind): return .view(.openPrompt(kind))
    case .finiteDifferenceCheck: return .finiteDifferenceCheck
    case .lanczos: return state.lanczos.isRunning ? .cancelLanczos : .lanczos(steps: LanczosDefaults.steps)
    case .cancelLanczos: return state.lanczos.isRunning ? .cancelLanczos : nil
    case .cycleFocus(let step): return .view(state.race == nil ? .cycleFocus(step) : .cycleRaceFocus(step))
    case .cycleRaceAxis, .cycleRaceMetric, .cycleRacer, .toggleRacerHold, .dropRacer:
      return resolveRace(action, state: state, view: view, source: source)
    case .toggleScale:
      guard view.focus.alternateScale != nil else {
        return .notice(view.focus.title + " has no other scale; Tab focuses another chart")
      }
      return .view(.toggleScale)
    case .toggleComparison:
      guard state.comparison != nil else {
        return .notice("no comparison run: start with --reference NAME, or replay A --compare B")
      }
      return .view(.toggleComparison)
    case .scrollLog(let n): return .view(.scrollLog(n))
    case .toggleHelp: return .view(.toggleHelp)
    case .scrollHelp(let n): return .view(.scrollHelp(n))
    case .quit:
      return Self.mode(of: state) == .live ? .view(.askQuit) : .quit
    case .replay(let t): return .replay(t)
    case .editPrompt(let e): return .view(.editPrompt(e))
    case .submitPrompt:
      guard let p = view.prompt else { return nil }
      let text = p.text.trimmingWhitespace
      if text.isEmpty { return .view(.closePrompt) }
      return p.kind == .command ? .submitCommand(text) : .submitNote(text)
    case .cancelPrompt: return .view(.closePrompt)
    case .confirmQuit: return .quit
    case .detach: return .detach
    case .cancelQuit: return .view(.cancelQuit)
    }
  }
}

extension KeyMap {
  /// A setting ×factor from a key: number settings are scaled by the engine (`.scale`); a whole
  /// number's next value is computed from the settings in force and sent as a value, or a notice
  /// says it cannot move further.
  func scale(
    _ id: SettingID, by f: Double, state: DashboardState, post: (SessionControl) -> DashboardCommand
  ) -> DashboardCommand? {
    guard let setting = Settings.setting(id) else { return nil }
    if case .number = setting.kind { return post(.scale(id, f)) }
    let projected = state.projectedSettings
    var current = setting.value(in: projected.run)
    if current == .automatic {
      // The curvature batch by chunks: its size is what the engine last reported.
      guard id == .curvatureBatch, let n = projected.curvatureBatch else {
        return .notice("the \(setting.name) is not known before the run starts")
      }
      current = .whole(n)
    }
    guard case .whole(let cur) = current, case .whole(var next)? = setting.scaled(current, by: f) else { return nil }
    if id == .curvatureBatch { next = min(next, state.session?.trainCases ?? Int.max) }
    guard next != cur else {
      return .notice(f > 1 ? "\(setting.name) is already at its maximum (\(cur))" : "\(setting.name) is already at its minimum (\(cur))")
    }
    return post(.set(id, .whole(next)))
  }

  /// The race keys: view changes, or racer controls for the focused racer.
  func resolveRace(_ action: KeyAction, state: DashboardState, view: DashboardView, source: String) -> DashboardCommand? {
    guard let race = state.race else { return .notice("not a race: start one with hfdash run --race sgd,adam") }
    let others = race.tracks.filter { $0.kind != .hf && !$0.isDropped }.map(\.kind)
    let focused = view.focusedRacer.flatMap { k in others.contains(k) ? k : nil } ?? others.first
    switch action {
    case .cycleRaceAxis: return .view(.cycleRaceAxis)
    case .cycleRaceMetric: return .view(.cycleRaceMetric)
    case .cycleRacer(let step):
      guard let focused, let i = others.firstIndex(of: focused) else { return .notice("no racer left beside HF") }
      return .view(.focusRacer(others[((i + step) % others.count + others.count) % others.count]))
    case .toggleRacerHold:
      guard let focused, let track = race.track(focused) else { return .notice("no racer left beside HF") }
      return .session(ControlRequest(.setRacerPaused(focused, !track.isPaused), source: source))
    case .dropRacer:
      guard let focused else { return .notice("no racer left to drop (HF stays)") }
      return .session(ControlRequest(.dropRacer(focused), source: source))
    default: return nil
    }
  }
}
