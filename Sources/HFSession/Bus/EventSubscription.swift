import DequeModule
import Dispatch
import HFRecording
import Synchronization

/// One reader's view of a session's events: a buffer the publisher fills without ever waiting,
/// and the reader drains (the UI once per frame, a recorder thread after `waitForEvents`).
public final class EventSubscription: Sendable {
  /// How this subscription buffers.
  public let policy: DeliveryPolicy
  private let capacity: Int
  private weak let bus: EventBus?

  private struct Buffers {
    /// Lossless: every event. Lossy: everything except CG steps, with arrival numbers.
    var events = Deque<(UInt64, SessionEvent)>()
    /// Lossy only: CG steps, with arrival numbers (the first to go when the buffer is full).
    var cgSteps = Deque<(UInt64, SessionEvent)>()
    var arrivals: UInt64 = 0
    var dropped = 0
    var closed = false
    /// Whether the reader sleeps in `waitForEvents` (the next delivery or close wakes it).
    var readerWaiting = false

    var isEmpty: Bool { events.isEmpty && cgSteps.isEmpty }
  }

  private let buffers = Mutex(Buffers())
  /// Wakes a reader sleeping in `waitForEvents`.
  private let wakeUp = DispatchSemaphore(value: 0)

  init(policy: DeliveryPolicy, bus: EventBus?) {
    self.policy = policy
    self.bus = bus
    if case .lossy(let c) = policy { capacity = Swift.max(1, c) } else { capacity = .max }
  }

  /// Events dropped so far because the reader was slow (always CG steps; 0 for lossless).
  public var droppedCount: Int { buffers.withLock { $0.dropped } }

  /// Events waiting to be drained.
  public var pendingCount: Int { buffers.withLock { $0.events.count + $0.cgSteps.count } }

  /// Whether the publisher has finished (the session closed or the subscription was cancelled).
  public var isClosed: Bool { buffers.withLock { $0.closed } }

  /// Every buffered event, oldest first. Holds the mutex only to take the buffers (the publisher
  /// never waits on a long drain); the merge happens outside it.
  public func drain() -> [SessionEvent] {
    var (others, steps) = buffers.withLock { b in
      defer {
        b.events = Deque()
        b.cgSteps = Deque()
      }
      return (b.events, b.cgSteps)
    }
    if steps.isEmpty { return others.map(\.1) }
    var merged: [SessionEvent] = []
    merged.reserveCapacity(others.count + steps.count)
    while let a = others.first, let b = steps.first {
      merged.append(a.0 < b.0 ? others.removeFirst().1 : steps.removeFirst().1)
    }
    merged += others.map(\.1)
    merged += steps.map(\.1)
    return merged
  }

  /// Sleeps until an event is buffered, the subscription is closed, or `timeout` seconds pass.
  /// Returns true when events are waiting to be drained. One reader at a time.
  public func waitForEvents(timeout: Double) -> Bool {
    let deadline = DispatchTime.now() + Swift.max(0, timeout)
    while true {
      let ready: Bool? = buffers.withLock { b in
        if !b.isEmpty { return true }
        if b.closed { return false }
        b.readerWaiting = true
        return nil
      }
      if let ready { return ready }
      if wakeUp.wait(timeout: deadline) == .timedOut {
        return buffers.withLock { b in
          b.readerWaiting = false
          return !b.isEmpty
        }
      }
    }
  }

  /// Stops delivery to this subscription; events already buffered can still be drained.
  public func cancel() {
    bus?.remove(self)
    close()
  }

  func close() {
    let wake = buffers.withLock { b in
      b.closed = true
      defer { b.readerWaiting = false }
      return b.readerWaiting
    }
    if wake { wakeUp.signal() }
  }

  /// Buffers `event` under this subscription's policy (called by the bus, holding only this mutex briefly).
  func deliver(_ event: SessionEvent) {
    let wake = buffers.withLock { b -> Bool in
      guard !b.closed else { return false }
      b.arrivals += 1
      let isCGStep = event.isCGStep
      if case .lossy = policy, b.events.count + b.cgSteps.count >= capacity {
        if !b.cgSteps.isEmpty {
          b.cgSteps.removeFirst()
          b.dropped += 1
        } else if isCGStep {
          b.dropped += 1  // nothing older to drop: the newest CG step is the one to go
          return false
        }
      }
      if isCGStep, case .lossy = policy {
        b.cgSteps.append((b.arrivals, event))
      } else {
        b.events.append((b.arrivals, event))
      }
      defer { b.readerWaiting = false }
      return b.readerWaiting
    }
    if wake { wakeUp.signal() }
  }
}

extension SessionEvent {
  /// Whether this is an engine CG step (the only kind a lossy subscription may drop).
  public var isCGStep: Bool {
    if case .engine(.cgStep) = self { return true }
    return false
  }
}
