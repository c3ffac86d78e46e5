import Foundation
import HFCanvas
import HFDashUI
import HFRecording
import Testing

/// The paper's run drawn as a ghost behind the scripted CURVES run.
@Suite struct ComparisonGoldenTests {
  static let paper: ComparisonRun = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("assets/reference/martens-hf-curves.csv")
    // A missing or broken shipped file fails every test below with the reader's sentence.
    return (try? ReferenceRunFile.parse(String(contentsOf: url, encoding: .utf8), name: "martens-hf-curves.csv"))
      ?? ComparisonRun(reports: [], title: "missing", label: "missing")
  }()

  static var state: DashboardState {
    var state = DashboardGoldenTests.liveState
    state.comparison = paper
    return state
  }

  @Test(arguments: [(80, 24), (120, 40)])
  func ghost(width: Int, height: Int) {
    let canvas = DashboardGoldenTests.frame(Self.state, DashboardView(), width, height)
    GoldenFrame.assert(canvas, named: "Dashboard-ghost-\(width)x\(height)")
    // The ghost is drawn and named: ghost-role cells in the charts, the paper in a legend and the header.
    #expect(canvas.cells.contains { $0.role == .ghost && $0.scalar != " " })
    #expect(canvas.textLines[0].contains("vs paper"))
  }

  @Test func ghostASCII() {
    let canvas = DashboardGoldenTests.frame(Self.state, DashboardView(), 120, 40, glyphs: .ascii)
    GoldenFrame.assert(canvas, named: "Dashboard-ghost-120x40-ascii")
    #expect(canvas.cells.allSatisfy { $0.scalar.isASCII })
    #expect(canvas.cells.contains { $0.role == .ghost && $0.scalar == "~" })
  }

  @Test("o hides the ghost: the frame equals the one without a comparison run, and o without one says how to get one")
  func toggle() {
    var view = DashboardView()
    #expect(KeyMap.standard.command(for: .char("o"), state: Self.state, view: view) == .view(.toggleComparison))
    view.apply(.toggleComparison)
    #expect(
      DashboardGoldenTests.frame(Self.state, view, 120, 40) == DashboardGoldenTests.frame(DashboardGoldenTests.liveState, view, 120, 40))
    guard case .notice(let text) = KeyMap.standard.command(for: .char("o"), state: DashboardGoldenTests.liveState, view: DashboardView()) else {
      Issue.record("o without a comparison run should explain itself")
      return
    }
    #expect(text.contains("--reference") && text.contains("--compare"))
  }

  @Test("the status line puts the paper's error beside ours at the same iteration")
  func statusLine() {
    var state = ScriptedRun.state(liveSteps: 60, finishLive: true)
    state.comparison = Self.paper
    let canvas = DashboardGoldenTests.frame(state, DashboardView(), 160, 45)
    let status = canvas.textLines[canvas.height - 2]
    #expect(status.contains("paper 15.1 at 40"), "\(status)")
  }
}
