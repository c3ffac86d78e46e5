import HFCanvas
import HFRecording
/// The run modes a binding applies in.
public struct KeyModes: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  /// A live session that has not finished (starting, running, paused, stepping).
  public static let live = KeyModes(rawValue: 1 << 0)
  /// A live session that reached DONE.
  public static let done = KeyModes(rawValue: 1 << 1)
  /// Replaying a recording.
  public static let replay = KeyModes(rawValue: 1 << 2)
  public static let session: KeyModes = [.live, .done]
  public static let all: KeyModes = [.live, .done, .replay]
}

/// Which part of the UI has the keyboard.
public enum KeyContext: String, Sendable, CaseIterable {
  /// The dashboard itself.
  case main
  /// The help overlay is open (keys it does not bind fall through to `main`).
  case help
  /// A prompt (`:` or note) is open; unbound printable keys are typed into it.
  case prompt
  /// "Quit? y/n" is showing.
  case quitConfirm
}

/// What a binding does, before it is resolved against the state into a `DashboardCommand`.
public enum KeyAction: Equatable, Sendable {
  case togglePause, stepOnce, restart, continueRun
  /// A setting ×factor: number settings are scaled by the engine; whole numbers move by at
  /// least one, within the setting's bounds (the curvature batch within the training set).
  case scale(SettingID, Double)
  /// An on/off setting flipped.
  case toggle(SettingID)
  /// A choice setting's next choice (Gauss-Newton → Hessian → Fisher → Gauss-Newton).
  case cycle(SettingID)
  case openPrompt(PromptKind)
  case finiteDifferenceCheck
  /// Start the on-demand Lanczos run (k = `LanczosDefaults.steps`), or stop the running one.
  case lanczos
  /// Stop the running Lanczos run (nothing when none runs).
  case cancelLanczos
  case cycleFocus(Int)
  case toggleScale
  case toggleComparison
  /// Races: x axis, plotted metric, the focused racer (±1), hold/resume it, drop it.
  case cycleRaceAxis, cycleRaceMetric
  case cycleRacer(Int)
  case toggleRacerHold, dropRacer
  case scrollLog(Int)
  case toggleHelp
  case scrollHelp(Int)
  case quit
  /// Leave the dashboard, the session going on (a viewer of a session process).
  case detach
  case replay(ReplayTransport)
  case editPrompt(PromptEdit)
  case submitPrompt, cancelPrompt
  case confirmQuit, cancelQuit
}

/// One row of the key map: keys and what each does, the help line, its group, modes and context.
public struct KeyBinding: Sendable {
  /// The keys, each with its action (`]` ×1.5 and `[` ÷1.5 share one row and one help line).
  public var keys: [(key: KeyEvent, action: KeyAction)]
  /// The help line.
  public var help: String
  /// The help overlay's group heading.
  public var group: String
  public var modes: KeyModes
  public var context: KeyContext
  /// A short label for the key bar, and its rank there (lower = shown first); nil = not on the bar.
  public var barLabel: String?
  public var barRank: Int
  /// How many of `keys` the key bar shows ("] [" shows two, "? F1" one).
  public var barKeys: Int
  /// The keys as the help overlay shows them, when listing every key would be too long.
  public var helpKeys: String?

  /// A row whose keys each do their own action.
  public init(
    _ keys: [(KeyEvent, KeyAction)], help: String, group: String, modes: KeyModes = .all,
    context: KeyContext = .main, bar: String? = nil, rank: Int = 100, barKeys: Int = 1, helpKeys: String? = nil
  ) {
    self.keys = keys.map { (key: $0.0, action: $0.1) }
    self.barKeys = barKeys
    self.helpKeys = helpKeys
    self.help = help
    self.group = group
    self.modes = modes
    self.context = context
    barLabel = bar
    barRank = rank
  }

  /// A row whose keys all do `action`.
  public init(
    _ keys: [KeyEvent], _ action: KeyAction, help: String, group: String, modes: KeyModes = .all,
    context: KeyContext = .main, bar: String? = nil, rank: Int = 100
  ) {
    self.init(
      keys.map { ($0, action) }, help: help, group: group, modes: modes, context: context, bar: bar, rank: rank)
  }

  /// The action bound to `key`, if this row binds it.
  public func action(for key: KeyEvent) -> KeyAction? {
    keys.first { $0.key == key }?.action
  }

  /// The keys as shown in help ("] [", "space", "Tab S-Tab").
  public func keyLabel(ascii: Bool = false) -> String {
    if let helpKeys { return helpKeys }
    return keys.map { KeyBinding.name(of: $0.key, ascii: ascii) }.joined(separator: " ")
  }

  /// The keys as shown on the key bar (the first `barKeys` of them).
  public func barKeyLabel(ascii: Bool = false) -> String {
    keys.prefix(max(1, barKeys)).map { KeyBinding.name(of: $0.key, ascii: ascii) }.joined(separator: " ")
  }

  /// The display name of a key: "space", "Tab", "Esc", "←", "F1", "^C", or the character.
  public static func name(of key: KeyEvent, ascii: Bool = false) -> String {
    switch key {
    case .char(" "): "space"
    case .char(let c): String(c)
    case .ctrl(let c): "^" + String(c).uppercased()
    case .enter: "Enter"
    case .escape: "Esc"
    case .tab: "Tab"
    case .backTab: "S-Tab"
    case .backspace: "Bksp"
    case .delete: "Del"
    case .up: ascii ? "Up" : "↑"
    case .down: ascii ? "Down" : "↓"
    case .left: ascii ? "Left" : "←"
    case .right: ascii ? "Right" : "→"
    case .home: "Home"
    case .end: "End"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .function(let n): "F" + String(n)
    case .resize: "resize"
    }
  }
}
