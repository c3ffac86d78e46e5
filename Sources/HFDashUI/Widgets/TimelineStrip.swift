import HFCanvas
/// A one-row replay timeline: the time shown, a track spanning the whole recording with its
/// notes, alarms, controls and checkpoints marked, the current position, the total time, and a
/// legend when there is room.
///
/// ```
/// timeline 12.0s ├━━━━━━━●───n────!──◆───✓──┤ 3m05s   n note  ! alarm  ◆ control  ✓ checkpoint
/// timeline 12.0s |=======@---n----!--*---c--| 3m05s   n note  ! alarm  * control  c checkpoint
/// ```
/// Where several marks share a cell the most important is drawn (alarm, note, control,
/// checkpoint); the cell of the current position is drawn reversed.
public struct TimelineStrip: Sendable {
  /// The recorded time shown and the recording's length, in seconds.
  public var time: Double
  public var duration: Double
  /// The marks to draw.
  public var markers: [ReplayMarker]
  /// Unicode or ASCII.
  public var glyphs: GlyphSet

  /// A strip at `time` of `duration` seconds.
  public init(time: Double, duration: Double, markers: [ReplayMarker], glyphs: GlyphSet = .unicode) {
    self.time = time
    self.duration = duration
    self.markers = markers
    self.glyphs = glyphs
  }

  /// The glyph of a marker kind.
  public func glyph(_ kind: ReplayMarker.Kind) -> Unicode.Scalar {
    switch kind {
    case .note: "n"
    case .alarm: "!"
    case .control: glyphs.usesBraille ? "◆" : "*"
    case .checkpoint: glyphs.usesBraille ? "✓" : "c"
    }
  }

  static func role(_ kind: ReplayMarker.Kind) -> StyleRole {
    switch kind {
    case .note: .accent
    case .alarm: .bad
    case .control: .good
    case .checkpoint: .muted
    }
  }

  /// The track cell (0..<cells) of a time.
  func cell(_ t: Double, cells: Int) -> Int {
    guard cells > 1, duration > 0, t.isFinite else { return 0 }
    return Swift.min(cells - 1, Swift.max(0, Int((t / duration * Double(cells)).rounded(.down))))
  }

  /// Draws the strip on the first row of `rect`.
  public func render(into canvas: inout Canvas, rect: Rect) {
    guard !rect.isEmpty else { return }
    let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
    canvas.clear(row.intersection(canvas.bounds))
    let now = Format.duration(Swift.min(Swift.max(0, time), Swift.max(duration, time)))
    let total = Format.duration(duration)
    let label = "timeline "
    let legend: [(ReplayMarker.Kind, String)] = [(.note, "note"), (.alarm, "alarm"), (.control, "control"), (.checkpoint, "checkpoint")]
    let legendWidth = legend.reduce(0) { $0 + 2 + 1 + 1 + $1.1.count } + 1
    let fixed = now.count + 1 + 1 + total.count
    let minimumTrack = 12
    let showLabel = rect.width >= fixed + label.count + minimumTrack
    let showLegend = rect.width >= fixed + label.count + legendWidth + 40
    var x = rect.x
    if showLabel { x = canvas.text(x, rect.y, label, role: .muted, clip: row) }
    x = canvas.text(x, rect.y, now + " ", role: .normal, bold: true, clip: row)
    let trackEnd = rect.maxX - (showLegend ? legendWidth : 0) - 1 - total.count
    let width = trackEnd - x
    guard width >= 3 else { return }
    drawTrack(into: &canvas, x: x, y: rect.y, width: width, clip: row)
    x = canvas.text(trackEnd, rect.y, " " + total, role: .normal, clip: row)
    guard showLegend else { return }
    x += 1
    for (kind, name) in legend {
      x += 2
      canvas.set(x, rect.y, Cell(glyph(kind), role: Self.role(kind), bold: true), clip: row)
      x = canvas.text(x + 2, rect.y, name, role: .muted, clip: row)
    }
  }

  /// The track: end caps, the played part, the rest, marks, and the current position.
  func drawTrack(into canvas: inout Canvas, x: Int, y: Int, width: Int, clip: Rect) {
    let unicode = glyphs.usesBraille
    let cells = width - 2
    canvas.set(x, y, Cell(unicode ? "├" : "|", role: .axis), clip: clip)
    canvas.set(x + width - 1, y, Cell(unicode ? "┤" : "|", role: .axis), clip: clip)
    let cursor = cell(time, cells: cells)
    var marks = [ReplayMarker.Kind?](repeating: nil, count: cells)
    for m in markers {
      let c = cell(m.time, cells: cells)
      if let old = marks[c], old >= m.kind { continue }
      marks[c] = m.kind
    }
    for c in 0..<cells {
      let cx = x + 1 + c
      if let kind = marks[c] {
        canvas.set(cx, y, Cell(glyph(kind), role: Self.role(kind), bold: true, reverse: c == cursor), clip: clip)
      } else if c == cursor {
        canvas.set(cx, y, Cell(unicode ? "●" : "@", role: .accent, bold: true), clip: clip)
      } else if c < cursor {
        canvas.set(cx, y, Cell(unicode ? "━" : "=", role: .title), clip: clip)
      } else {
        canvas.set(cx, y, Cell(unicode ? "─" : "-", role: .axis), clip: clip)
      }
    }
  }
}
