/// How an `EventSubscription` buffers events its reader has not drained yet.
public enum DeliveryPolicy: Sendable, Equatable {
  /// For a screen: at most about `capacity` events are kept; when full, the oldest CG steps are
  /// dropped first (and counted). Iteration, control, state, alarm and finish events are never
  /// dropped; if the buffer holds nothing but those it grows past `capacity`.
  case lossy(capacity: Int)
  /// For a recorder: every event, in order, in an unbounded queue.
  case lossless
}
