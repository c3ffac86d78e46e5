/// A key press as the dashboard sees it, decoded from the terminal by HFTerminal.
public enum KeyEvent: Hashable, Sendable {
  /// A printable character, including space.
  case char(Character)
  /// Control plus a letter (`ctrl("c")` is Ctrl-C when the terminal delivers it as a key).
  case ctrl(Character)
  case enter, escape, tab, backTab, backspace, delete
  case up, down, left, right, home, end, pageUp, pageDown
  /// A function key F1…F12.
  case function(Int)
  /// The terminal was resized; re-layout on the next frame.
  case resize
}
