import HFEngine
import HFRecording

/// One name of the dashboard's `:` command line: a setting of the table (`:lambda 1e-3`) or a
/// run command (`:stop`).
public struct SettingEntry: Sendable {
  /// The canonical name ("lambda").
  public let name: String
  /// Other accepted names ("l", "damping", "λ").
  public let aliases: [String]
  /// One line for the help overlay.
  public let help: String
  /// What the value looks like ("NUMBER ≥ 0 | *F | /F"); empty for commands that take none.
  public let syntax: String
  /// Fixed values offered by completion (empty for numbers).
  public let choices: [String]
  /// The setting, for entries that set one (nil for run commands).
  public let setting: Setting?
  /// Parses the (trimmed, possibly empty) value into a control, or says what is wrong.
  let parse: @Sendable (_ value: String) -> Result<SessionControl, SettingError>

  /// The entry of a table setting: its value, or for numbers `*F` / `/F` to scale it.
  init(_ s: Setting) {
    name = s.id.rawValue
    aliases = s.aliases
    help = s.help
    setting = s
    choices = s.completions
    if case .number = s.kind {
      syntax = s.syntax + " | *F | /F"
    } else {
      syntax = s.syntax
    }
    let name = name
    parse = { text in
      if case .number = s.kind, let op = text.first, "*x×/".contains(op) {
        let factor = String(text.dropFirst()).trimmingWhitespace
        guard let f = Double(factor), HFConfig.Bounds.lambdaFactor.contains(f) else {
          return .failure(SettingError("\(name) needs a factor > 0 after \(op) (got \(factor.isEmpty ? "nothing" : "'\(factor)'"))."))
        }
        return .success(.scale(s.id, op == "/" ? 1 / f : f))
      }
      return s.parse(text, subject: name).map { .set(s.id, $0) }
    }
  }

  /// A run command's entry.
  init(
    _ name: String, aliases: [String] = [], syntax: String = "", help: String,
    parse: @escaping @Sendable (String) -> Result<SessionControl, SettingError>
  ) {
    self.name = name
    self.aliases = aliases
    self.help = help
    self.syntax = syntax
    choices = []
    setting = nil
    self.parse = parse
  }

  /// The value in force, written the way the command line accepts it (nil for run commands).
  public func current(_ settings: RunSettings) -> String? { setting?.typed(in: settings) }

  /// Whether `word` names this entry (case-insensitive).
  public func matches(_ word: String) -> Bool {
    let w = word.lowercased()
    return name == w || aliases.contains(w)
  }

  /// "lambda NUMBER ≥ 0 | *F | /F — damping λ added to the curvature", for help screens.
  public var helpLine: String {
    (syntax.isEmpty ? name : name + " " + syntax) + " — " + help
  }
}
