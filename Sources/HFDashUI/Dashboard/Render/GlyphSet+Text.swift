import HFCanvas
extension GlyphSet {
  /// `text` as this glyph set can show it: unchanged for Unicode, transliterated for ASCII
  /// ("λ" → "lambda", "→" → "->", "·" → "|"), so an ASCII frame holds only ASCII.
  public func text(_ text: String) -> String {
    guard !usesBraille else { return text }
    guard !text.unicodeScalars.allSatisfy(\.isASCII) else { return text }
    var out = ""
    out.reserveCapacity(text.unicodeScalars.count + 8)
    for s in text.unicodeScalars {
      if s.isASCII {
        out.unicodeScalars.append(s)
      } else {
        out += Self.asciiName(s)
      }
    }
    return out
  }

  /// A tick on an x axis marking a stored CG iterate (`┴`, ASCII `o`).
  var storedTick: Unicode.Scalar { usesBraille ? "┴" : "o" }
  /// A filled marker for the chosen point (`◆`, ASCII `#`).
  var chosenMarker: Unicode.Scalar { usesBraille ? "◆" : "#" }
  /// A separator dot between header items (`·`, ASCII `|`).
  var separator: String { usesBraille ? "·" : "|" }

  static func asciiName(_ s: Unicode.Scalar) -> String {
    switch s {
    case "λ": "lambda"
    case "ρ": "rho"
    case "μ": "mu"
    case "φ": "phi"
    case "ε": "eps"
    case "α": "alpha"
    case "κ": "kappa"
    case "θ": "theta"
    case "⁻": "^-"
    case "¹": "1"
    case "∇": "grad"
    case "‖": "|"
    case "→": "->"
    case "←": "<-"
    case "↑": "^"
    case "↓": "v"
    case "×": "x"
    case "÷": "/"
    case "·": "|"
    case "…": "..."
    case "¼": "1/4"
    case "¾": "3/4"
    case "≤": "<="
    case "≈": "~"
    case "≥": ">="
    case "–", "—", "−": "-"
    case "▾", "▼": "v"
    case "▲": "^"
    case "●": "*"
    case "•": "o"
    case "◆": "#"
    case "▶": ">"
    case "₁": "1"
    case "₀": "0"
    case "ᵀ": "'"
    case "ₖ": "k"
    case "ᵢ": "i"
    default: "?"
    }
  }
}
