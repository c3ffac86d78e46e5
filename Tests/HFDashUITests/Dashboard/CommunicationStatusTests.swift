import HFDashUI
import HFEngine
import HFSession
import Testing

@Suite("Status line of a distributed run")
struct CommunicationStatusTests {
  @Test("an iteration with communication time shows its share after the duration; one without shows none")
  func communicationShare() {
    var state = ScriptedRun.state(liveSteps: 0, finishLive: false)
    func status() -> String { Dashboard.render(state: state, view: DashboardView(), width: 120, height: 40).textLines[38] }
    #expect(!status().contains("comm"))
    var r = ScriptedRun.report(
      41, objective: 2.4, before: 2.47, lambda: 0.132, after: 0.088, rho: 0.9, computed: 100, chosen: 90, reason: .converged,
      accepted: true, passes: 300)
    r.times.total = 4
    r.times.communication = 0.25
    state.apply(.engine(.iterationFinished(r)))
    #expect(status().contains("CG 100, chose 90 · 4.0s (comm 6%)"), "\(status())")
  }
}
