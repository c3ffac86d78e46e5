import HFEngine
import HFSession

/// UI-only state: focus, scales, overlays, prompts and scrolling. Never recorded, never sent to the session.
public struct DashboardView: Equatable, Sendable {
  /// The focused panel (Tab cycles; on small screens it takes the large slot).
  public var focus: DashboardPanel = .objective
  /// Panels switched to their alternate y scale with `l`.
  public var toggledScales: Set<DashboardPanel> = []
  /// Whether the help overlay is open, and its scroll offset.
  public var showsHelp = false
  public var helpScroll = 0
  /// The open prompt (`:` or note), if any.
  public var prompt: CommandPrompt?
  /// Whether "quit? y/n" is showing.
  public var confirmingQuit = false
  /// How many lines the event log is scrolled back from the newest.
  public var logScroll = 0
  /// Races: what the race chart's x axis measures and which metric it plots.
  public var raceAxis = RaceAxis.passes
  public var raceMetric = RaceMetric.objective
  /// Races: the racer whose per-layer gradients stand beside HF's (nil: the first non-HF racer).
  public var focusedRacer: OptimizerKind?
  /// Whether the comparison run (`--reference`, `--compare`) is drawn.
  public var showsComparison = true
  /// Commands submitted successfully, oldest first (↑/↓ in the `:` prompt).
  public private(set) var commandHistory: [String] = []

  /// The default view.
  public init() {}

  /// The y scale `panel` is drawn with now (nil for panels that are not y-charts).
  public func scale(of panel: DashboardPanel) -> AxisScale? {
    if toggledScales.contains(panel), let alt = panel.alternateScale { return alt }
    return panel.defaultScale
  }

  /// Applies a view action; `assist` completes and hints in the `:` prompt.
  public mutating func apply(_ action: ViewAction, assist: PromptAssist? = nil) {
    switch action {
    case .toggleHelp:
      showsHelp.toggle()
      helpScroll = 0
    case .scrollHelp(let n): helpScroll = max(0, helpScroll + n)
    case .cycleFocus(let step): focus = focus.cycled(by: step)
    case .cycleRaceFocus(let step): focus = focus.cycled(by: step, in: DashboardPanel.racing)
    case .cycleRaceAxis: raceAxis = raceAxis.next
    case .cycleRaceMetric: raceMetric = raceMetric.next
    case .toggleComparison: showsComparison.toggle()
    case .focusRacer(let kind): focusedRacer = kind
    case .toggleScale:
      guard focus.alternateScale != nil else { return }
      if toggledScales.contains(focus) { toggledScales.remove(focus) } else { toggledScales.insert(focus) }
    case .openPrompt(let kind):
      showsHelp = false
      var p = CommandPrompt(kind: kind)
      if kind == .command { p.hint = assist?.hint("") }
      prompt = p
    case .editPrompt(let edit):
      guard var p = prompt else { return }
      p.apply(edit, assist: p.kind == .command ? assist : nil, history: commandHistory)
      prompt = p
    case .closePrompt: prompt = nil
    case .askQuit:
      prompt = nil
      confirmingQuit = true
    case .cancelQuit: confirmingQuit = false
    case .scrollLog(let n): logScroll = n == Int.max ? 0 : max(0, logScroll + n)
    }
  }

  /// The app parsed and posted the `:` command: close the prompt and remember the text.
  public mutating func commandSucceeded() {
    if let text = prompt?.text.trimmingWhitespace, !text.isEmpty, commandHistory.last != text {
      commandHistory.append(text)
      if commandHistory.count > 100 { commandHistory.removeFirst() }
    }
    prompt = nil
  }

  /// The app could not parse the `:` command: keep the prompt open with `message` as its error.
  public mutating func commandFailed(_ message: String) {
    prompt?.error = message
  }
}
