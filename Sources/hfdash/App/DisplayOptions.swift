import ArgumentParser
import HFDashUI
import HFTerminal
import HFCanvas

/// `--ascii`, `--no-color` and `--refresh-ms`: how the dashboard is drawn.
struct DisplayOptions: ParsableArguments {
  @Flag(help: "Draw with ASCII only (automatic when the locale is not UTF-8).")
  var ascii = false
  @Flag(help: "No colours (also when NO_COLOR is set or the terminal has none).")
  var noColor = false
  @Option(name: .customLong("refresh-ms"), help: ArgumentHelp("Frame interval in milliseconds (default 100).", valueName: "refresh-ms"))
  var refreshMsGiven: Int?

  /// The frame interval: as given, else 100 ms.
  var refreshMs: Int { refreshMsGiven ?? 100 }

  /// Opens the terminal, runs `body` with the screen and glyph set, and restores the terminal on
  /// every path; a terminal that cannot be opened is one sentence and exit 1.
  func withScreen<T>(_ body: (TerminalScreen, GlyphSet) -> T) -> T {
    guard refreshMs >= 10 && refreshMs <= 5000 else { fail("--refresh-ms must be between 10 and 5000 (got \(refreshMs)).", code: 2) }
    return withScreen(frameMs: refreshMs, body)
  }

  /// `withScreen` with the frame interval `frameMs` instead of `--refresh-ms` (a replay's own pace).
  func withScreen<T>(frameMs: Int, _ body: (TerminalScreen, GlyphSet) -> T) -> T {
    let screen: TerminalScreen
    do {
      screen = try TerminalScreen(options: TerminalOptions(forceASCII: ascii, noColor: noColor, frameTimeoutMs: frameMs))
    } catch {
      fail("cannot open the dashboard: \(error) (use `hfdash train` without a terminal).")
    }
    defer { screen.restore() }
    return body(screen, screen.asciiOnly ? .ascii : .unicode)
  }
}
