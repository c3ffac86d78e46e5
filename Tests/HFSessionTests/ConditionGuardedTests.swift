import Dispatch
import Foundation
import Testing

@testable import HFSession

/// `ConditionGuarded`, the lock the session's shared state sits behind: waits that re-check
/// their predicate, deadlines, and exclusive access from many threads.
@Suite struct ConditionGuardedTests {
  /// Runs `body` on a thread of its own; the semaphore is signalled when it returns.
  private func spawn(_ body: @escaping @Sendable () -> Void) -> DispatchSemaphore {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      body()
      done.signal()
    }
    thread.start()
    return done
  }

  @Test func aWaiterWakesWhenAnotherThreadMakesItsPredicateFalse() {
    let guarded = ConditionGuarded(0)
    let checked = DispatchSemaphore(value: 0)  // signalled each time the waiter checks its predicate
    let seen = ConditionGuarded(-1)
    let done = spawn {
      let ended = guarded.wait { value in
        checked.signal()
        return value < 3
      }
      let value = guarded.withLock { $0 }
      seen.withLock { $0 = ended ? value : -2 }
    }
    // Each change is made after the waiter's check (so while it waits: it released the lock).
    // The first leaves the predicate true: the waiter must check again and go on waiting.
    #expect(checked.wait(timeout: .now() + 30) == .success, "the waiter never checked")
    guarded.withLock { $0 = 1 }
    guarded.broadcast()
    #expect(checked.wait(timeout: .now() + 30) == .success, "the waiter did not check again after a wake-up")
    guarded.withLock { $0 = 3 }
    guarded.broadcast()
    #expect(done.wait(timeout: .now() + 30) == .success, "the waiter never woke")
    #expect(seen.withLock { $0 } == 3)
  }

  @Test func withLockWaitingRerunsItsBodyUntilItDecides() {
    let guarded = ConditionGuarded(0)
    let ran = DispatchSemaphore(value: 0)  // signalled each time the body runs
    let result = ConditionGuarded<Int?>(nil)
    let done = spawn {
      let decided: Int = guarded.withLockWaiting { value in
        ran.signal()
        return value == 7 ? value * 6 : nil
      }
      result.withLock { $0 = decided }
    }
    #expect(ran.wait(timeout: .now() + 30) == .success, "the body never ran")
    guarded.withLock { _ in }  // the waiter has released the lock: it waits
    guarded.broadcast()  // a wake-up with nothing changed: the body says nil and waits again
    #expect(ran.wait(timeout: .now() + 30) == .success, "the body did not run again after a wake-up")
    guarded.withLock { $0 = 7 }
    guarded.broadcast()
    #expect(done.wait(timeout: .now() + 30) == .success, "the body never decided")
    #expect(result.withLock { $0 } == 42)
  }

  @Test func aWaitWhosePredicateStaysTrueEndsFalseAtItsDeadline() {
    let guarded = ConditionGuarded(0)
    #expect(!guarded.wait(until: Date(timeIntervalSinceNow: 0.05)) { $0 == 0 })
    #expect(!guarded.wait(until: Date(timeIntervalSinceNow: -1)) { $0 == 0 })
    #expect(guarded.wait(until: Date(timeIntervalSinceNow: -1)) { $0 != 0 }, "a predicate already false ends the wait at once")
  }

  struct Tally: Sendable {
    var count = 0
    /// The count after each increment, in the order they happened.
    var log: [Int] = []
  }

  @Test func concurrentIncrementsFromManyThreadsSumExactly() {
    let guarded = ConditionGuarded(Tally())
    let threads = 8
    let increments = 50_000
    // Threads of their own (not a pool that may run them one after another), released together.
    let go = DispatchSemaphore(value: 0)
    let finished = (0..<threads).map { _ in
      spawn {
        go.wait()
        for _ in 0..<increments {
          guarded.withLock { t in
            t.count += 1
            t.log.append(t.count)
          }
        }
      }
    }
    for _ in 0..<threads { go.signal() }
    for done in finished { #expect(done.wait(timeout: .now() + 60) == .success) }
    let tally = guarded.withLock { $0 }
    #expect(tally.count == threads * increments)
    // One at a time: every increment saw the one before it, none was lost or seen twice.
    #expect(tally.log == Array(1...(threads * increments)))
  }
}
