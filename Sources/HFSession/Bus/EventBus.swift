import Foundation
import HFRecording

/// Fans every published event out to all subscriptions, in one order for all of them.
///
/// Publishing takes the bus lock and each subscription's lock only long enough to append, so a
/// publisher never waits for a reader; subscriptions are held weakly and vanish when released.
public final class EventBus: @unchecked Sendable {
  private let lock = NSLock()
  private var subscribers: [Weak] = []
  private var closed = false

  private struct Weak {
    weak var subscription: EventSubscription?
  }

  /// A bus with no subscribers.
  public init() {}

  /// A new subscription that receives every event published from now on.
  public func subscribe(_ policy: DeliveryPolicy) -> EventSubscription {
    let subscription = EventSubscription(policy: policy)
    subscription.bus = self
    lock.withLock {
      if closed {
        subscription.close()
      } else {
        subscribers.append(Weak(subscription: subscription))
      }
    }
    return subscription
  }

  /// Delivers `event` to every live subscription.
  public func publish(_ event: SessionEvent) {
    lock.withLock {
      var pruned = false
      for entry in subscribers {
        if let s = entry.subscription { s.deliver(event) } else { pruned = true }
      }
      if pruned { subscribers.removeAll { $0.subscription == nil } }
    }
  }

  /// The number of live subscriptions.
  public var subscriberCount: Int {
    lock.withLock { subscribers.filter { $0.subscription != nil }.count }
  }

  /// Ends delivery: every subscription is closed (readers waiting in `waitForEvents` wake up).
  public func close() {
    let all = lock.withLock {
      closed = true
      defer { subscribers = [] }
      return subscribers.compactMap(\.subscription)
    }
    for s in all { s.close() }
  }

  func remove(_ subscription: EventSubscription) {
    lock.withLock { subscribers.removeAll { $0.subscription == nil || $0.subscription === subscription } }
  }
}
