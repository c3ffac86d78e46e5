import HFCanvas
/// A one-line command prompt (`:lambda 0.5█  hint`) with the typed text, a cursor and a hint or error message.
///
/// Text wider than the line scrolls so the cursor stays visible, with `…` where text is hidden on the left.
/// An error replaces the hint and is drawn in the `bad` role, right-aligned when there is room.
public struct PromptLine: Sendable {
  /// The prompt character(s), e.g. ":".
  public var prompt: String
  /// The text typed so far.
  public var text: String
  /// The cursor position, in Unicode scalars from the start of `text`.
  public var cursor: Int
  /// A completion hint shown after the text (muted).
  public var hint: String?
  /// An error message (shown instead of the hint, `bad` role).
  public var error: String?
  /// The glyphs to draw with (the ellipsis).
  public var glyphs: GlyphSet

  /// Creates a prompt; the cursor defaults to the end of `text`.
  public init(
    prompt: String = ":", text: String = "", cursor: Int? = nil, hint: String? = nil, error: String? = nil,
    glyphs: GlyphSet = .unicode
  ) {
    self.prompt = prompt
    self.text = text
    self.cursor = cursor ?? text.unicodeScalars.count
    self.hint = hint
    self.error = error
    self.glyphs = glyphs
  }

  /// Draws the prompt into the first row of `rect`.
  public func render(into canvas: inout Canvas, rect: Rect) {
    guard !rect.isEmpty else { return }
    let line = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
    canvas.clear(line.intersection(canvas.bounds))
    let scalars = Array(text.unicodeScalars)
    let cur = max(0, min(cursor, scalars.count))
    var x = canvas.text(rect.x, rect.y, prompt, role: .accent, bold: true, clip: line)
    let room = rect.maxX - x
    guard room > 0 else { return }
    // Scroll so the cursor cell (one past the text at most) is on screen.
    var first = 0
    if cur + 1 > room { first = cur + 1 - room + 1 }
    if first > 0 {
      canvas.set(x, rect.y, Cell(glyphs.ellipsis, role: .muted), clip: line)
      x += 1
    }
    for (i, s) in scalars.enumerated().dropFirst(first) {
      guard x < rect.maxX else { break }
      canvas.set(x, rect.y, Cell(s, reverse: i == cur), clip: line)
      x += 1
    }
    let cursorX = x - (scalars.count - cur)
    if cur == scalars.count { canvas.set(cursorX, rect.y, Cell(" ", reverse: true), clip: line) }
    let after = max(x, cursorX + 1) + 2
    if let error, !error.isEmpty {
      let n = error.unicodeScalars.count
      let start = max(after, rect.maxX - n)
      canvas.text(
        start, rect.y, error, width: rect.maxX - start, role: .bad, bold: true, ellipsis: glyphs.ellipsis, clip: line)
    } else if let hint, !hint.isEmpty {
      canvas.text(after, rect.y, hint, width: rect.maxX - after, role: .muted, ellipsis: glyphs.ellipsis, clip: line)
    }
  }
}
