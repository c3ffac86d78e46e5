import CNCurses
import HFCanvas
import HFCanvas

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The curses screen: blits `Canvas` frames, reads keys, and restores the terminal on every exit path.
///
/// Not `Sendable`: create it, draw and read keys on one thread (the UI loop); debug builds check
/// that with `pthread_equal`. Only one screen can be active per process.
public final class TerminalScreen {
  /// The options the screen was created with.
  public let options: TerminalOptions
  /// What the locale and terminal allow (UTF-8, colours).
  public let capabilities: TerminalCapabilities

  /// The locale encodes text as UTF-8.
  public var isUTF8: Bool { capabilities.isUTF8 }
  /// Only ASCII reaches the terminal (non-UTF-8 locale or `forceASCII`); widgets should pick ASCII glyphs.
  public var asciiOnly: Bool { capabilities.asciiOnly }
  /// Roles are drawn in colour (otherwise with bold/dim/reverse/underline).
  public var supportsColor: Bool { capabilities.supportsColor }

  let window: UnsafeMutablePointer<WINDOW>
  private let owner: pthread_t
  private let capture: StderrCapture?
  private let installedSignals: Bool
  /// Per role (indexed by raw value): the attributes and the colour pair to draw it with.
  let roleAttributes: [attr_t]
  let rolePairs: [Int16]
  /// The last frame written and the screen size it was written at.
  var previous: Canvas?
  var previousSize: (width: Int, height: Int) = (0, 0)
  var needsFullRedraw = true
  /// Input read ahead while decoding an escape sequence, consumed first by `readKey`.
  var pendingInput: [RawInput] = []
  private var restored = false

  /// Takes over the terminal: locale, curses modes, colours, signal handlers and stderr capture.
  public init(options: TerminalOptions = TerminalOptions()) throws {
    guard !TerminalSignals.cursesActive.load(ordering: .sequentiallyConsistent) else {
      throw TerminalError.alreadyActive
    }
    guard isatty(0) == 1, isatty(1) == 1 else { throw TerminalError.notATerminal }
    setlocale(LC_ALL, "")
    let codeset = TerminalCapabilities.currentCodeset()
    let utf8 = TerminalCapabilities.isUTF8Codeset(codeset)
    guard hfdash_terminal_usable(1) == 1 else {
      throw TerminalError.unknownTerminal(TerminalCapabilities.environment("TERM") ?? "")
    }

    self.options = options
    owner = pthread_self()
    installedSignals = options.installSignalHandlers
    if installedSignals { TerminalSignals.install() }
    TerminalSignals.registerAtExit()
    // Without a capture (e.g. the caller already captures fd 2) the session still works.
    capture = options.captureStderr ? try? StderrCapture() : nil

    // initscr() prints and exits on an unusable terminal; the setupterm check above rules that out.

    guard let win = initscr() else {
      if installedSignals { TerminalSignals.uninstall() }
      capture?.restore()
      throw TerminalError.initFailed
    }
    window = win
    TerminalSignals.cursesActive.store(true, ordering: .sequentiallyConsistent)
    cbreak()
    noecho()
    nonl()
    intrflush(win, false)
    keypad(win, true)
    curs_set(0)
    set_escdelay(25)

    let colorOff = TerminalCapabilities.colorDisabled(
      noColorOption: options.noColor,
      noColorEnvironment: TerminalCapabilities.environment("NO_COLOR"))
    var colorCount = 0
    var defaultColors = false
    if !colorOff && has_colors() && start_color() == OK {
      defaultColors = use_default_colors() == OK
      colorCount = Int(hfdash_colors())
      if colorCount < 8 || hfdash_color_pairs() <= StyleRole.allCases.count { colorCount = 0 }
    }
    capabilities = TerminalCapabilities(
      codeset: codeset, isUTF8: utf8, asciiOnly: options.forceASCII || !utf8, colorCount: colorCount
    )
    (roleAttributes, rolePairs) = Self.roleStyles(
      colorCount: colorCount, defaultColors: defaultColors)
    wtimeout(win, Int32(clamping: options.frameTimeoutMs))
  }

  deinit { restore() }

  /// Runs `body` with a screen and restores the terminal however `body` ends.
  public static func withScreen<T>(
    options: TerminalOptions = TerminalOptions(), body: (TerminalScreen) throws -> T
  ) throws -> T {
    let screen = try TerminalScreen(options: options)
    defer { screen.restore() }
    return try body(screen)
  }

  /// The screen size in cells.
  public var size: (width: Int, height: Int) {
    checkThread()
    return (Int(getmaxx(window)), Int(getmaxy(window)))
  }

  /// The quit signal (SIGINT, SIGTERM, SIGHUP) received and not yet handled; poll it once per frame.
  public static var pendingSignal: Int32? {
    let sig = TerminalSignals.pending.load(ordering: .sequentiallyConsistent)
    return sig == 0 ? nil : sig
  }

  /// Forgets a pending quit signal the loop decided not to act on.
  public static func clearPendingSignal() {
    TerminalSignals.pending.store(0, ordering: .sequentiallyConsistent)
  }

  /// Ends curses (`endwin`), puts signal handlers back and replays captured stderr; idempotent.
  public func restore() {
    guard !restored else { return }
    restored = true
    if TerminalSignals.cursesActive.exchange(false, ordering: .sequentiallyConsistent) {
      checkThread()
      endwin()
    }
    if installedSignals { TerminalSignals.uninstall() }
    capture?.restore()
  }

  /// Debug builds stop here when a curses call comes from a thread other than the creator's.
  @inline(__always)
  func checkThread() {
    assert(pthread_equal(owner, pthread_self()) != 0, "TerminalScreen used off its UI thread")
  }

  /// The per-role attribute and colour-pair tables for `colorCount` colours (0: monochrome).
  /// Without `use_default_colors`, -1 (the terminal's own colour) is not allowed: white on black then.
  private static func roleStyles(colorCount: Int, defaultColors: Bool) -> ([attr_t], [Int16]) {
    let background = defaultColors ? -1 : Int16(COLOR_BLACK)
    var attributes: [attr_t] = []
    var pairs: [Int16] = []
    for role in StyleRole.allCases {
      precondition(
        Int(role.rawValue) == attributes.count, "StyleRole raw values must be 0, 1, 2, …")
      if colorCount > 0 {
        let style = ColorPalette.colorStyle(for: role, colors: colorCount)
        let pair = Int16(role.rawValue) + 1
        let foreground =
          style.foreground < 0 && !defaultColors ? Int16(COLOR_WHITE) : style.foreground
        init_pair(pair, foreground, background)
        attributes.append(cursesAttributes(style.attributes))
        pairs.append(pair)
      } else {
        attributes.append(cursesAttributes(ColorPalette.monochrome(for: role)))
        pairs.append(0)
      }
    }
    return (attributes, pairs)
  }

  private static func cursesAttributes(_ a: TextAttributes) -> attr_t {
    var result = hfdash_a_normal()
    if a.contains(.bold) { result |= hfdash_a_bold() }
    if a.contains(.dim) { result |= hfdash_a_dim() }
    if a.contains(.reverse) { result |= hfdash_a_reverse() }
    if a.contains(.underline) { result |= hfdash_a_underline() }
    return result
  }
}
