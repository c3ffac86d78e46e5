import HFEngine
import HFSession
import HFRecording
import HFCanvas

/// Everything the dashboard shows, built only from `SessionEvent`s (live or replayed) by `apply(_:)`.
///
/// A value type with no clock and no threads: the caller sets `now` (seconds on any monotonic
/// clock, or the recording's timestamps) before applying events or rendering.
public struct DashboardState: Equatable, Sendable {
  // MARK: run

  /// What is being trained (nil until `.started`).
  public var session: SessionDescription?
  public var runState: RunState = .starting
  /// Why and when the run finished, once it did.
  public var finish: RunFinish?
  /// The HF iteration running (or last run) and the number finished.
  public var currentIteration = 0
  /// Live or replay.
  public var mode: DashboardMode = .live

  // MARK: time

  /// The caller's current time, in seconds.
  public var now = 0.0
  /// `now` when the run started (set on `.started`), and when it finished.
  public var startTime: Double?
  public var endTime: Double?

  // MARK: data

  /// Per-iteration metrics.
  public var history: IterationHistory
  /// A race's racers (HF included), nil when the session runs one optimizer.
  public var race: RaceState?
  /// The CG run of the current iteration, and the last finished one.
  public var liveCG: LiveCGRun?
  public var previousCG: LiveCGRun?
  /// Iterations from which a user control changed λ (first iteration with the new value).
  public internal(set) var lambdaChangeIterations: [Int] = []
  /// The hyperparameters in force.
  public var settings = DashboardSettings()
  /// Controls posted by the UI and not yet confirmed by a `.control` event.
  public internal(set) var pending: [PendingControl] = []
  /// Alarms raised, oldest first (at most `alarmCapacity`).
  public internal(set) var alarms: [Alarm] = []
  /// Notes typed by the user, as (iteration, text).
  public internal(set) var notes: [IterationNote] = []
  /// The event log, oldest first (at most `logCapacity` lines).
  public internal(set) var log: [DashboardLogEntry] = []
  /// The newest message for the status line.
  public internal(set) var status: StatusMessage?
  var messageSequence = 0

  // MARK: app-supplied

  /// The recorder's badge ("REC 1.2 MB") and its last error, set by the app.
  public var recordingBadge: String?
  public var recordingError: String?
  /// Events the UI's buffer dropped (set by the app from the session's counter).
  public var droppedEvents = 0
  /// The most recent checkpoint, if any.
  public var lastCheckpoint: IterationNote?
  /// A run drawn as a ghost beside this one (`--reference`, `--compare`), set by the app.
  public var comparison: ComparisonRun?
  /// The on-demand Lanczos run (`L`): the one running and the last result (set by `apply(lanczos:)`).
  public var lanczos = LanczosProbeState()

  /// How long (seconds of `now`) a message stays on the status line before the latest iteration's summary returns.
  public static let statusLifetime = 15.0

  /// The status message if it is still fresh.
  public var freshStatus: StatusMessage? {
    guard let status, now - status.time <= Self.statusLifetime else { return nil }
    return status
  }

  /// How many log lines and alarms are kept.
  public static let logCapacity = 500
  public static let alarmCapacity = 200

  /// An empty state; `historyCapacity` bounds the per-iteration arrays.
  public init(historyCapacity: Int = 100_000) {
    history = IterationHistory(capacity: historyCapacity)
  }

  /// Seconds since the run started (frozen when it finished), nil before `.started`.
  public var elapsed: Double? {
    guard let startTime else { return nil }
    return max(0, (endTime ?? now) - startTime)
  }

  /// The CG run to show: the live one once it has a step, otherwise the previous finished one.
  public var displayedCG: LiveCGRun? {
    if let liveCG, liveCG.steps > 0 { return liveCG }
    return previousCG ?? liveCG
  }

  /// Settings with every pending control applied on top: what will be in force once they land.
  public var projectedSettings: DashboardSettings {
    var s = settings
    for p in pending { s.project(p.request.control) }
    return s
  }

  /// Whether a pending control changes the setting `id`.
  public func isPending(_ id: SettingID) -> Bool {
    pending.contains { $0.request.control.setting == id }
  }

  // MARK: UI-side inputs

  /// Records a control the UI just posted; the matching `.control` event clears it.
  public mutating func addPending(_ request: ControlRequest) {
    guard request.control.isHyperparameter else { return }
    pending.append(PendingControl(request: request, postedAt: currentIteration))
  }

  /// Shows a message from the UI itself (e.g. "this model has no structural damping") on the status line.
  public mutating func postNotice(_ text: String, role: StyleRole = .warn) {
    setStatus(text, role: role)
  }

  mutating func setStatus(_ text: String, role: StyleRole) {
    messageSequence += 1
    status = StatusMessage(text: text, role: role, sequence: messageSequence, time: now)
  }

  mutating func appendLog(_ iteration: Int?, _ kind: DashboardLogEntry.Kind, _ text: String) {
    log.append(DashboardLogEntry(iteration: iteration, kind: kind, text: text))
    if log.count > Self.logCapacity + Self.logCapacity / 10 { log.removeFirst(log.count - Self.logCapacity) }
  }

  mutating func appendAlarm(_ alarm: Alarm) {
    alarms.append(alarm)
    if alarms.count > Self.alarmCapacity { alarms.removeFirst(alarms.count - Self.alarmCapacity) }
  }

  mutating func removePending(matching control: SessionControl) {
    if let i = pending.firstIndex(where: { $0.request.control == control }) {
      pending.remove(at: i)
    } else if let id = control.setting, let i = pending.firstIndex(where: { $0.request.control.setting == id }) {
      pending.remove(at: i)
    }
  }

  mutating func addLambdaMarker(_ iteration: Int) {
    if lambdaChangeIterations.last != iteration { lambdaChangeIterations.append(iteration) }
  }

  mutating func resetRun() {
    history.removeAll()
    liveCG = nil
    previousCG = nil
    lambdaChangeIterations = []
    pending = []
    alarms = []
    notes = []
    currentIteration = 0
    finish = nil
    endTime = nil
    lastCheckpoint = nil
    lanczos.result = nil
  }
}

/// A text attached to an HF iteration (a user's note, a checkpoint path).
public struct IterationNote: Equatable, Sendable {
  public var iteration: Int
  public var text: String
  /// Creates a note.
  public init(iteration: Int, text: String) {
    self.iteration = iteration
    self.text = text
  }
}
