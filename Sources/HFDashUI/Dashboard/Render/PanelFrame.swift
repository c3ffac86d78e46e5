import HFCanvas
/// The frame of a dashboard panel: a box (or, on small screens, one rule line) carrying the title,
/// a coloured legend and a right-hand caption; returns the rectangle for the content.
///
/// ```
/// ┌─ Objective ─ train 2.47 ─ test 2.87 ─────── log₁₀ ─┐      bordered
/// ── Objective ─ train 2.47 ─ test 2.87 ─────── log₁₀ ──      rule only
/// ```
/// When the top line is too narrow, parts give way in a fixed order: the legend's values, the
/// caption's optional parts, the long title, the legend, and finally the caption.
struct PanelFrame {
  /// A legend entry: the series name, its latest value (optional) and its role.
  struct LegendItem {
    var name: String
    var value: String?
    var role: StyleRole
    /// Whether the entry means nothing without its value ("now 0.13"): it goes when values go.
    var needsValue = false
  }

  /// The title, and a shorter one for narrow panels.
  var title: String
  var shortTitle: String?
  var legend: [LegendItem] = []
  /// Caption variants, richest first (e.g. "1 rejected · clamped [-1,1.5]", "clamped [-1,1.5]").
  var captions: [String] = []
  var captionRole: StyleRole = .muted
  var isFocused = false
  var bordered = true
  var glyphs: GlyphSet

  /// What the top line shows after fitting.
  struct Fit: Equatable {
    var title: String
    var legend: [String]
    /// The roles of `legend`'s entries.
    var legendRoles: [StyleRole]
    var caption: String
  }

  /// The richest top line that fits `width` columns (title, legend and caption as drawn).
  func fit(width: Int) -> Fit {
    let g = glyphs
    let titles = [title, shortTitle ?? title].map(g.text)
    let caps = captions.map(g.text).filter { !$0.isEmpty } + [""]
    // A comparison run's entry (ghost role) gives way before the live run's.
    let live = legend.filter { $0.role != .ghost }
    let levels: [(items: [LegendItem], values: Bool)] = [
      (legend, true), (live, true), (live.filter { !$0.needsValue }, false), ([], false),
    ]
    let legends = levels.map { level in
      level.items.map { item in g.text(level.values ? item.value.map { item.name + " " + $0 } ?? item.name : item.name) }
    }
    var (t, l, c) = (0, 0, 0)
    func fits() -> Bool {
      // " title " + " item " each separated by one rule cell + caption " cap " + at least one rule cell each side.
      let titleW = titles[t].unicodeScalars.count + 2
      let legendW = legends[l].reduce(0) { $0 + $1.unicodeScalars.count + 3 }
      let capW = caps[c].isEmpty ? 0 : caps[c].unicodeScalars.count + 2 + 1
      return 1 + titleW + legendW + capW + 1 <= width
    }
    // Degrade one step at a time until it fits: optional caption parts, legend values, long title,
    // legend names, and last the caption itself.
    var steps: [() -> Void] = []
    for i in 1..<max(1, caps.count - 1) { steps.append { c = i } }
    steps += [{ l = 1 }, { l = 2 }, { t = 1 }, { l = 3 }, { c = caps.count - 1 }]
    var k = 0
    while !fits() && k < steps.count {
      steps[k]()
      k += 1
    }
    return Fit(title: titles[t], legend: legends[l], legendRoles: levels[l].items.map(\.role), caption: caps[c])
  }

  /// Draws the frame and returns the content rectangle.
  @discardableResult
  func render(into canvas: inout Canvas, rect: Rect) -> Rect {
    guard !rect.isEmpty else { return rect }
    canvas.clear(rect.intersection(canvas.bounds))
    let lineRole: StyleRole = isFocused ? .accent : .axis
    let top = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
    let boxed = bordered && rect.height >= 2 && rect.width >= 2
    if boxed {
      canvas.box(rect, role: lineRole, glyphs: glyphs)
    } else {
      canvas.hline(rect.x, rect.y, rect.width, glyphs.horizontal, role: lineRole, clip: top)
    }
    let inset = boxed ? 1 : 0
    let line = Rect(x: rect.x + inset, y: rect.y, width: rect.width - 2 * inset, height: 1)
    let f = fit(width: line.width)
    if !f.caption.isEmpty {
      let w = f.caption.unicodeScalars.count
      canvas.text(line.maxX - 1 - w - 2, rect.y, " " + f.caption + " ", role: captionRole, clip: line)
    }
    let titleRoom = line.width - 2 - (f.caption.isEmpty ? 0 : f.caption.unicodeScalars.count + 3)
    var x = canvas.text(
      line.x + 1, rect.y, " " + f.title + " ", width: titleRoom, role: isFocused ? .accent : .title, bold: true,
      reverse: isFocused, ellipsis: glyphs.ellipsis, clip: line)
    for (name, role) in zip(f.legend, f.legendRoles) {
      x = canvas.text(x + 1, rect.y, " " + name + " ", role: role, bold: true, clip: line)
    }
    if boxed { return rect.inset(1) }
    return Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
  }
}
