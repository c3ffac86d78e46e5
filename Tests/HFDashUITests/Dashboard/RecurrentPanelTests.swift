import Foundation
import HFEngine
import HFSession
import Testing

import HFDashUI
import HFRecording

@Suite("Recurrent models on the dashboard")
struct RecurrentPanelTests {
  static func state(iterations: Int) -> DashboardState {
    var state = DashboardState()
    state.apply(
      .started(
        SessionDescription(
          preset: "addition", model: "2-100-1 tanh RNN", data: "addition, T = 30", parameterCount: 10_301,
          trainCases: 1000, testCases: 2000, seed: 1, config: HFConfig(),
          groupNames: ["input", "recurrent", "output", "initial state"], errorName: "zero-one error")))
    for k in 1...iterations {
      var r = ScriptedRun.report(
        k, objective: 0.5 / Double(k), before: 0.5 / Double(k - 1 + 1), lambda: 0.01, after: 0.01, rho: 0.5, computed: 40,
        chosen: 40, reason: .converged, accepted: true, passes: Double(k))
      r.layerGradientNorms = [0.7, 2.1, 0.2, 0.3]
      // ‖∂E/∂hₜ‖ decays back through time at first; later iterations reach further back.
      r.timeStepGradientNorms = (1...30).map { t in pow(10, -Double(30 - t) / Double(3 + k)) }
      state.apply(.engine(.iterationFinished(r)))
    }
    return state
  }

  @Test("the reducer keeps the first and the latest ‖∂E/∂hₜ‖ profile")
  func reducerKeepsProfiles() {
    let s = Self.state(iterations: 5)
    let first = try! #require(s.history.firstTimeProfile)
    let latest = try! #require(s.history.latestTimeProfile)
    #expect(first.count == 30 && latest.count == 30)
    #expect(abs(first[0] - pow(10, -29.0 / 4)) < 1e-15)
    #expect(abs(latest[0] - pow(10, -29.0 / 8)) < 1e-15)
    #expect(s.settings.hasStructuralDamping)
  }

  @Test("the gradient panel draws the time profile under the per-matrix bars, and μ beside λ")
  func panelShowsProfile() {
    let frame = Dashboard.render(state: Self.state(iterations: 5), view: DashboardView(), width: 120, height: 40).textLines
    let text = frame.joined(separator: "\n")
    #expect(text.contains("‖∂E/∂hₜ‖ over t"))
    #expect(text.contains("recurrent"))
    #expect(text.contains("initial s"))
    #expect(frame.contains { $0.contains("│ μ ") })
    // The profile chart sits below the bars, inside the gradient panel.
    let barRow = try! #require(frame.firstIndex { $0.contains("recurrent") && $0.contains("▕") })
    let chartRow = try! #require(frame.firstIndex { $0.contains("‖∂E/∂hₜ‖ over t") })
    #expect(chartRow > barRow)
  }
}
