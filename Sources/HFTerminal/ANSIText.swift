import HFCanvas
import HFCanvas

/// A canvas as lines of text with ANSI SGR sequences, coloured like the curses screen
/// (`ColorPalette`, 256 colours) or, without colour, with its monochrome attributes: for
/// asciicast export and other text output outside curses.
public enum ANSIText {
  /// The canvas's rows, each ending with an SGR reset when it set any style.
  public static func lines(_ canvas: Canvas, color: Bool = true) -> [String] {
    (0..<canvas.height).map { y in
      var out = ""
      var current: String? = nil
      for x in 0..<canvas.width {
        let cell = canvas[x, y]
        let sgr = sequence(for: cell, color: color)
        if sgr != current {
          out += "\u{1B}[" + sgr + "m"
          current = sgr
        }
        out.unicodeScalars.append(cell.scalar)
      }
      if let current, current != "0" { out += "\u{1B}[0m" }
      return out
    }
  }

  /// The SGR parameters of a cell ("0" for plain text; "0;1;38;5;141" and so on).
  public static func sequence(for cell: Cell, color: Bool) -> String {
    var attributes: TextAttributes
    var foreground: Int16 = -1
    if color {
      let style = ColorPalette.colorStyle(for: cell.role, colors: 256)
      attributes = style.attributes
      foreground = style.foreground
    } else {
      attributes = ColorPalette.monochrome(for: cell.role)
    }
    if cell.bold { attributes.insert(.bold) }
    if cell.reverse { attributes.insert(.reverse) }
    var parts = ["0"]
    if attributes.contains(.bold) { parts.append("1") }
    if attributes.contains(.dim) { parts.append("2") }
    if attributes.contains(.underline) { parts.append("4") }
    if attributes.contains(.reverse) { parts.append("7") }
    if foreground >= 0 { parts.append(foreground < 8 ? String(30 + foreground) : "38;5;\(foreground)") }
    return parts.joined(separator: ";")
  }
}
