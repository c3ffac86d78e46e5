import Foundation
import HFRecording

/// The one reader of a session's events on behalf of every viewer: it keeps the history for
/// viewers that attach later and hands each event, encoded once, to every attached viewer.
///
/// A thread of its own drains a lossless subscription (so the engine never waits for it, and it
/// misses nothing); attaching takes the history and joins the fan-out under one lock, so a
/// viewer sees every event exactly once, in order.
// @unchecked Sendable: history and outboxes are touched only under `lock`; the subscription is thread-safe.
final class SessionHub: @unchecked Sendable {
  private let lock = NSLock()
  private var history = SessionHistory()
  private var outboxes: [ObjectIdentifier: FrameOutbox] = [:]
  private let subscription: EventSubscription
  private let start: UInt64
  private let done = DispatchSemaphore(value: 0)

  /// Subscribes now (before the session starts, so the history begins with `.started`).
  init(session: Session) {
    subscription = session.subscribe(.lossless)
    start = DispatchTime.now().uptimeNanoseconds
  }

  /// Seconds since the hub was made: the clock of the events' `t` on the wire.
  var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

  /// Starts the draining thread.
  func run() {
    let thread = Thread { [self] in drainLoop() }
    thread.name = "hfdash.session-hub"
    thread.start()
  }

  /// Waits until the session's last event has been handed out (after the session closed).
  func awaitDrained(timeout: Double) { _ = done.wait(timeout: .now() + timeout) }

  /// Adds a viewer: returns the history so far; every later event goes to `outbox`.
  func attach(_ outbox: FrameOutbox) -> [RecordedEvent] {
    lock.withLock {
      outboxes[ObjectIdentifier(outbox)] = outbox
      return history.events
    }
  }

  /// Removes a viewer.
  func detach(_ outbox: FrameOutbox) {
    _ = lock.withLock { outboxes.removeValue(forKey: ObjectIdentifier(outbox)) }
  }

  private func drainLoop() {
    while true {
      let more = subscription.waitForEvents(timeout: 0.25)
      let events = subscription.drain()
      if !events.isEmpty {
        let t = elapsed
        lock.withLock {
          for event in events {
            let recorded = RecordedEvent(time: RecordingCodec.roundedTime(t), event: event)
            history.append(recorded)
            guard !outboxes.isEmpty else { continue }
            let bytes = WireFrame.event(recorded).bytes
            let isCG = event.isCGStep
            for outbox in outboxes.values { outbox.push(bytes, isCGStep: isCG) }
          }
        }
      }
      if !more && subscription.isClosed && subscription.pendingCount == 0 { break }
    }
    done.signal()
  }
}
