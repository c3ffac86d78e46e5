/// Where a replay is: "iteration 12/40, 4×, playing", and what its timeline strip shows.
public struct ReplayPosition: Equatable, Sendable {
  /// The last HF iteration shown and the last one of its run in the recording.
  public var iteration: Int
  public var totalIterations: Int
  /// Playback speed (1 = real time; `.infinity` = as fast as frames allow).
  public var speed: Double
  public var isPlaying: Bool
  /// The recording's file name, for the header.
  public var source: String
  /// The run shown (1 + restarts before it) and the number of runs in the recording.
  public var run: Int
  public var runCount: Int
  /// The recorded time shown and the recording's length, in seconds since the session started.
  public var time: Double
  public var duration: Double
  /// Notes, alarms, controls and checkpoints, in time order, for the timeline strip.
  public var markers: [ReplayMarker]

  /// Creates a position.
  public init(
    iteration: Int, totalIterations: Int, speed: Double, isPlaying: Bool, source: String = "", run: Int = 1,
    runCount: Int = 1, time: Double = 0, duration: Double = 0, markers: [ReplayMarker] = []
  ) {
    self.iteration = iteration
    self.totalIterations = totalIterations
    self.speed = speed
    self.isPlaying = isPlaying
    self.source = source
    self.run = run
    self.runCount = runCount
    self.time = time
    self.duration = duration
    self.markers = markers
  }

  /// "iteration 12/40 · 4×" (the speed without trailing zeros: 0.5×, 1×, 16×, or "max"), with
  /// "run 2/3 · " in front when the recording holds restarts.
  public var summary: String {
    (runCount > 1 ? "run \(run)/\(runCount) · " : "") + "iteration \(iteration)/\(totalIterations) · " + speedText
  }

  /// "4×", "0.25×" or "max".
  public var speedText: String {
    speed.isInfinite ? "max" : Format.compact(speed) + "×"
  }
}

/// A point on the replay timeline worth a mark.
public struct ReplayMarker: Equatable, Sendable {
  /// What happened there (the strip draws `n`, `!`, `◆`, `✓`).
  public enum Kind: Int, Sendable, CaseIterable, Comparable {
    // Raw values order the kinds by how much a mark matters when several share one cell.
    case checkpoint = 0, control, note, alarm

    /// Orders kinds by importance (checkpoint < control < note < alarm).
    public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
  }

  /// What it marks.
  public var kind: Kind
  /// Seconds since the session started.
  public var time: Double
  /// The HF iteration it belongs to.
  public var iteration: Int

  /// Creates a marker.
  public init(kind: Kind, time: Double, iteration: Int) {
    self.kind = kind
    self.time = time
    self.iteration = iteration
  }
}
