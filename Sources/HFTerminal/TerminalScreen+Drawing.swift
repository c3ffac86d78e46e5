import CNCurses
import HFCanvas
import HFCanvas

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension TerminalScreen {
  /// Writes the cells that changed since the last frame (all of them after a resize), then one `doupdate`.
  ///
  /// The canvas is clipped to the screen; screen cells outside a smaller canvas are left blank.
  /// Runs of changed cells go out with `mvwadd_wchnstr`, which neither wraps nor moves the cursor,
  /// so the bottom-right cell is written like any other (no scroll, no ERR).
  public func draw(_ canvas: Canvas) {
    checkThread()
    let screen = size
    let full =
      needsFullRedraw || previous == nil || previous?.width != canvas.width
      || previous?.height != canvas.height || previousSize != screen
    if full { werase(window) }
    let columns = min(screen.width, canvas.width)
    let rows = min(screen.height, canvas.height)
    var run: [cchar_t] = []
    run.reserveCapacity(max(columns, 0))
    for y in 0..<max(rows, 0) {
      var x = 0
      while x < columns {
        if !full, let old = previous, old[x, y] == canvas[x, y] {
          x += 1
          continue
        }
        let start = x
        run.removeAll(keepingCapacity: true)
        while x < columns, full || previous?[x, y] != canvas[x, y] {
          run.append(cursesCell(canvas[x, y]))
          x += 1
        }
        _ = run.withUnsafeBufferPointer {
          mvwadd_wchnstr(window, Int32(y), Int32(start), $0.baseAddress, Int32($0.count))
        }
      }
    }
    previous = canvas
    previousSize = screen
    needsFullRedraw = false
    wnoutrefresh(window)
    doupdate()
  }

  /// Forces the next `draw` to repaint every cell and the terminal to be cleared first (e.g. on Ctrl-L).
  public func invalidate() {
    checkThread()
    needsFullRedraw = true
    clearok(window, true)
  }

  /// The curses cell for a canvas cell: a width-1 glyph (ASCII in ASCII mode) with its role's style.
  func cursesCell(_ cell: Cell) -> cchar_t {
    let index = Int(cell.role.rawValue)
    var attributes = roleAttributes[index]
    if cell.bold { attributes |= hfdash_a_bold() }
    if cell.reverse { attributes |= hfdash_a_reverse() }
    var text: (wchar_t, wchar_t) = (wchar_t(bitPattern: glyph(cell.scalar).value), 0)
    var result = cchar_t()
    withUnsafePointer(to: &text) {
      $0.withMemoryRebound(to: wchar_t.self, capacity: 2) {
        _ = setcchar(&result, $0, attributes, rolePairs[index], nil)
      }
    }
    return result
  }

  /// The scalar actually sent for `scalar`: ASCII in ASCII mode, and never a control character or a
  /// character that does not occupy exactly one column (it would shift the rest of the row).
  func glyph(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    let v = scalar.value
    if (0x20...0x7E).contains(v) { return scalar }
    if asciiOnly { return ASCIIFallback.ascii(for: scalar) }
    return hfdash_wcwidth(wchar_t(bitPattern: v)) == 1 ? scalar : "?"
  }
}
