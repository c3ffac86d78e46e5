import Dispatch
import Foundation
import Testing

@testable import HFSession

/// `ConditionGuarded`, the lock the session's shared state sits behind: waits that re-check
/// their predicate, deadlines, and exclusive access from many threads.
@Suite struct ConditionGuardedTests {
  struct Gate: Sendable {
    var waiterArrived = false
    var value = 0
  }

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
    let guarded = ConditionGuarded(Gate())
    let seen = ConditionGuarded(-1)
    let done = spawn {
      guarded.withLock { $0.waiterArrived = true }
      guarded.broadcast()
      let ended = guarded.wait { $0.value < 3 }
      let value = guarded.withLock { $0.value }
      seen.withLock { $0 = ended ? value : -2 }
    }
    // Wait until the waiter is there, then wake it twice with its predicate still true:
    // it must go on waiting until the value reaches 3.
    guarded.wait { !$0.waiterArrived }
    for step in 1...3 {
      guarded.withLock { $0.value = step }
      guarded.broadcast()
    }
    #expect(done.wait(timeout: .now() + 30) == .success, "the waiter never woke")
    #expect(seen.withLock { $0 } == 3)
  }

  @Test func withLockWaitingRerunsItsBodyUntilItDecides() {
    let guarded = ConditionGuarded(Gate())
    let result = ConditionGuarded<Int?>(nil)
    let done = spawn {
      let decided: Int = guarded.withLockWaiting { s in
        s.waiterArrived = true
        guarded.broadcast()
        return s.value == 7 ? s.value * 6 : nil
      }
      result.withLock { $0 = decided }
    }
    guarded.wait { !$0.waiterArrived }
    guarded.broadcast()  // a wake-up with nothing changed: the body says nil and waits again
    guarded.withLock { $0.value = 7 }
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

  @Test func concurrentIncrementsFromManyThreadsSumExactly() {
    let guarded = ConditionGuarded(0)
    let threads = 8
    let increments = 20_000
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      for _ in 0..<increments { guarded.withLock { $0 += 1 } }
    }
    #expect(guarded.withLock { $0 } == threads * increments)
  }
}
