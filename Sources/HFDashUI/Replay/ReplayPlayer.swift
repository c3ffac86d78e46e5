import HFSession
import HFRecording

/// Plays a recording into a `DashboardState`: recorded time × speed, play/pause, speed steps,
/// one HF iteration forward or back, start and end. A pure value with no clock: the caller says
/// how much wall time passed (`tick`) and hands in the state the player has been building.
///
/// Seeking forward applies events; seeking backward restores the nearest earlier snapshot of the
/// state (one is kept every `snapshotInterval` iterations as they are first passed) and applies
/// forward from there, so any seek costs at most one interval of events. Nothing is computed up
/// front: opening a recording costs only the marker list.
public struct ReplayPlayer: Sendable {
  /// The recording played.
  public let timeline: RecordingTimeline
  /// The recording's file name.
  public let source: String
  /// Events applied so far: the state shows `timeline.events[..<position]`.
  public private(set) var position = 0
  /// The recorded time shown, in seconds since the session started.
  public private(set) var playhead = 0.0
  /// Playback speed: 1 = as recorded, `.infinity` = one HF iteration per frame.
  public private(set) var speed: Double
  /// Whether time advances on `tick`.
  public private(set) var isPlaying: Bool
  /// Iterations between state snapshots.
  public let snapshotInterval: Int
  /// The run drawn beside the replayed one (`--compare`, `--reference`); every fresh state gets it.
  public var comparison: ComparisonRun?

  /// The slowest and fastest finite speeds (`>` past the fastest plays as fast as frames allow).
  public static let slowest = 0.25
  public static let fastest = 64.0
  /// Stretches without events longer than this many wall seconds are skipped.
  public static let idleLimit = 2.0

  /// Where the first engine event is: Home shows the session described, nothing run yet.
  public let startPosition: Int
  let markers: [ReplayMarker]
  /// The last iteration of each run (index run − 1).
  let runLastIteration: [Int]
  /// Snapshot j: the state right after iteration mark (j + 1)·interval − 1 finished.
  var snapshots: [DashboardState?]
  /// The first iteration mark not yet applied.
  var nextMark = 0

  /// A player at the start of `timeline`, at `speed` (1 = as recorded, `.infinity` = max).
  public init(timeline: RecordingTimeline, source: String = "", speed: Double = 1, playing: Bool = true) {
    self.timeline = timeline
    self.source = source
    self.speed = speed.isInfinite ? .infinity : Swift.min(Self.fastest, Swift.max(Self.slowest, speed))
    isPlaying = playing
    startPosition = timeline.events.firstIndex { if case .engine = $0.event { true } else { false } } ?? timeline.events.count
    markers = timeline.markers.compactMap { m in
      let kind: ReplayMarker.Kind
      switch m.kind {
      case .note: kind = .note
      case .alarm, .warning: kind = .alarm
      case .control: kind = .control
      case .checkpoint: kind = .checkpoint
      case .start, .finish: return nil
      }
      return ReplayMarker(kind: kind, time: m.time, iteration: m.iteration)
    }
    var last: [Int] = []
    for mark in timeline.iterations {
      while last.count < mark.run { last.append(0) }
      last[mark.run - 1] = Swift.max(last[mark.run - 1], mark.iteration)
    }
    runLastIteration = last
    let n = timeline.iterations.count
    // Every ~50 iterations; sparser for very long recordings so the snapshots' history copies stay bounded.
    snapshotInterval = Swift.max(50, n / 2_000 * n / 1_000)
    snapshots = Array(repeating: nil, count: n / snapshotInterval)
  }

  /// Shows the start of the recording in `state` (a fresh state is made).
  public mutating func begin(_ state: inout DashboardState) {
    state = DashboardState()
    state.comparison = comparison
    position = 0
    nextMark = 0
    seek(toEvent: startPosition, state: &state)
  }

