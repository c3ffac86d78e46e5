import HFCanvas
extension Dashboard {
  /// The status line: a fresh message (confirmation, notice, alarm) or the latest iteration's summary
  /// on the left; the gradient norm and data passes on the right.
  static func drawStatus(into canvas: inout Canvas, rect: Rect, context c: RenderContext) {
    let s = c.state, g = c.glyphs
    canvas.clear(rect.intersection(canvas.bounds))
    let h = s.history
    var right: [String] = []
    if let gn = h.gradientNorm.last { right.append("‖∇f‖ " + Format.compact(gn)) }
    if let p = h.dataPasses.last { right.append(Format.compact(p) + " passes") }
    let message: String
    let role: StyleRole
    if let st = s.freshStatus {
      (message, role) = (g.text(st.text), st.role)
    } else if let summary = iterationSummary(s) {
      let against = comparisonSummary(s, showsComparison: c.view.showsComparison, iteration: h.lastIteration ?? 0)
      (message, role) = (g.text(summary.text + against), summary.role)
    } else {
      (message, role) = ("press ? for help", .muted)
    }
    // The right side drops items (least important last in the list) so the whole message fits.
    var rightText = ""
    while !right.isEmpty {
      rightText = g.text(right.joined(separator: "  "))
      if rightText.unicodeScalars.count + message.unicodeScalars.count + 3 <= rect.width { break }
      right.removeLast()
      rightText = ""
    }
    let rightW = rightText.unicodeScalars.count
    let messageW = rect.width - (rightW > 0 ? rightW + 3 : 0)
    canvas.text(
      rect.x, rect.y, message, width: messageW, role: role, bold: role != .muted && role != .normal,
      ellipsis: g.ellipsis, clip: rect)
    if rightW > 0 { canvas.text(rect.maxX - rightW, rect.y, rightText, role: .muted, clip: rect) }
  }

  /// "HF 40: f 2.47 (−0.9%) · ρ 1.02 · λ 0.0878 → 0.0585 · CG 170, chose 143 · 3.3s" (distributed:
  /// "· 3.3s (comm 6%)").
  static func iterationSummary(_ s: DashboardState) -> (text: String, role: StyleRole)? {
    let h = s.history
    guard let k = h.iterations.indices.last else { return nil }
    var parts: [String] = []
    var head = "HF \(h.iterations[k])"
    if !h.accepted[k] { head += " step rejected" }
    var f = "f " + Format.compact(h.objective[k])
    if k > 0, h.objective[k - 1] != 0, h.objective[k].isFinite, h.objective[k - 1].isFinite {
      let pct = (h.objective[k] / h.objective[k - 1] - 1) * 100
      f += " (" + (pct > 0 ? "+" : pct < 0 ? "−" : "±") + Format.fixed(abs(pct), decimals: abs(pct) < 10 ? 1 : 0) + "%)"
    }
    parts.append(head + ": " + f)
    parts.append("ρ " + Format.compact(h.rho[k]))
    parts.append(
      "λ " + Format.compact(h.lambdaBefore[k])
        + (h.lambdaAfter[k] != h.lambdaBefore[k] ? " → " + Format.compact(h.lambdaAfter[k]) : ""))
    parts.append("CG \(h.cgComputed[k]), chose \(h.cgChosen[k])")
    let t = h.times[k]
    // Distributed runs: the share of the iteration spent in collectives with the other ranks.
    let comm = t.communication > 0 && t.total > 0 ? " (comm " + Format.fixed(100 * t.communication / t.total, decimals: 0) + "%)" : ""
    parts.append(Format.duration(t.total) + comm)
    return (parts.joined(separator: " · "), h.accepted[k] ? .normal : .warn)
  }

  /// The bottom line: the quit question, the open prompt, or the key bar.
  static func drawFooter(into canvas: inout Canvas, rect: Rect, context c: RenderContext, keyMap: KeyMap) {
    let g = c.glyphs
    canvas.clear(rect.intersection(canvas.bounds))
    if c.view.confirmingQuit {
      let question = "Quit while training runs? "
      let x = canvas.text(rect.x, rect.y, question, role: .warn, bold: true, clip: rect)
      let items = keyMap.keyBarItems(for: KeyMap.mode(of: c.state), context: .quitConfirm)
      KeyBar(items: items.map { label($0, g) }, glyphs: g).render(
        into: &canvas, rect: Rect(x: x, y: rect.y, width: rect.maxX - x, height: 1))
      return
    }
    if let p = c.view.prompt {
      PromptLine(
        prompt: p.kind.prompt, text: p.text, cursor: p.scalarCursor, hint: p.hint.map(g.text),
        error: p.error.map(g.text), glyphs: g
      ).render(into: &canvas, rect: rect)
      return
    }
    let items = keyMap.keyBarItems(state: c.state, view: c.view).map { label($0, g) }
    KeyBar(items: items, glyphs: g).render(into: &canvas, rect: rect)
  }

  static func label(_ item: KeyBar.Item, _ g: GlyphSet) -> KeyBar.Item {
    KeyBar.Item(key: g.text(item.key), label: g.text(item.label), isActive: item.isActive)
  }
}
