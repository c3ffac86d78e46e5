import HFEngine

/// A recording in memory: header, events in order, and indexes for seeking and timeline markers.
public struct RecordingTimeline: Sendable {
  public let header: RecordingHeader
  public let events: [RecordedEvent]
  /// One entry per finished HF iteration (or iteration of a single run's optimizer), in file order.
  public let iterations: [IterationMark]
  /// One entry per finished iteration of a race's rivals of HF, in file order (`report.optimizer` names the racer).
  public let racerIterations: [IterationMark]
  /// Notes, alarms, controls, checkpoints, warnings, (re)starts and the end, in file order.
  public let markers: [TimelineMarker]
  /// What the reader skipped (clean for a timeline built in memory).
  public let faults: RecordingFaults
  /// How the session ended (nil when the recording stops without an end line, e.g. after a crash).
  public let finish: RunFinish?

  /// Indexes `events`.
  public init(header: RecordingHeader, events: [RecordedEvent], faults: RecordingFaults = RecordingFaults()) {
    self.header = header
    self.events = events
    self.faults = faults
    var iterations: [IterationMark] = []
    var racerIterations: [IterationMark] = []
    var racerStarts: [OptimizerKind: Int] = [:]
    var markers: [TimelineMarker] = []
    var finish: RunFinish?
    var run = 1
    var runHasIterations = false
    var iterationStart = 0
    var lastIteration = 0
    for (index, recorded) in events.enumerated() {
      let t = recorded.time
      switch recorded.event {
      case .engine(.iterationStarted):
        iterationStart = index
      case .engine(.iterationFinished(let report)):
        iterations.append(
          IterationMark(iteration: report.iteration, run: run, startIndex: iterationStart, endIndex: index, time: t, report: report))
        runHasIterations = true
        lastIteration = report.iteration
        iterationStart = index + 1
      case .engine(.warning(let iteration, let message)):
        markers.append(TimelineMarker(kind: .warning, eventIndex: index, iteration: iteration, time: t, label: message))
      case .racer(let kind, .iterationStarted):
        racerStarts[kind] = index
      case .racer(let kind, .iterationFinished(var report)):
        report.optimizer = kind
        racerIterations.append(
          IterationMark(iteration: report.iteration, run: run, startIndex: racerStarts[kind] ?? index, endIndex: index, time: t, report: report))
      case .racer(_, .warning(let iteration, let message)):
        markers.append(TimelineMarker(kind: .warning, eventIndex: index, iteration: iteration, time: t, label: message))
      case .engine, .racer: break
      case .control(let c):
        markers.append(TimelineMarker(kind: .control, eventIndex: index, iteration: c.iteration, time: t, label: c.confirmation))
      case .state: break
      case .alarm(let a):
        markers.append(TimelineMarker(kind: .alarm, eventIndex: index, iteration: a.iteration, time: t, label: a.message))
      case .note(let iteration, let text):
        markers.append(TimelineMarker(kind: .note, eventIndex: index, iteration: iteration, time: t, label: text))
      case .checkpoint(let iteration, let path):
        markers.append(TimelineMarker(kind: .checkpoint, eventIndex: index, iteration: iteration, time: t, label: path))
      case .finished(let reason, let iteration, let message):
        finish = RunFinish(reason: reason, iteration: iteration, message: message)
        markers.append(TimelineMarker(kind: .finish, eventIndex: index, iteration: iteration, time: t, label: message))
      case .started(let d):
        if runHasIterations && d.resumedFrom == nil {
          run += 1
          runHasIterations = false
        }
        iterationStart = index + 1
        markers.append(
          TimelineMarker(kind: .start, eventIndex: index, iteration: lastIteration, time: t, label: d.resumedFrom.map { "resumed after iteration \($0)" } ?? "\(d.preset) seed \(d.seed)"))
      }
    }
    self.iterations = iterations
    self.racerIterations = racerIterations
    self.markers = markers
    self.finish = finish
  }

  /// Every finished iteration's report, in order.
  public var reports: [IterationReport] { iterations.map(\.report) }
  /// Each rival's finished iterations in file order, by racer (empty when the recording is not a race).
  public var racerReports: [OptimizerKind: [IterationReport]] {
    Dictionary(grouping: racerIterations.map(\.report), by: \.optimizer)
  }
  /// The racers of the last run, HF first, as its start line describes them (empty when not a race).
  public var racers: [RacerDescription] {
    for recorded in events.reversed() { if case .started(let d) = recorded.event { return d.racers } }
    return []
  }
  /// The optimizer of the last run (HF for races and old recordings).
  public var optimizer: OptimizerKind {
    for recorded in events.reversed() { if case .started(let d) = recorded.event { return d.optimizer } }
    return .hf
  }
  /// The time of the last event (seconds since the start).
  public var duration: Double { events.last?.time ?? 0 }
  /// The controls applied during the session, in order (what re-execution has to apply again).
  public var appliedControls: [AppliedControl] {
    events.compactMap { if case .control(let c) = $0.event { c } else { nil } }
  }
  /// Number of runs (a restart inside the session begins a new one).
  public var runCount: Int { iterations.last?.run ?? 1 }

  /// The number of events at or before `time`: replay shows `events[..<eventCount(through: t)]`.
  public func eventCount(through time: Double) -> Int {
    var low = 0, high = events.count
    while low < high {
      let mid = (low + high) / 2
      if events[mid].time <= time { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The position in `iterations` of `iteration` in `run` (the last run when nil).
  public func iterationPosition(_ iteration: Int, run: Int? = nil) -> Int? {
    let r = run ?? runCount
    var low = 0, high = iterations.count
    // Marks are ordered by (run, iteration) within a file: binary search, then confirm.
    while low < high {
      let mid = (low + high) / 2
      let m = iterations[mid]
      if (m.run, m.iteration) < (r, iteration) { low = mid + 1 } else { high = mid }
    }
    guard low < iterations.count, iterations[low].run == r, iterations[low].iteration == iteration else { return nil }
    return low
  }

  /// The last iteration finished at or before event `index` (nil before the first one).
  public func iterationMark(atOrBefore index: Int) -> IterationMark? {
    var low = 0, high = iterations.count
    while low < high {
      let mid = (low + high) / 2
      if iterations[mid].endIndex <= index { low = mid + 1 } else { high = mid }
    }
    return low == 0 ? nil : iterations[low - 1]
  }
}

/// Where one HF iteration sits in a timeline.
public struct IterationMark: Sendable, Equatable {
  public var iteration: Int
  /// 1 for the first run, +1 after every restart.
  public var run: Int
  /// Index of the iteration's first event (its `iterationStarted`).
  public var startIndex: Int
  /// Index of its `iterationFinished` event.
  public var endIndex: Int
  /// When it finished.
  public var time: Double
  public var report: IterationReport
}

/// A point worth a mark on the replay timeline.
public struct TimelineMarker: Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    case note, alarm, control, checkpoint, warning, start, finish
  }
  public var kind: Kind
  public var eventIndex: Int
  public var iteration: Int
  public var time: Double
  /// The note's text, the alarm's message, the control's confirmation, the checkpoint's path, ….
  public var label: String
}
