/// Why the terminal could not be taken over.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
  /// Standard input or output is not a terminal.
  case notATerminal
  /// `$TERM` names a terminal that terminfo does not know (or there is no terminfo database).
  case unknownTerminal(String)
  /// Another `TerminalScreen` is still active in this process.
  case alreadyActive
  /// `initscr()` returned no window.
  case initFailed

  /// One sentence for the user.
  public var description: String {
    switch self {
    case .notATerminal:
      return
        "the dashboard needs a terminal on standard input and output (use `hfdash train` in scripts)"
    case .unknownTerminal(let name):
      return
        "the terminal type '\(name)' is not known to terminfo; set TERM (e.g. TERM=xterm-256color)"
    case .alreadyActive:
      return "a terminal screen is already active in this process"
    case .initFailed:
      return "could not initialise the terminal (initscr failed)"
    }
  }
}
