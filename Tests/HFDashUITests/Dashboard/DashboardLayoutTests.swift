import HFDashUI
import Testing
import HFCanvas

@Suite struct DashboardLayoutTests {
  static let sizes: [(Int, Int)] = {
    var out: [(Int, Int)] = []
    for w in stride(from: 60, through: 240, by: 7) { for h in stride(from: 20, through: 75, by: 3) { out.append((w, h)) } }
    return out + [(60, 20), (79, 23), (80, 24), (99, 29), (100, 30), (120, 40), (159, 44), (160, 45), (200, 60), (300, 100)]
  }()

  @Test func rectanglesStayOnScreenAndNeverOverlap() {
    for (w, h) in Self.sizes {
      for focus in DashboardPanel.standard {
       for timeline in [false, true] {
        let layout = DashboardLayout(width: w, height: h, focus: focus, timeline: timeline)
        let screen = Rect(x: 0, y: 0, width: w, height: h)
        let rects = layout.allRects
        for r in rects {
          #expect(!r.isEmpty, "\(w)×\(h): empty rect \(r)")
          #expect(r.intersection(screen) == r, "\(w)×\(h): \(r) leaves the screen")
        }
        for i in rects.indices {
          for j in rects.indices where j > i {
            #expect(rects[i].intersection(rects[j]).isEmpty, "\(w)×\(h) \(focus): \(rects[i]) overlaps \(rects[j])")
          }
        }
        let panels = layout.slots.map(\.panel)
        #expect(Set(panels).count == panels.count, "\(w)×\(h): a panel shown twice")
        #expect(panels.contains(focus), "\(w)×\(h): the focused \(focus) is not on screen")
        #expect((layout.timeline != nil) == timeline)
       }
      }
    }
  }

  @Test func sizeClasses() {
    #expect(DashboardLayout(width: 59, height: 40).sizeClass == .tooSmall)
    #expect(DashboardLayout(width: 200, height: 19).sizeClass == .tooSmall)
    #expect(DashboardLayout(width: 0, height: 0).allRects.isEmpty)
    #expect(DashboardLayout(width: 60, height: 20).sizeClass == .compact)
    #expect(DashboardLayout(width: 80, height: 24).sizeClass == .compact)
    #expect(DashboardLayout(width: 120, height: 40).sizeClass == .medium)
    #expect(DashboardLayout(width: 200, height: 60).sizeClass == .large)
    for (w, h) in [(120, 40), (200, 60)] {
      #expect(Set(DashboardLayout(width: w, height: h).slots.map(\.panel)) == Set(DashboardPanel.standard))
    }
  }

  @Test func compactScreensEnlargeTheFocusedPanel() {
    let base = DashboardLayout(width: 80, height: 24)
    let large = base.slots[0].rect
    #expect(base.slots.map(\.panel) == [.objective, .lambda, .rho, .cgIterations, .layers, .log])
    for panel in DashboardPanel.standard {
      let layout = DashboardLayout(width: 80, height: 24, focus: panel)
      #expect(layout.rect(for: panel) == large)
    }
    // A visible small panel swaps places with the objective chart.
    let rho = DashboardLayout(width: 80, height: 24, focus: .rho)
    #expect(rho.rect(for: .objective) == base.rect(for: .rho))
    // A hidden panel replaces it.
    #expect(DashboardLayout(width: 80, height: 24, focus: .settings).rect(for: .objective) == nil)
  }

  @Test func renderedFramesHaveTheRequestedSize() {
    let state = ScriptedRun.state()
    for (w, h) in [(0, 0), (1, 1), (2, 2), (10, 5), (59, 19)] + Self.sizes.prefix(40) {
      let canvas = Dashboard.render(state: state, view: DashboardView(), width: w, height: h)
      #expect(canvas.width == w && canvas.height == h && canvas.cells.count == w * h)
    }
  }

  @Test func tooSmallScreensSayWhatTheyNeed() {
    let line = Dashboard.render(state: ScriptedRun.state(), view: DashboardView(), width: 59, height: 19).textLines[9]
    #expect(line.contains("terminal too small: need 60×20, have 59×19"))
    let ascii = Dashboard.render(state: DashboardState(), view: DashboardView(), width: 70, height: 10, glyphs: .ascii)
    #expect(ascii.textLines.joined().contains("terminal too small: need 60x20, have 70x10"))
  }

  @Test func theFocusedPanelTitleIsReversed() {
    var view = DashboardView()
    view.focus = .rho
    let layout = DashboardLayout(width: 120, height: 40, focus: .rho)
    let canvas = Dashboard.render(state: ScriptedRun.state(), view: view, width: 120, height: 40)
    for slot in layout.slots {
      let top = (slot.rect.x..<slot.rect.maxX).map { canvas[$0, slot.rect.y] }
      #expect(top.contains { $0.reverse } == (slot.panel == .rho), "\(slot.panel)")
      #expect(top.first?.role == (slot.panel == .rho ? .accent : .axis))
    }
  }
}
