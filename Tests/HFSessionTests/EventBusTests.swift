import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite struct EventBusTests {
  @Test func losslessKeepsEveryEventInOrder() {
    let bus = EventBus()
    let sub = bus.subscribe(.lossless)
    let events = (1...5000).map { cgStepEvent(iteration: 1 + $0 / 100, i: $0) } + [.state(.done)]
    for e in events { bus.publish(e) }
    #expect(sub.pendingCount == events.count)
    #expect(sub.drain() == events)
    #expect(sub.drain().isEmpty && sub.droppedCount == 0)
  }

  @Test func lossyDropsTheOldestCGStepsFirst() {
    let bus = EventBus()
    let sub = bus.subscribe(.lossy(capacity: 4))
    bus.publish(.state(.running))
    bus.publish(cgStepEvent(iteration: 1, i: 1))
    bus.publish(cgStepEvent(iteration: 1, i: 2))
    bus.publish(.note(iteration: 1, text: "a"))
    bus.publish(cgStepEvent(iteration: 1, i: 3))  // full: drops CG step 1
    bus.publish(.note(iteration: 1, text: "b"))  // drops CG step 2
    #expect(sub.droppedCount == 2)
    #expect(sub.drain() == [.state(.running), .note(iteration: 1, text: "a"), cgStepEvent(iteration: 1, i: 3), .note(iteration: 1, text: "b")])
  }

  @Test func lossyGrowsRatherThanDropIterationEvents() {
    let bus = EventBus()
    let sub = bus.subscribe(.lossy(capacity: 2))
    let important: [SessionEvent] = (1...6).map { .note(iteration: $0, text: "n\($0)") }
    for e in important { bus.publish(e) }
    bus.publish(cgStepEvent(iteration: 7, i: 1))  // nothing older to drop: the new CG step goes
    bus.publish(.state(.paused))
    #expect(sub.droppedCount == 1)
    #expect(sub.drain() == important + [.state(.paused)])
    // Once drained, CG steps fit again.
    bus.publish(cgStepEvent(iteration: 7, i: 2))
    #expect(sub.drain() == [cgStepEvent(iteration: 7, i: 2)])
  }

  @Test func everySubscriberSeesTheSameOrderAcrossPublishingThreads() async {
    let bus = EventBus()
    let a = bus.subscribe(.lossless), b = bus.subscribe(.lossless)
    await withTaskGroup(of: Void.self) { group in
      for t in 0..<4 {
        group.addTask {
          for i in 0..<500 { bus.publish(.note(iteration: t, text: String(i))) }
        }
      }
    }
    let fromA = a.drain()
    #expect(fromA.count == 2000)
    #expect(fromA == b.drain())
    for t in 0..<4 {
      let texts = fromA.compactMap { if case .note(t, let s) = $0 { Int(s) } else { nil } }
      #expect(texts == Array(0..<500))
    }
  }

  @Test func waitForEventsWakesForAnEventAndForClose() async {
    let bus = EventBus()
    let sub = bus.subscribe(.lossless)
    #expect(!sub.waitForEvents(timeout: 0))
    let waiter = Task.detached { sub.waitForEvents(timeout: 30) }
    bus.publish(.state(.running))
    #expect(await waiter.value)
    #expect(sub.drain() == [.state(.running)])
    let closing = Task.detached { sub.waitForEvents(timeout: 30) }
    bus.close()
    #expect(await closing.value == false)
    #expect(sub.isClosed)
    bus.publish(.state(.done))
    #expect(sub.drain().isEmpty)
  }

  @Test func releasedAndCancelledSubscriptionsStopReceiving() {
    let bus = EventBus()
    var temporary: EventSubscription? = bus.subscribe(.lossless)
    let cancelled = bus.subscribe(.lossy(capacity: 10))
    let kept = bus.subscribe(.lossless)
    #expect(bus.subscriberCount == 3)
    temporary = nil
    #expect(temporary == nil && bus.subscriberCount == 2)
    bus.publish(.state(.running))
    cancelled.cancel()
    bus.publish(.state(.paused))
    #expect(cancelled.drain() == [.state(.running)] && cancelled.isClosed)
    #expect(kept.drain() == [.state(.running), .state(.paused)])
    #expect(bus.subscriberCount == 1)
  }
}
