import Dispatch
import HFDashUI
import HFSession

/// A recording as a dashboard source: a `ReplayPlayer` advanced by the wall clock each frame,
/// moved by the transport keys (space, `>`, `<`, ←, →, Home, End).
final class ReplaySource: DashboardSource {
  private(set) var player: ReplayPlayer
  let assist: PromptAssist? = nil
  private var lastWall: UInt64?

  /// A source at the start of `timeline`; `warnings` (what the reader skipped) go to the status line.
  init(player: ReplayPlayer, state: inout DashboardState, warnings: [String]) {
    self.player = player
    self.player.begin(&state)
    if !warnings.isEmpty { state.postNotice(warnings.joined(separator: " "), role: .warn) }
  }

  func clock(wall: Double) -> Double { player.playhead }

  func poll(into state: inout DashboardState) {
    let now = DispatchTime.now().uptimeNanoseconds
    let elapsed = lastWall.map { Double(now - $0) / 1e9 } ?? 0
    lastWall = now
    player.tick(wallSeconds: elapsed, state: &state)
  }

  func perform(_ effect: DashboardEffect, state: inout DashboardState, view: inout DashboardView) -> Bool {
    switch effect {
    case .transport(let transport):
      player.perform(transport, state: &state)
    case .quit, .detach:
      return false
    case .post, .runCommand, .addNote, .finiteDifferenceCheck, .lanczos, .cancelLanczos:
      break  // a recording cannot be steered; the replay key map never produces these
    }
    return true
  }
}
