/// Last-resort ASCII stand-ins for the non-ASCII glyphs widgets use; anything else becomes "?".
///
/// Widgets pick ASCII glyph sets themselves in ASCII mode; this only guarantees that no
/// non-ASCII scalar ever reaches a terminal that cannot show it, and keeps frames legible.
enum ASCIIFallback {
  /// An ASCII scalar (0x20–0x7E) that stands in for `scalar`.
  static func ascii(for scalar: Unicode.Scalar) -> Unicode.Scalar {
    let v = scalar.value
    if (0x20...0x7E).contains(v) { return scalar }
    switch v {
    case 0x2500...0x257F: return boxDrawing(v)
    case 0x2800: return " "  // empty braille cell
    case 0x2801...0x28FF: return ":"  // braille dots
    case 0x2580...0x259F: return "#"  // block elements
    // Subscript and superscript digits (log₁₀, 10⁻³).
    case 0x2080...0x2089: return Unicode.Scalar(UInt8(v - 0x2080 + 0x30))
    case 0x2070, 0x2074...0x2079: return Unicode.Scalar(UInt8(v - 0x2070 + 0x30))
    case 0x00B9: return "1"
    case 0x00B2: return "2"
    case 0x00B3: return "3"
    case 0x00A0: return " "
    case 0x00B7, 0x2026: return "."  // middle dot, ellipsis
    case 0x2022, 0x25CF: return "*"  // bullet, black circle
    case 0x00D7: return "x"  // multiplication sign
    case 0x2010...0x2015, 0x2212: return "-"  // dashes, minus sign
    case 0x2190: return "<"
    case 0x2192: return ">"
    case 0x2191, 0x25B2: return "^"
    case 0x2193, 0x25BC: return "v"
    default: return "?"
    }
  }

  /// Box-drawing characters: horizontal lines → "-", vertical lines → "|", everything else → "+".
  private static func boxDrawing(_ v: UInt32) -> Unicode.Scalar {
    switch v {
    case 0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2550,
      0x2574, 0x2576, 0x2578, 0x257A, 0x257C, 0x257E:
      return "-"
    case 0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551,
      0x2575, 0x2577, 0x2579, 0x257B, 0x257D, 0x257F:
      return "|"
    default:
      return "+"
    }
  }
}
