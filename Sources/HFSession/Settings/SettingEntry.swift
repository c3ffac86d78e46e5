import HFEngine
import HFRecording

/// One name of the dashboard's `:` command line: a setting (`:lambda 1e-3`) or a run command (`:stop`).
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
  /// The value in force, written the way the command line accepts it (nil for run commands).
  public let current: (@Sendable (_ config: HFConfig, _ lambda: Double) -> String)?
  /// Parses the (trimmed, possibly empty) value into a control, or says what is wrong.
  let parse: @Sendable (_ value: String) -> Result<SessionControl, SettingError>

  init(
    _ name: String, aliases: [String] = [], syntax: String, choices: [String] = [], help: String,
    current: (@Sendable (HFConfig, Double) -> String)? = nil,
    parse: @escaping @Sendable (String) -> Result<SessionControl, SettingError>
  ) {
    self.name = name
    self.aliases = aliases
    self.help = help
    self.syntax = syntax
    self.choices = choices
    self.current = current
    self.parse = parse
  }

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

/// Why a command line could not be parsed, as one line for the prompt.
public struct SettingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The line to show.
  public let message: String
  /// An error saying `message`.
  public init(_ message: String) { self.message = message }
  /// The message.
  public var description: String { message }
}
