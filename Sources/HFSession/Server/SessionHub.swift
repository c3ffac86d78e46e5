import Foundation
import HFRecording
import Synchronization

/// The one reader of a session's events on behalf of every viewer: it keeps the history for
/// viewers that attach later and hands each event, encoded once, to every attached viewer.
///
/// A thread of its own drains a lossless subscription (so the engine never waits for it, and it
/// misses nothing); attaching drains what is pending, takes the history and joins the fan-out
/// under one lock, so a viewer sees every event published before it attached in its history,
/// and every later one live: each exactly once, in order.
final class SessionHub: Sendable {
  /// The history and the attached viewers' outboxes, changed together.
  private struct Fanout {
    var history = SessionHistory()
    var outboxes: [ObjectIdentifier: FrameOutbox] = [:]
  }

  private let fanout = Mutex(Fanout())
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

  /// Adds a viewer: returns the history so far (every event published before the call, also
  /// those the draining thread has not picked up yet); every later event goes to `outbox`.
  func attach(_ outbox: FrameOutbox) -> [RecordedEvent] {
    fanout.withLock { f in
      hand(subscription.drain(), into: &f)
      f.outboxes[ObjectIdentifier(outbox)] = outbox
      return f.history.events
    }
  }

  /// Removes a viewer.
  func detach(_ outbox: FrameOutbox) {
    _ = fanout.withLock { $0.outboxes.removeValue(forKey: ObjectIdentifier(outbox)) }
  }

  private func drainLoop() {
    while true {
      let more = subscription.waitForEvents(timeout: 0.25)
      // Drained under the lock, as `attach` does: the history keeps the publishing order.
      fanout.withLock { f in hand(subscription.drain(), into: &f) }
      if !more && subscription.isClosed && subscription.pendingCount == 0 { break }
    }
    done.signal()
  }

  /// Appends `events` to the history and pushes them, encoded once, to every viewer (lock held).
  private func hand(_ events: [SessionEvent], into f: inout Fanout) {
    guard !events.isEmpty else { return }
    let t = RecordingCodec.roundedTime(elapsed)
    for event in events {
      let recorded = RecordedEvent(time: t, event: event)
      f.history.append(recorded)
      guard !f.outboxes.isEmpty else { continue }
      let bytes = WireFrame.event(recorded).bytes
      let isCG = event.isCGStep
      for outbox in f.outboxes.values { outbox.push(bytes, isCGStep: isCG) }
    }
  }
}
