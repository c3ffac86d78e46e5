import Foundation
import HFRecording

/// One reader's view of a session's events: a buffer the publisher fills without ever waiting,
/// and the reader drains (the UI once per frame, a recorder thread after `waitForEvents`).
public final class EventSubscription: @unchecked Sendable {
  /// How this subscription buffers.
  public let policy: DeliveryPolicy
  private let condition = NSCondition()
  /// Lossless: every event. Lossy: everything except CG steps, with arrival numbers.
  private var events = EventQueue<(UInt64, SessionEvent)>()
  /// Lossy only: CG steps, with arrival numbers (the first to go when the buffer is full).
  private var cgSteps = EventQueue<(UInt64, SessionEvent)>()
  private var arrivals: UInt64 = 0
  private var dropped = 0
  private var closed = false
  private let capacity: Int
  weak var bus: EventBus?

  init(policy: DeliveryPolicy) {
    self.policy = policy
    if case .lossy(let c) = policy { capacity = Swift.max(1, c) } else { capacity = .max }
  }

  /// Events dropped so far because the reader was slow (always CG steps; 0 for lossless).
  public var droppedCount: Int { condition.withLock { dropped } }

  /// Events waiting to be drained.
  public var pendingCount: Int { condition.withLock { events.count + cgSteps.count } }

  /// Whether the publisher has finished (the session closed or the subscription was cancelled).
  public var isClosed: Bool { condition.withLock { closed } }

  /// Every buffered event, oldest first. Holds the lock only to take the buffers (the publisher
  /// never waits on a long drain); the merge happens outside it.
  public func drain() -> [SessionEvent] {
    var (others, steps) = condition.withLock {
      defer {
        events = EventQueue()
        cgSteps = EventQueue()
      }
      return (events, cgSteps)
    }
    if steps.isEmpty { return others.takeAll().map(\.1) }
    var merged: [SessionEvent] = []
    merged.reserveCapacity(others.count + steps.count)
    while let a = others.first, let b = steps.first {
      merged.append(a.0 < b.0 ? others.removeFirst()!.1 : steps.removeFirst()!.1)
    }
    merged += others.takeAll().map(\.1)
    merged += steps.takeAll().map(\.1)
    return merged
  }

  /// Sleeps until an event is buffered, the subscription is closed, or `timeout` seconds pass.
  /// Returns true when events are waiting to be drained.
  public func waitForEvents(timeout: Double) -> Bool {
    let deadline = Date(timeIntervalSinceNow: Swift.max(0, timeout))
    return condition.withLock {
      while events.isEmpty && cgSteps.isEmpty && !closed {
        if !condition.wait(until: deadline) { break }
      }
      return !(events.isEmpty && cgSteps.isEmpty)
    }
  }

  /// Stops delivery to this subscription; events already buffered can still be drained.
  public func cancel() {
    bus?.remove(self)
    close()
  }

  func close() {
    condition.withLock {
      closed = true
      condition.broadcast()
    }
  }

  /// Buffers `event` under this subscription's policy (called by the bus, holding only this lock briefly).
  func deliver(_ event: SessionEvent) {
    condition.withLock {
      guard !closed else { return }
      arrivals += 1
      let isCGStep = event.isCGStep
      if case .lossy = policy, events.count + cgSteps.count >= capacity {
        if !cgSteps.isEmpty {
          _ = cgSteps.removeFirst()
          dropped += 1
        } else if isCGStep {
          dropped += 1  // nothing older to drop: the newest CG step is the one to go
          return
        }
      }
      if isCGStep, case .lossy = policy {
        cgSteps.append((arrivals, event))
      } else {
        events.append((arrivals, event))
      }
      condition.signal()
    }
  }
}

extension SessionEvent {
  /// Whether this is an engine CG step (the only kind a lossy subscription may drop).
  public var isCGStep: Bool {
    if case .engine(.cgStep) = self { return true }
    return false
  }
}
