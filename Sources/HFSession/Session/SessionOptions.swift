import HFEngine

/// How a `Session` runs: its iteration budget, alarms, controls fixed in advance, and which
/// optimizers it steps (HF alone, another optimizer alone, or HF racing others).
public struct SessionOptions: Sendable, Equatable {
  /// Stop (DONE, reason `iterations`) after this many HF iterations (iterations of the single
  /// optimizer when it is not HF); nil runs until stopped.
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
  /// The optimizer of a single run (HF by default); must be HF when `race` is not empty.
  public var optimizer: OptimizerKind
  /// The optimizers that race HF, in order (HF always runs and is not listed); empty for a single run.
  public var race: [OptimizerKind]
  /// A resumed race: the rivals' standings (paused, dropped, stopped; failures in a row) to put
  /// back in the first run, whose optimizers the factory restored from the checkpoint. Restarts
  /// begin afresh.
  public var resumedRacers: [OptimizerKind: RacerStanding] = [:]

  /// Options; the defaults run HF alone without limit or alarms pausing, and nothing scheduled.
  public init(
    maxIterations: Int? = nil, pauseOnAlarm: Bool = false, startPaused: Bool = false,
    alarmBounds: AlarmBounds = AlarmBounds(), scheduledControls: ControlSchedule = ControlSchedule(),
    optimizer: OptimizerKind = .hf, race: [OptimizerKind] = []
  ) {
    self.maxIterations = maxIterations
    self.pauseOnAlarm = pauseOnAlarm
    self.startPaused = startPaused
    self.alarmBounds = alarmBounds
    self.scheduledControls = scheduledControls
    self.optimizer = optimizer
    self.race = race
  }

  /// Whether the session races HF against other optimizers.
  public var isRace: Bool { !race.isEmpty }

  /// Every optimizer the session steps, HF (or the single optimizer) first.
  public var optimizers: [OptimizerKind] { [optimizer] + race }

  /// Why the optimizer choice cannot run, as one sentence (nil when it can): HF listed among its
  /// own racers, a racer listed twice, or a race whose leader is not HF.
  public var optimizerError: String? {
    Self.raceError(race) ?? (isRace && optimizer != .hf
      ? "A race is always led by HF; choose either --optimizer \(optimizer.rawValue) or --race, not both." : nil)
  }

  /// Why `race` is not a valid list of HF's rivals (nil when it is).
  public static func raceError(_ race: [OptimizerKind]) -> String? {
    if race.contains(.hf) { return "HF always runs in a race; list only its rivals (\(rivalNames))." }
    var seen: Set<OptimizerKind> = []
    for kind in race where !seen.insert(kind).inserted {
      return "\(kind.rawValue) is listed twice in the race; list each optimizer once."
    }
    return nil
  }

  /// The names a race may list: every optimizer but HF.
  public static var rivalNames: String {
    OptimizerKind.allCases.filter { $0 != .hf }.map(\.rawValue).joined(separator: ", ")
  }
}
