import Synchronization

/// A request to abandon the running iteration, set from any thread (a signal's handler,
/// `Session.close`) and polled by the engine's long loops between units of work: HF's phases,
/// each backtracking and line-search evaluation, and each racer step. An abandoned iteration
/// changes nothing (θ, λ, the warm start and the counters stay as they were).
public final class Interruption: Sendable {
  private let flag = Atomic<Bool>(false)

  public init() {}

  /// Asks the running iteration to stop at its next check (idempotent).
  public func request() { flag.store(true, ordering: .relaxed) }

  /// Whether a stop was requested.
  public var isRequested: Bool { flag.load(ordering: .relaxed) }
}
