#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the terminal and the locale allow: Unicode output and colour.
public struct TerminalCapabilities: Equatable, Sendable {
  /// The locale's character set (`nl_langinfo(nl_item(CODESET))`), e.g. "UTF-8" or "ANSI_X3.4-1968".
  public var codeset: String
  /// The locale encodes text as UTF-8.
  public var isUTF8: Bool
  /// Only ASCII may be sent: the locale is not UTF-8, or `--ascii` was given.
  public var asciiOnly: Bool
  /// The number of colours in use; 0 when drawing in monochrome.
  public var colorCount: Int

  /// Whether roles are drawn in colour.
  public var supportsColor: Bool { colorCount > 0 }

  /// Whether a codeset name means UTF-8 ("UTF-8", "utf8", …).
  public static func isUTF8Codeset(_ codeset: String) -> Bool {
    let folded = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
    return folded == "utf8"
  }

  /// Whether colour is switched off by the user: `--no-color`, or a non-empty `NO_COLOR` (no-color.org).
  public static func colorDisabled(noColorOption: Bool, noColorEnvironment: String?) -> Bool {
    noColorOption || !(noColorEnvironment ?? "").isEmpty
  }

  /// The current locale's codeset; call after `setlocale`.
  static func currentCodeset() -> String {
    guard let name = nl_langinfo(nl_item(CODESET)) else { return "" }
    return String(cString: name)
  }

  /// The value of an environment variable, if set.
  static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }
}
