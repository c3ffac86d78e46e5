import CNCurses
import HFCanvas
import HFCanvas

/// One unit of input as `wget_wch` reports it.
enum RawInput: Equatable, Sendable {
  /// A character (`wget_wch` returned `OK`).
  case character(UInt32)
  /// A curses key code (`wget_wch` returned `KEY_CODE_YES`), e.g. `KEY_LEFT` or `KEY_RESIZE`.
  case keyCode(Int32)
}

/// The state of an escape sequence read after an ESC that curses did not decode itself.
enum EscapeParse: Equatable, Sendable {
  /// The bytes so far are the start of a sequence; read more (if any arrive at once).
  case needMore
  /// A complete sequence: the key it names, or nil for a sequence hfdash does not use.
  case complete(KeyEvent?)
  /// Not a sequence: the ESC was a key on its own and the rest is ordinary input.
  case notASequence
}

/// Maps curses input to `KeyEvent`s; pure, so the decoding rules can be read and checked in one place.
///
/// `keypad(win, TRUE)` makes curses decode the sequences terminfo lists for `$TERM`. A terminal
/// multiplexer may still send a variant the entry lacks (tmux sends Home as `ESC [ 1 ~`, which
/// `xterm-256color` lists as nothing; `screen` lists it as `khome`), so bare ESC sequences are
/// decoded here as well.
enum KeyDecoder {
  /// The key for a `KEY_CODE_YES` code, or nil for keys hfdash does not use.
  static func key(forCode code: Int32) -> KeyEvent? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_HOME, KEY_A1, KEY_FIND: return .home
    case KEY_END, KEY_C1, KEY_SELECT: return .end
    case KEY_PPAGE, KEY_A3: return .pageUp
    case KEY_NPAGE, KEY_C3: return .pageDown
    case KEY_BTAB: return .backTab
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_ENTER: return .enter
    case KEY_RESIZE: return .resize
    case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(code - KEY_F0))
    default: return nil
    }
  }

  /// The key for a character other than ESC, or nil for an unprintable one.
  static func key(forCharacter value: UInt32) -> KeyEvent? {
    switch value {
    case 13, 10: return .enter
    case 9: return .tab
    case 8, 127: return .backspace
    case 0: return .ctrl("@")
    case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + value))))
    case 28...31: return .ctrl(Character(Unicode.Scalar(UInt8(0x40 + value))))
    case 27: return .escape
    case 0x80..<0xA0: return nil
    default:
      guard let scalar = Unicode.Scalar(value) else { return nil }
      return .char(Character(scalar))
    }
  }

  /// Decodes the characters that followed an ESC: `ESC [ params final` (CSI) or `ESC O final` (SS3).
  static func parseEscape(_ tail: [UInt32]) -> EscapeParse {
    guard let introducer = tail.first else { return .needMore }
    switch introducer {
    case 0x5B:  // "["
      guard tail.count >= 2 else { return .needMore }
      let last = tail[tail.count - 1]
      if (0x40...0x7E).contains(last) {
        return .complete(csiKey(final: last, parameters: Array(tail[1..<(tail.count - 1)])))
      }
      guard (0x20...0x3F).contains(last), tail.count < 16 else { return .complete(nil) }
      return .needMore
    case 0x4F:  // "O"
      guard tail.count >= 2 else { return .needMore }
      return .complete(ss3Key(final: tail[1]))
    default:
      return .notASequence
    }
  }

  /// `ESC [ … final`: arrows, Home/End, the `~` family and back-tab; modifiers are ignored.
  private static func csiKey(final: UInt32, parameters: [UInt32]) -> KeyEvent? {
    switch final {
    case 0x41: return .up  // A
    case 0x42: return .down  // B
    case 0x43: return .right  // C
    case 0x44: return .left  // D
    case 0x48: return .home  // H
    case 0x46: return .end  // F
    case 0x5A: return .backTab  // Z
    case 0x50...0x53: return .function(Int(final - 0x50) + 1)  // P…S: F1–F4 with modifiers
    case 0x7E:  // ~
      guard let number = firstNumber(parameters) else { return nil }
      switch number {
      case 1, 7: return .home
      case 4, 8: return .end
      case 3: return .delete
      case 5: return .pageUp
      case 6: return .pageDown
      case 11...15: return .function(number - 10)
      case 17...21: return .function(number - 11)
      case 23, 24: return .function(number - 12)
      default: return nil
      }
    default: return nil
    }
  }

  /// `ESC O final`: application-mode arrows, Home/End, F1–F4 and keypad Enter.
  private static func ss3Key(final: UInt32) -> KeyEvent? {
    switch final {
    case 0x41: return .up
    case 0x42: return .down
    case 0x43: return .right
    case 0x44: return .left
    case 0x48: return .home
    case 0x46: return .end
    case 0x50...0x53: return .function(Int(final - 0x50) + 1)
    case 0x4D: return .enter  // M: keypad Enter
    default: return nil
    }
  }

  /// The first decimal parameter of a CSI sequence ("1;5" → 1).
  private static func firstNumber(_ parameters: [UInt32]) -> Int? {
    var value = 0
    var digits = 0
    for p in parameters {
      guard (0x30...0x39).contains(p) else { break }
      value = value * 10 + Int(p - 0x30)
      digits += 1
      if digits > 4 { return nil }
    }
    return digits > 0 ? value : nil
  }
}
