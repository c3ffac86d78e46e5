import HFCanvas
/// A bordered panel with a title (and an optional right-hand caption) in its top border.
///
/// `render` draws the frame and returns the inner rectangle for the panel's content widget:
/// ```
/// ┌─ Loss ────────── log₁₀ ─┐
/// │ (content)               │
/// └─────────────────────────┘
/// ```
public struct Panel: Sendable {
  /// The title, bold in the top-left of the border.
  public var title: String
  /// A short caption in the top-right of the border (e.g. the scale, "frozen"), muted.
  public var caption: String
  /// Whether the panel has focus: its border is drawn in the `accent` role.
  public var isFocused: Bool
  /// The glyphs for the border.
  public var glyphs: GlyphSet

  /// Creates a panel.
  public init(title: String = "", caption: String = "", isFocused: Bool = false, glyphs: GlyphSet = .unicode) {
    self.title = title
    self.caption = caption
    self.isFocused = isFocused
    self.glyphs = glyphs
  }

  /// Draws the frame into `rect` and returns the inner rectangle (empty when `rect` is under 3×3).
  @discardableResult
  public func render(into canvas: inout Canvas, rect: Rect) -> Rect {
    guard !rect.isEmpty else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
    let role: StyleRole = isFocused ? .accent : .axis
    canvas.box(rect, title: title.isEmpty ? nil : title, role: role, glyphs: glyphs)
    let cap = caption.unicodeScalars.count
    let titleEnd = title.isEmpty ? rect.x + 1 : rect.x + 4 + title.unicodeScalars.count
    let capX = rect.maxX - 3 - cap
    if cap > 0, capX - 1 > titleEnd, rect.height >= 2 {
      canvas.text(capX - 1, rect.y, " " + caption + " ", role: .muted, clip: rect)
    }
    return rect.inset(1)
  }
}
