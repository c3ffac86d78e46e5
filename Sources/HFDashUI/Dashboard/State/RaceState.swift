import HFEngine
import HFSession
import HFRecording

/// Everything the dashboard knows about one optimizer of a race.
public struct RaceTrack: Equatable, Sendable {
  public var kind: OptimizerKind
  /// Its settings in one line, from the session's description.
  public var settings: String
  /// Its reports, oldest first (thinned to every other point past `RaceState.pointCapacity`).
  public internal(set) var points: [RaceProgress] = []
  /// The latest report (per-layer gradient norms, learning rate, momentum).
  public internal(set) var latest: IterationReport?
  /// Held by the user (takes no turns), dropped for good, or stopped by the session (non-finite objective).
  public internal(set) var isPaused = false
  public internal(set) var isDropped = false
  /// The smallest training objective so far.
  public var bestObjective: Double? { points.lazy.map(\.objective).filter(\.isFinite).min() }
}

/// A race's optimizers as the dashboard sees them, HF first; built from `SessionDescription.racers`.
public struct RaceState: Equatable, Sendable {
  public internal(set) var tracks: [RaceTrack]
  /// The racer whose iteration is running now (nil between turns).
  public internal(set) var turn: OptimizerKind?
  /// Points kept per racer before thinning.
  public static let pointCapacity = 20_000

  /// The tracks for a race's description (HF first, as the session lists them).
  public init(racers: [RacerDescription]) {
    tracks = racers.map { RaceTrack(kind: $0.kind, settings: $0.settings) }
  }

  /// The track of `kind`, if it races.
  public func track(_ kind: OptimizerKind) -> RaceTrack? { tracks.first { $0.kind == kind } }

  /// Adds a finished iteration of `kind`.
  mutating func record(_ kind: OptimizerKind, _ r: IterationReport) {
    if turn == kind { turn = nil }
    guard let i = tracks.firstIndex(where: { $0.kind == kind }) else { return }
    let seconds = (tracks[i].points.last?.seconds ?? 0) + r.times.total
    tracks[i].points.append(RaceProgress(r, seconds: seconds))
    tracks[i].latest = r
    if tracks[i].points.count > Self.pointCapacity {
      // Keep the first and last points; drop every other one in between.
      let p = tracks[i].points
      tracks[i].points = p.enumerated().filter { $0.offset % 2 == 0 || $0.offset == p.count - 1 }.map(\.element)
    }
  }

  /// Marks `kind`'s iteration as running.
  mutating func begin(_ kind: OptimizerKind) { turn = kind }

  /// Folds a racer control (hold, resume, drop) into the tracks.
  mutating func apply(_ control: SessionControl) {
    switch control {
    case .setRacerPaused(let kind, let paused):
      if let i = tracks.firstIndex(where: { $0.kind == kind }) { tracks[i].isPaused = paused }
    case .dropRacer(let kind):
      if let i = tracks.firstIndex(where: { $0.kind == kind }) { tracks[i].isDropped = true }
    default: break
    }
  }

  /// The racers still in the race (not dropped), in order.
  public var activeKinds: [OptimizerKind] { tracks.filter { !$0.isDropped }.map(\.kind) }
}

extension RaceState {
  /// The racers table: per racer that has reported, its latest objective and error, its passes,
  /// and the passes it took to reach the others' best objective (HFSession's `RaceStandings`).
  public var standings: [RaceStanding] {
    RaceStandings.compute(tracks.map { (kind: $0.kind, progress: $0.points) })
  }

  /// The racer with the lowest objective so far (nil before any finite one).
  public var leader: OptimizerKind? {
    tracks.filter { $0.bestObjective != nil }.min { $0.bestObjective! < $1.bestObjective! }?.kind
  }
}

/// What the race chart's x axis measures.
public enum RaceAxis: String, Sendable, CaseIterable {
  case passes, seconds, iterations

  /// The next axis `x` switches to.
  public var next: RaceAxis {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }

  /// A point's x value on this axis.
  public func x(_ p: RaceProgress) -> Double {
    switch self {
    case .passes: p.dataPasses
    case .seconds: p.seconds
    case .iterations: Double(p.iteration)
    }
  }
}

/// What the race chart's y axis shows.
public enum RaceMetric: String, Sendable, CaseIterable {
  case objective, error, testError

  /// The chart's title.
  public var title: String {
    switch self {
    case .objective: "Race: objective"
    case .error: "Race: training error"
    case .testError: "Race: test error"
    }
  }

  /// The metric's name in narrow titles.
  public var shortName: String {
    switch self {
    case .objective: "objective"
    case .error: "error"
    case .testError: "test error"
    }
  }

  /// The next metric `e` switches to.
  public var next: RaceMetric {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }

  /// A point's value of this metric (NaN when absent).
  public func y(_ p: RaceProgress) -> Double {
    switch self {
    case .objective: p.objective
    case .error: p.error
    case .testError: p.testError ?? .nan
    }
  }
}
