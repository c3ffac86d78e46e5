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
    case .scaleLambda(let f): return post(.scaleLambda(f))
    case .toggleAdaptiveLambda: return post(.setAdaptiveLambda(!projected.config.adaptiveLambda))
    case .scaleStructuralDamping(let f):
      guard state.settings.hasStructuralDamping else { return .notice("this model has no structural damping") }
      return post(.setStructuralDamping(projected.config.structuralDamping * f))
    case .scaleMaxCG(let f):
      let cur = projected.config.cg.maxIterations
      let floor = max(1, projected.config.cg.minIterations)
      let scaled = Int((Double(cur) * f).rounded())
      let next = f > 1 ? max(cur + 1, scaled) : max(floor, min(cur - 1, scaled))
      guard next != cur else { return .notice("max CG is already at its minimum (\(cur))") }
      return post(.setMaxCG(next))
    case .scaleCurvatureBatch(let f):
      guard let cur = projected.curvatureBatch else {
        return .notice("the curvature batch is not known before the run starts")
      }
      let cases = state.session?.trainCases ?? Int.max
      let next = min(cases, max(1, Int((Double(cur) * f).rounded())))
      guard next != cur else {
        return .notice(f > 1 ? "the curvature batch is already the whole training set (\(cur))" : "the curvature batch is already 1")
      }
      return post(.setCurvatureBatch(next))
    case .togglePreconditioner: return post(.setPreconditioner(!projected.config.preconditioner))
    case .cycleCurvature:
      let all = CurvatureType.allCases
      let i = all.firstIndex(of: projected.config.curvature) ?? 0
      return post(.setCurvature(all[(i + 1) % all.count]))
    case .openPrompt(let kind): return .view(.openPrompt(kind))
    case .finiteDifferenceCheck: return .finiteDifferenceCheck
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
      let text = p.text.trimmingSpaces
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

extension String {
  /// The string without leading and trailing spaces (no Foundation).
  var trimmingSpaces: String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
      let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
    else { return "" }
    return String(scalars[first...last])
  }
}
