import HFEngine
import HFRecording

/// The dashboard's `:` command line, from the settings table plus the run commands: names, aliases, one-line help, parsing
/// (`":lambda 1e-3"` → a `ControlRequest`, or a one-line error) and Tab completion. Pure.
public enum SettingsCatalog {
  /// The settings of the table, in the order help lists them.
  public static let settings: [SettingEntry] = Settings.all.map(SettingEntry.init)

  /// The settings that can change while the run goes on (what completion and hints offer).
  public static var liveSettings: [SettingEntry] { settings.filter { $0.setting?.live == true } }

  /// Run commands accepted on the same line (`:stop`, `:continue 50`).
  public static let commands: [SettingEntry] = [
    SettingEntry("pause", help: "pause at the next CG step") { none($0, "pause", .pause) },
    SettingEntry("resume", aliases: ["run"], help: "resume a paused run") { none($0, "resume", .resume) },
    SettingEntry("step", aliases: ["stepone"], help: "run one HF iteration, then pause") { none($0, "step", .stepOnce) },
    SettingEntry("stop", help: "end the run (abandons the running iteration; θ unchanged)") { none($0, "stop", .stop) },
    SettingEntry("restart", help: "after the run is done: start again from the same seed and settings") {
      none($0, "restart", .restart)
    },
    SettingEntry("continue", aliases: ["more"], syntax: "[N ≥ 1]", help: "after the run is done: N more iterations (none: until stopped)") {
      guard !$0.isEmpty else { return .success(.continueRun(extraIterations: nil)) }
      guard let n = Int($0), n >= 1 else {
        return .failure(SettingError("continue must be a whole number at least 1 (got '\($0)')."))
      }
      return .success(.continueRun(extraIterations: n))
    },
  ]

  /// Every entry: settings, then run commands.
  public static var entries: [SettingEntry] { settings + commands }

  /// The entry `word` names (canonical name or alias, case-insensitive).
  public static func entry(named word: String) -> SettingEntry? {
    entries.first { $0.matches(word) }
  }

  /// A run command that takes no value.
  private static func none(_ text: String, _ name: String, _ control: SessionControl) -> Result<SessionControl, SettingError> {
    text.isEmpty ? .success(control) : .failure(SettingError("\(name) takes no value (got '\(text)')."))
  }
}

extension String {
  /// Without leading and trailing spaces and tabs (no Foundation).
  public var trimmingWhitespace: String {
    let scalars = unicodeScalars
    guard let a = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
      let b = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
    else { return "" }
    return String(scalars[a...b])
  }
}
