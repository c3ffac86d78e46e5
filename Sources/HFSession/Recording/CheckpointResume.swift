import HFEngine
import HFRecording

/// A run's optimizers put back from a checkpoint into a fresh setup built from the same spec:
/// HF's state (parameters, λ, warm start, counters, settings, generator), and every other
/// optimizer — the single run's, or a race's rivals — built as the session builds it and given its
/// checkpointed state, with the rivals' standings for the session (`SessionOptions.resumedRacers`).
public struct CheckpointResume {
  /// The optimizers other than HF, restored, by kind (hand them to the session's optimizer factory).
  public let optimizers: [OptimizerKind: any TrainingOptimizer<Float>]
  /// The rivals' standings in the race.
  public let standings: [OptimizerKind: RacerStanding]

  /// Restores `checkpoint` into `setup` and builds the run's other optimizers: `optimizer` is the
  /// run's leading optimizer, `race` its rivals in order (as the recording's last `start` line
  /// names them). A checkpoint that does not hold them all is one sentence.
  public init(checkpoint: Checkpoint, setup: TrainingSetup, optimizer: OptimizerKind, race: [OptimizerKind]) throws(DataError) {
    let k = checkpoint.iteration
    guard checkpoint.optimizer == optimizer else {
      throw DataError(
        "its checkpoint after iteration \(k) holds a run of \(checkpoint.optimizer.displayName), but the recording's last run is of \(optimizer.displayName).")
    }
    if optimizer == .hf {
      do { try checkpoint.restore(into: setup.optimizer, layout: setup.parameterLayout) } catch { throw DataError(error.description) }
    }
    setup.restore(rng: checkpoint.rng, extraState: checkpoint.extraState)
    var optimizers: [OptimizerKind: any TrainingOptimizer<Float>] = [:]
    var standings: [OptimizerKind: RacerStanding] = [:]
    for kind in (optimizer == .hf ? [] : [optimizer]) + race {
      guard let saved = checkpoint.racers.first(where: { $0.kind == kind }) else {
        let what = race.isEmpty ? "the run of \(kind.displayName)" : "the race"
        throw DataError(
          "its checkpoint after iteration \(k) holds no state of \(kind.displayName) (it was written before \(what) could be resumed).")
      }
      guard let racer = try setup.makeOptimizer(kind) as? any CheckpointableRacer<Float> else {
        throw DataError("\(kind.displayName) cannot be restored from a checkpoint.")
      }
      do { try racer.restore(saved.state) } catch {
        throw DataError("its checkpoint after iteration \(k) does not fit \(kind.displayName): \(error.message)")
      }
      guard let status = RacerStatus(rawValue: saved.status) else {
        throw DataError("its checkpoint after iteration \(k) gives \(kind.displayName) an unknown status '\(saved.status)'.")
      }
      optimizers[kind] = racer
      standings[kind] = RacerStanding(status: status, objective: saved.objective, failures: saved.failures)
    }
    self.optimizers = optimizers
    self.standings = standings
  }
}
