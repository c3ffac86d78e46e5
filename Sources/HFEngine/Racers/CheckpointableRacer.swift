/// An optimizer other than HF whose whole state a checkpoint can hold: θ, the method's vectors and
/// scalars (velocity, Adam's moments, the L-BFGS pairs, NCG's direction), and the shared counters
/// (iterations, data passes, updates = schedule position, mini-batch cursor, step scale).
/// Restoring a state into a racer built from the same settings continues it bit-identically.
public protocol CheckpointableRacer<Scalar>: TrainingOptimizer {
  /// The state a checkpoint keeps (settings excluded: they come from the run's spec).
  var state: RacerState<Scalar> { get }
  /// Puts a checkpointed `state` back; a missing or mis-sized part is one sentence.
  func restore(_ state: RacerState<Scalar>) throws(DataError)
}

extension SGDOptimizer: CheckpointableRacer {}
extension AdamOptimizer: CheckpointableRacer {}
extension LineSearchRacer: CheckpointableRacer {}
