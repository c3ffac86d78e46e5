import HFEngine

/// One optimizer other than HF in a checkpoint: a race's rival, or the single run's optimizer.
public struct RacerCheckpoint: Sendable, Equatable {
  /// Which optimizer.
  public var kind: OptimizerKind
  /// Its standing in the race (`racing`, `paused`, `dropped`, `stopped`; `racing` for a single run).
  public var status: String
  /// Its last reported objective (what the dashboard shows; nil before its first step).
  public var objective: Double?
  /// Its steps in a row rejected for a non-finite value (the race stops it at the failure limit).
  public var failures: Int
  /// Its numbers: θ, the method's vectors and scalars, the counters.
  public var state: RacerState<Float>

  public init(kind: OptimizerKind, status: String, objective: Double?, failures: Int, state: RacerState<Float>) {
    self.kind = kind
    self.status = status
    self.objective = objective
    self.failures = failures
    self.state = state
  }
}
