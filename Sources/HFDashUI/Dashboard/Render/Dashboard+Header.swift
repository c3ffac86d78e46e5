import HFSession
import HFRecording
import HFCanvas

extension Dashboard {
  /// One item of the header line.
  struct HeaderItem {
    var text: String
    var role: StyleRole
    var bold = false
    var reverse = false
    /// Items with the highest number are dropped first when the line is too narrow.
    var priority: Int
    /// The width the item may be shortened to (with an ellipsis) before it is dropped; nil = never shortened.
    var minWidth: Int? = nil
  }

  /// `hfdash · curves · 784-400-…-784 · curves 20000 · 1.2M params · seed 1   HF 38 · CG 117/250  RUNNING  3m05s  ● REC`
  static func drawHeader(into canvas: inout Canvas, rect: Rect, context: RenderContext) {
    let s = context.state, g = context.glyphs
    var left: [HeaderItem] = [HeaderItem(text: "hfdash", role: .title, bold: true, priority: 0)]
    if let d = s.session {
      left.append(HeaderItem(text: d.preset, role: .normal, bold: true, priority: 1))
      left.append(HeaderItem(text: d.model, role: .muted, priority: 8, minWidth: 16))
      let cases = countText(d.trainCases) + (d.testCases.map { "+" + countText($0) } ?? "")
      left.append(HeaderItem(text: d.data + " " + cases, role: .normal, priority: 5, minWidth: 12))
      left.append(HeaderItem(text: countText(d.parameterCount) + " params", role: .normal, priority: 6))
      left.append(HeaderItem(text: "seed \(d.seed)", role: .muted, priority: 7))
    }
    if let run = s.comparison, context.view.showsComparison {
      left.append(HeaderItem(text: "vs \(run.label): \(run.title)", role: .ghost, priority: 4, minWidth: 10))
    }
    var right: [HeaderItem] = []
    switch s.mode {
    case .live:
      right.append(HeaderItem(text: progressText(s), role: .normal, bold: true, priority: 1))
      right.append(HeaderItem(text: " " + s.runState.rawValue + " ", role: badgeRole(s.runState), bold: true,
        reverse: true, priority: 0))
    case .replay(let p):
      right.append(HeaderItem(text: p.summary, role: .normal, bold: true, priority: 1))
      right.append(HeaderItem(text: " REPLAY " + (p.isPlaying ? "▶" : "PAUSED") + " ", role: .accent, bold: true,
        reverse: true, priority: 0))
    }
    if let e = s.elapsed { right.append(HeaderItem(text: Format.duration(e), role: .normal, priority: 2)) }
    if s.droppedEvents > 0 {
      right.append(HeaderItem(text: "dropped \(s.droppedEvents)", role: .warn, priority: 4))
    }
    if let err = s.recordingError {
      right.append(HeaderItem(text: "REC ERROR: " + err, role: .bad, bold: true, priority: 2, minWidth: 14))
    } else if let badge = s.recordingBadge {
      right.append(HeaderItem(text: "● " + badge, role: .bad, bold: true, priority: 3))
    }
    layoutHeader(left: left, right: right, into: &canvas, rect: rect, glyphs: g)
  }

  static func layoutHeader(
    left: [HeaderItem], right: [HeaderItem], into canvas: inout Canvas, rect: Rect, glyphs g: GlyphSet
  ) {
    var left = left.map { item in var i = item; i.text = g.text(i.text); return i }
    var right = right.map { item in var i = item; i.text = g.text(i.text); return i }
    let sep = " " + g.separator + " "
    func width(_ items: [HeaderItem], _ gap: Int) -> Int {
      items.reduce(0) { $0 + $1.text.unicodeScalars.count } + max(0, items.count - 1) * gap
    }
    func total() -> Int { width(left, 3) + width(right, 2) + (left.isEmpty || right.isEmpty ? 0 : 2) }
    // Items give way from the highest priority number down: each is shortened if that is enough, else dropped.
    let order = Set((left + right).map(\.priority)).filter { $0 > 0 }.sorted(by: >)
    for p in order where total() > rect.width {
      for side in 0..<2 {
        var items = side == 0 ? left : right
        for i in items.indices.reversed() where items[i].priority == p && total() > rect.width {
          let over = total() - rect.width
          let n = items[i].text.unicodeScalars.count
          if let m = items[i].minWidth, n - over >= m {
            items[i].text = items[i].text.truncated(to: n - over, ellipsis: g.ellipsis)
          } else {
            items.remove(at: i)
          }
          if side == 0 { left = items } else { right = items }
        }
      }
    }
    canvas.clear(rect.intersection(canvas.bounds))
    var x = rect.x
    for (i, item) in left.enumerated() {
      if i > 0 { x = canvas.text(x, rect.y, sep, role: .muted, clip: rect) }
      x = canvas.text(x, rect.y, item.text, role: item.role, bold: item.bold, reverse: item.reverse, clip: rect)
    }
    var rx = rect.maxX - width(right, 2)
    for item in right {
      rx = canvas.text(rx, rect.y, item.text, role: item.role, bold: item.bold, reverse: item.reverse, clip: rect) + 2
    }
  }

  /// "HF 38 · CG 117/250" while running, "HF 40 done" when finished.
  public static func progressText(_ s: DashboardState) -> String {
    let maxCG = s.settings.config.cg.maxIterations
    if s.runState == .done { return "HF \(s.history.lastIteration ?? s.currentIteration)" }
    guard s.currentIteration > 0 else { return "HF –" }
    if let turn = s.race?.turn, turn != .hf { return "HF \(s.currentIteration) · \(turn.displayName)'s turn" }
    let cg = s.liveCG.map { $0.hfIteration == s.currentIteration ? $0.steps : 0 } ?? 0
    return "HF \(s.currentIteration) · CG \(cg)/\(maxCG)"
  }

  static func badgeRole(_ r: RunState) -> StyleRole {
    switch r {
    case .starting: .muted
    case .running: .good
    case .paused: .warn
    case .stepping: .accent
    case .done: .title
    }
  }

  /// 950, 20k, 1.2M.
  static func countText(_ n: Int) -> String {
    let a = Double(n)
    if n >= 1_000_000 { return Format.trimZeros(Format.fixed(a / 1e6, decimals: a >= 1e7 ? 0 : 1)) + "M" }
    if n >= 10_000 { return Format.trimZeros(Format.fixed(a / 1e3, decimals: a >= 1e5 ? 0 : 1)) + "k" }
    return String(n)
  }
}
