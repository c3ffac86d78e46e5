import Foundation

/// A `State` value behind a lock with a condition variable: read and changed only inside
/// `withLock`, waited on with a predicate that is re-checked after every wake-up.
///
/// This is the one audited `@unchecked Sendable` of the session's locking. The invariant the
/// compiler cannot see: `state` is reachable only inside `withLock`, `withLockWaiting` and
/// `wait(until:while:)`, each of which holds `condition`'s lock for every access to it. `State`
/// is Sendable, so whatever a body copies out of it may go to any thread. Waiting never happens
/// during an access to `state` (the body is re-run after each wake-up instead), so no `inout`
/// access spans the moment another thread holds the lock.
// @unchecked Sendable: `state` is touched only inside the methods below, each holding `condition`'s lock.
final class ConditionGuarded<State: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var state: State

  /// `initial`, guarded.
  init(_ initial: State) {
    state = initial
  }

  /// Runs `body` with the lock held and exclusive access to the state.
  func withLock<R>(_ body: (inout State) throws -> R) rethrows -> R {
    condition.lock()
    defer { condition.unlock() }
    return try body(&state)
  }

  /// Runs `body` with the lock held; while it returns nil, waits for a `broadcast` (or a spurious
  /// wake-up) and runs it again, so `body` re-checks whatever it waits for each time.
  func withLockWaiting<R>(_ body: (inout State) throws -> R?) rethrows -> R {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let result = try body(&state) { return result }
      condition.wait()
    }
  }

  /// Waits while `predicate` holds, up to `deadline` (nil: no limit); true when it no longer held,
  /// false when the deadline passed first.
  @discardableResult
  func wait(until deadline: Date? = nil, while predicate: (State) -> Bool) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while predicate(state) {
      if let deadline {
        if !condition.wait(until: deadline) { return !predicate(state) }
      } else {
        condition.wait()
      }
    }
    return true
  }

  /// Wakes every thread waiting in `withLockWaiting` or `wait(until:while:)`. Call it after
  /// a change a waiter may be waiting for (inside `withLock` or after it).
  func broadcast() {
    condition.broadcast()
  }
}
