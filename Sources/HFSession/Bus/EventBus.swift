import HFRecording
import Synchronization

/// Fans every published event out to all subscriptions, in one order for all of them.
///
/// Publishing takes the bus's mutex and each subscription's only long enough to append, so a
/// publisher never waits for a reader; subscriptions are held weakly and vanish when released.
public final class EventBus: Sendable {
  private struct State {
    var subscribers: [Weak] = []
    var closed = false
  }

  private struct Weak {
    weak var subscription: EventSubscription?
  }

  private let state = Mutex(State())

  /// A bus with no subscribers.
  public init() {}

  /// A new subscription that receives every event published from now on.
  public func subscribe(_ policy: DeliveryPolicy) -> EventSubscription {
    let subscription = EventSubscription(policy: policy, bus: self)
    let closed = state.withLock { s in
      if !s.closed { s.subscribers.append(Weak(subscription: subscription)) }
      return s.closed
    }
    if closed { subscription.close() }
    return subscription
  }

  /// Delivers `event` to every live subscription (in publishing order: the mutex is held throughout).
  public func publish(_ event: SessionEvent) {
    state.withLock { s in
      var pruned = false
      for entry in s.subscribers {
        if let subscription = entry.subscription { subscription.deliver(event) } else { pruned = true }
      }
      if pruned { s.subscribers.removeAll { $0.subscription == nil } }
    }
  }

  /// The number of live subscriptions.
  public var subscriberCount: Int {
    state.withLock { $0.subscribers.filter { $0.subscription != nil }.count }
  }

  /// Ends delivery: every subscription is closed (readers waiting in `waitForEvents` wake up).
  public func close() {
    let all = state.withLock { s in
      s.closed = true
      defer { s.subscribers = [] }
      return s.subscribers.compactMap(\.subscription)
    }
    for subscription in all { subscription.close() }
  }

  func remove(_ subscription: EventSubscription) {
    state.withLock { $0.subscribers.removeAll { $0.subscription == nil || $0.subscription === subscription } }
  }
}