  /// Snapshots kept so far (one per `snapshotInterval` iterations passed).
  public var snapshotCount: Int { snapshots.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

  /// Whether every event has been shown.
  public var isAtEnd: Bool { position >= timeline.events.count }

  /// Advances playback by `seconds` of wall time (nothing while paused).
  public mutating func tick(wallSeconds seconds: Double, state: inout DashboardState) {
    guard isPlaying else { return }
    let events = timeline.events
    if isAtEnd {
      isPlaying = false
    } else if speed.isInfinite {
      seek(toEvent: nextIterationEnd(), state: &state)
      return
    } else {
      playhead += Swift.max(0, seconds) * speed
      let last = position > 0 ? events[position - 1].time : 0
      if events[position].time > playhead, playhead - last > Self.idleLimit * speed {
        playhead = events[position].time
      }
      applyForward(through: playhead, state: &state)
      if isAtEnd { isPlaying = false }
    }
    state.now = playhead
    state.mode = .replay(replayPosition)
  }

  /// Carries out a transport key.
  public mutating func perform(_ transport: ReplayTransport, state: inout DashboardState) {
    switch transport {
    case .togglePlay:
      if !isPlaying && isAtEnd { seek(toEvent: startPosition, state: &state) }
      isPlaying.toggle()
    case .faster:
      if speed.isInfinite {
        state.postNotice("already as fast as frames allow", role: .warn)
      } else {
        speed = speed >= Self.fastest ? .infinity : speed * 2
      }
    case .slower:
      if speed <= Self.slowest {
        state.postNotice("already at the slowest speed (\(Format.compact(Self.slowest))×)", role: .warn)
      } else {
        speed = speed.isInfinite ? Self.fastest : speed / 2
      }
    case .stepForward:
      isPlaying = false
      if isAtEnd { state.postNotice("at the end of the recording", role: .warn) }
      seek(toEvent: nextIterationEnd(), state: &state)
    case .stepBackward:
      isPlaying = false
      if position <= startPosition { state.postNotice("at the start of the recording", role: .warn) }
      seek(toEvent: previousIterationEnd(), state: &state)
    case .toStart:
      seek(toEvent: startPosition, state: &state)
    case .toEnd:
      isPlaying = false
      seek(toEvent: timeline.events.count, state: &state)
    }
    state.mode = .replay(replayPosition)
  }

  /// Shows `timeline.events[..<target]` in `state`.
  public mutating func seek(toEvent target: Int, state: inout DashboardState) {
    let target = Swift.min(Swift.max(0, target), timeline.events.count)
    if let j = bestSnapshot(atOrBefore: target), snapshotPosition(j) > position || target < position {
      state = snapshots[j]!
      position = snapshotPosition(j)
      nextMark = (j + 1) * snapshotInterval
    } else if target < position {
      state = DashboardState()
      state.comparison = comparison
      position = 0
      nextMark = 0
    }
    applyForward(to: target, state: &state)
    playhead = target > 0 ? timeline.events[target - 1].time : 0
    state.now = playhead
    state.mode = .replay(replayPosition)
  }

  /// The header's and timeline strip's view of where the replay is.
  public var replayPosition: ReplayPosition {
    let mark = nextMark > 0 ? timeline.iterations[nextMark - 1] : nil
    let run = mark?.run ?? 1
    return ReplayPosition(
      iteration: mark?.iteration ?? 0, totalIterations: run <= runLastIteration.count ? runLastIteration[run - 1] : 0,
      speed: speed, isPlaying: isPlaying, source: source, run: run, runCount: Swift.max(1, runLastIteration.count),
      time: playhead, duration: timeline.duration, markers: markers)
  }

  // MARK: applying events

  mutating func applyForward(to target: Int, state: inout DashboardState) {
    while position < target { applyNext(&state) }
  }

  mutating func applyForward(through time: Double, state: inout DashboardState) {
    let events = timeline.events
    while position < events.count, events[position].time <= time { applyNext(&state) }
  }

  /// Applies the next event, keeping a snapshot when it finishes an iteration at an interval.
  mutating func applyNext(_ state: inout DashboardState) {
    let recorded = timeline.events[position]
    state.now = recorded.time
    state.apply(recorded.event)
    let marks = timeline.iterations
    if nextMark < marks.count, marks[nextMark].endIndex == position {
      nextMark += 1
      if nextMark % snapshotInterval == 0 {
        let j = nextMark / snapshotInterval - 1
        if j < snapshots.count, snapshots[j] == nil { snapshots[j] = state }
      }
    }
    position += 1
  }

  // MARK: seeking

  /// The event position right after snapshot j's iteration.
  func snapshotPosition(_ j: Int) -> Int {
    timeline.iterations[(j + 1) * snapshotInterval - 1].endIndex + 1
  }

  /// The latest snapshot taken at or before event position `target`.
  func bestSnapshot(atOrBefore target: Int) -> Int? {
    let finished = marksFinished(before: target)
    var j = Swift.min(snapshots.count, finished / snapshotInterval) - 1
    while j >= 0 {
      if snapshots[j] != nil { return j }
      j -= 1
    }
    return nil
  }

  /// How many iterations finished among `events[..<target]`.
  func marksFinished(before target: Int) -> Int {
    let marks = timeline.iterations
    var low = 0, high = marks.count
    while low < high {
      let mid = (low + high) / 2
      if marks[mid].endIndex < target { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The position right after the next iteration finishes (the end when none is left).
  func nextIterationEnd() -> Int {
    let k = marksFinished(before: position)
    let marks = timeline.iterations
    return k < marks.count ? marks[k].endIndex + 1 : timeline.events.count
  }

  /// The position right after the iteration before the last one shown (the start when there is
  /// none): the header's iteration goes down by one, wherever in an iteration the replay was.
  func previousIterationEnd() -> Int {
    let k = marksFinished(before: position)
    return k >= 2 ? timeline.iterations[k - 2].endIndex + 1 : startPosition
  }
}
