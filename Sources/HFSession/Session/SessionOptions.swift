/// How a `Session` runs: its iteration budget, alarms, and controls fixed in advance.
public struct SessionOptions: Sendable, Equatable {
  /// Stop (DONE, reason `iterations`) after this many HF iterations; nil runs until stopped.
  public var maxIterations: Int?
  /// Pause at the iteration boundary after any alarm.
  public var pauseOnAlarm: Bool
  /// Publish `.started`, then wait PAUSED before the first iteration.
  public var startPaused: Bool
  /// The alarm monitor's thresholds.
  public var alarmBounds: AlarmBounds
  /// Controls taken at fixed iteration boundaries in every run (re-executing a recording). Each
  /// is taken once per run, before the live controls posted for the same boundary.
  public var scheduledControls: ControlSchedule

  /// Options; the defaults run without limit or alarms pausing, and nothing scheduled.
  public init(
    maxIterations: Int? = nil, pauseOnAlarm: Bool = false, startPaused: Bool = false,
    alarmBounds: AlarmBounds = AlarmBounds(), scheduledControls: ControlSchedule = ControlSchedule()
  ) {
    self.maxIterations = maxIterations
    self.pauseOnAlarm = pauseOnAlarm
    self.startPaused = startPaused
    self.alarmBounds = alarmBounds
    self.scheduledControls = scheduledControls
  }
}
