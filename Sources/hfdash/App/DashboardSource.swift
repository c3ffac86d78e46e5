import HFDashUI

/// What feeds a dashboard and takes its effects: a live session or a recording being replayed.
protocol DashboardSource: AnyObject {
  /// Folds everything new into `state` (called once per frame, on the UI thread, never blocking).
  func poll(into state: inout DashboardState)
  /// Carries out an effect of a key press; returns false when the dashboard should close.
  func perform(_ effect: DashboardEffect, state: inout DashboardState, view: inout DashboardView) -> Bool
  /// The `:` prompt's completion and hints.
  var assist: PromptAssist? { get }
  /// The clock the state runs on, given the loop's wall clock (seconds since it started): the
  /// wall clock itself for a live session, the recorded time shown for a replay.
  func clock(wall: Double) -> Double
}

extension DashboardSource {
  func clock(wall: Double) -> Double { wall }
}
