import HFEngine

/// One setting, declared once in `Settings.all`: where it lives in the run's settings, its names
/// (display, `:` command and aliases, CLI flag, recording op), its kind and valid values, whether
/// it can change while the run goes on, and what the problem must support for it.
public struct Setting: Sendable {
  /// What values the setting takes.
  public enum Kind: Sendable {
    case number(SettingBounds)
    case whole(SettingBounds)
    case flag
    case choice([Choice])
  }

  /// One value of a choice setting: its raw value (as recorded), the words that type it (the
  /// first is canonical) and how the screen names it.
  public struct Choice: Sendable {
    public let value: String
    public let words: [String]
    public let display: String
  }

  /// How the command line sets it: `--name VALUE`, or a flag that turns it off (`--no-line-search`).
  public enum Flag: Sendable, Equatable {
    case option(String)
    case off(String)
    /// The flag's long name, without dashes.
    public var name: String {
      switch self {
      case .option(let n), .off(let n): n
      }
    }
  }

  /// Whose setting it is: HF's, or the racers'.
  public enum Owner: Sendable { case hf, racers }

  public let id: SettingID
  /// The name confirmations and the panel use ("max CG", "λ").
  public let name: String
  /// Other words the `:` prompt accepts.
  public let aliases: [String]
  public let flag: Flag?
  /// The recording's op for setting it ("setMaxCG"); scaling uses "scale…".
  public let op: String
  /// One line for help screens.
  public let help: String
  public let kind: Kind
  /// Whether it can change while the run goes on (at the next HF-iteration boundary).
  public let live: Bool
  public let owner: Owner
  /// How `.automatic` reads, given the settings ("1/4 of data").
  let automaticText: @Sendable (RunSettings) -> String
  let get: @Sendable (RunSettings) -> SettingValue
  /// Writes a valid value, adjusting dependent settings (max CG below min CG lowers min CG).
  let set: @Sendable (inout RunSettings, SettingValue) -> Void
  /// Why a problem cannot honour `value` (nil when it can).
  let capability: @Sendable (ProblemCapabilities, SettingValue) -> String?

  init(
    _ id: SettingID, _ name: String, aliases: [String] = [], flag: Flag?, op: String, help: String, kind: Kind,
    live: Bool = true, owner: Owner = .hf, automatic: @escaping @Sendable (RunSettings) -> String = { _ in "default" },
    get: @escaping @Sendable (RunSettings) -> SettingValue, set: @escaping @Sendable (inout RunSettings, SettingValue) -> Void,
    capability: @escaping @Sendable (ProblemCapabilities, SettingValue) -> String? = { _, _ in nil }
  ) {
    self.id = id
    self.name = name
    self.aliases = aliases
    self.flag = flag
    self.op = op
    self.help = help
    self.kind = kind
    self.live = live
    self.owner = owner
    automaticText = automatic
    self.get = get
    self.set = set
    self.capability = capability
  }
}

// MARK: - Entries from key paths

extension Setting {
  /// A number at `path`.
  static func number(
    _ id: SettingID, _ name: String, aliases: [String] = [], flag: Flag?, op: String, help: String, bounds: SettingBounds,
    live: Bool = true, owner: Owner = .hf, _ path: WritableKeyPath<RunSettings, Double> & Sendable,
    capability: @escaping @Sendable (ProblemCapabilities, SettingValue) -> String? = { _, _ in nil }
  ) -> Setting {
    Setting(
      id, name, aliases: aliases, flag: flag, op: op, help: help, kind: .number(bounds), live: live, owner: owner,
      get: { .number($0[keyPath: path]) }, set: { s, v in if let x = v.number { s[keyPath: path] = x } }, capability: capability)
  }

  /// A whole number at `path`; `then` adjusts dependent settings after it is written.
  static func whole(
    _ id: SettingID, _ name: String, aliases: [String] = [], flag: Flag?, op: String, help: String, bounds: SettingBounds,
    live: Bool = true, owner: Owner = .hf, _ path: WritableKeyPath<RunSettings, Int> & Sendable,
    then: @escaping @Sendable (inout RunSettings) -> Void = { _ in }
  ) -> Setting {
    Setting(
      id, name, aliases: aliases, flag: flag, op: op, help: help, kind: .whole(bounds), live: live, owner: owner,
      get: { .whole($0[keyPath: path]) },
      set: { s, v in
        if case .whole(let n) = v { s[keyPath: path] = n }
        then(&s)
      })
  }

  /// A whole number at `path` that may be left to its default rule (nil = `.automatic`).
  static func optionalWhole(
    _ id: SettingID, _ name: String, aliases: [String] = [], flag: Flag?, op: String, help: String, bounds: SettingBounds,
    live: Bool = true, owner: Owner = .hf, automatic: @escaping @Sendable (RunSettings) -> String,
    _ path: WritableKeyPath<RunSettings, Int?> & Sendable
  ) -> Setting {
    Setting(
      id, name, aliases: aliases, flag: flag, op: op, help: help, kind: .whole(bounds), live: live, owner: owner,
      automatic: automatic, get: { $0[keyPath: path].map(SettingValue.whole) ?? .automatic },
      set: { s, v in
        switch v {
        case .whole(let n): s[keyPath: path] = n
        case .automatic: s[keyPath: path] = nil
        default: break
        }
      })
  }

  /// On or off at `path`.
  static func flag(
    _ id: SettingID, _ name: String, aliases: [String] = [], flag: Flag?, op: String, help: String, live: Bool = true,
    _ path: WritableKeyPath<RunSettings, Bool> & Sendable,
    capability: @escaping @Sendable (ProblemCapabilities, SettingValue) -> String? = { _, _ in nil }
  ) -> Setting {
    Setting(
      id, name, aliases: aliases, flag: flag, op: op, help: help, kind: .flag, live: live, get: { .flag($0[keyPath: path]) },
      set: { s, v in if case .flag(let b) = v { s[keyPath: path] = b } }, capability: capability)
  }

  /// One of an enum's cases at `path`, each with the words that type it and its display name.
  static func choice<T: RawRepresentable & Sendable>(
    _ id: SettingID, _ name: String, aliases: [String] = [], flag: Flag?, op: String, help: String, live: Bool = true,
    _ path: WritableKeyPath<RunSettings, T> & Sendable, _ choices: [(T, [String], String)],
    capability: @escaping @Sendable (ProblemCapabilities, T) -> String? = { _, _ in nil }
  ) -> Setting where T.RawValue == String {
    Setting(
      id, name, aliases: aliases, flag: flag, op: op, help: help,
      kind: .choice(choices.map { Choice(value: $0.0.rawValue, words: $0.1, display: $0.2) }), live: live,
      get: { .choice($0[keyPath: path].rawValue) },
      set: { s, v in if case .choice(let raw) = v, let t = T(rawValue: raw) { s[keyPath: path] = t } },
      capability: { caps, v in
        guard case .choice(let raw) = v, let t = T(rawValue: raw) else { return nil }
        return capability(caps, t)
      })
  }
}
