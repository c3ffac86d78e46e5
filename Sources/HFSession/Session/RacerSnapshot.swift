import HFEngine

/// Where a racer of a race stands: taking turns, held, dropped, or stopped by a non-finite objective.
public enum RacerStatus: String, Sendable, Equatable, Codable {
  case racing
  case paused
  case dropped
  /// Stopped by the session because its objective became NaN or infinite.
  case stopped
}

/// One racer of a race as the session sees it now (HF's own progress is the snapshot's).
public struct RacerSnapshot: Sendable, Equatable {
  public var kind: OptimizerKind
  public var status: RacerStatus
  /// Completed iterations (reporting intervals) of this racer.
  public var iteration: Int
  /// Passes over the training set it has spent.
  public var dataPasses: Double
  /// Its training objective after its last iteration (nil before the first).
  public var objective: Double?

  /// A racer's state.
  public init(kind: OptimizerKind, status: RacerStatus = .racing, iteration: Int = 0, dataPasses: Double = 0, objective: Double? = nil) {
    self.kind = kind
    self.status = status
    self.iteration = iteration
    self.dataPasses = dataPasses
    self.objective = objective
  }
}
