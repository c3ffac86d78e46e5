/// How a `TerminalScreen` sets up the terminal.
public struct TerminalOptions: Equatable, Sendable {
  /// Never send a non-ASCII character, even in a UTF-8 locale (`--ascii`).
  public var forceASCII: Bool
  /// Draw without colour even when the terminal has it (`--no-color`; `NO_COLOR` is honoured too).
  public var noColor: Bool
  /// How long `readKey()` waits for a key, in milliseconds: the UI loop's frame clock.
  public var frameTimeoutMs: Int
  /// Redirect fd 2 to a temporary file while curses owns the screen, and replay it afterwards.
  public var captureStderr: Bool
  /// Install the SIGINT/SIGTERM/SIGHUP and crash handlers that restore the terminal.
  public var installSignalHandlers: Bool

  /// Options with the defaults used by the dashboard.
  public init(
    forceASCII: Bool = false, noColor: Bool = false, frameTimeoutMs: Int = 100,
    captureStderr: Bool = true, installSignalHandlers: Bool = true
  ) {
    self.forceASCII = forceASCII
    self.noColor = noColor
    self.frameTimeoutMs = max(0, frameTimeoutMs)
    self.captureStderr = captureStderr
    self.installSignalHandlers = installSignalHandlers
  }
}
