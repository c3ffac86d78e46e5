import HFEngine
import HFRecording

/// A racer's standing carried over from a checkpoint into a resumed race.
public struct RacerStanding: Sendable, Equatable {
  public var status: RacerStatus
  /// Its last reported objective (nil before its first step).
  public var objective: Double?
  /// Its steps in a row rejected for a non-finite value.
  public var failures: Int

  public init(status: RacerStatus, objective: Double? = nil, failures: Int = 0) {
    self.status = status
    self.objective = objective
    self.failures = failures
  }
}

/// What a checkpoint keeps of the optimizers other than HF, and how a resumed run gets it back.
extension EngineLoop {
  /// The checkpoint entries of the run's optimizers other than HF: the single run's optimizer
  /// (`lead`), or the race's rivals in race order with their standings. An optimizer that cannot
  /// be checkpointed (not a `CheckpointableRacer`) is left out. Engine thread: others get them
  /// through the iteration hook (`Session.setCheckpointingHook`) or, once the loop has ended,
  /// `Session.withRunWhileIdle`.
  func otherOptimizerCheckpoints() -> OtherOptimizerCheckpoints {
    var lead: RacerCheckpoint?
    if let primary, primary.kind != .hf, let racer = primary as? any CheckpointableRacer<Float> {
      lead = RacerCheckpoint(kind: primary.kind, status: RacerStatus.racing.rawValue, objective: nil, failures: consecutiveFailures, state: racer.state)
    }
    let rivals = racers.compactMap { slot -> RacerCheckpoint? in
      guard let racer = slot.optimizer as? any CheckpointableRacer<Float> else { return nil }
      return RacerCheckpoint(
        kind: slot.kind, status: slot.status.rawValue, objective: slot.objective, failures: slot.failures, state: racer.state)
    }
    return (lead, rivals)
  }

  /// A resumed first run (`SessionOptions.resumedRacers`): puts back the rivals' standings
  /// (right after the run's optimizers are built).
  func restoreStandings(_ standings: [OptimizerKind: RacerStanding]) {
    for slot in racers {
      guard let standing = standings[slot.kind] else { continue }
      slot.status = standing.status
      slot.objective = standing.objective
      slot.failures = standing.failures
    }
  }

  /// A resumed race's first turns: the rivals that had not yet caught up with HF's checkpointed
  /// iteration take the turns they would have taken right after it (none when the checkpoint was
  /// taken after the turns), so the race goes on in the same order as one never interrupted.
  func catchUpResumedRacers() {
    guard let lead = primary, lead.kind == .hf, lead.iteration > 0, !racers.isEmpty else { return }
    runRacerTurns(after: lead.iteration)
  }
}
