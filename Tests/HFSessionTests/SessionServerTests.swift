import Foundation
import HFEngine
import HFRecording
import HFSession
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Session server: viewers over a Unix socket", .serialized)
struct SessionServerTests {
  @Test func aLateViewerCatchesUpFromTheHistoryThenFollowsLive() throws {
    let served = try ServedSession(SessionOptions(maxIterations: 4))
    defer { served.close() }
    served.session.start()
    #expect(served.log.waitFinished())
    let viewer = ClientLog(try served.client("late"))
    #expect(viewer.client.hello.viewer == 1 && viewer.client.hello.status.state == "DONE")
    // The greeting announces the history; waiting for it hands over exactly that many events, so
    // an attaching dashboard's first frame is the session as it is (not part-way through).
    let announced = try #require(viewer.client.hello.history)
    #expect(announced > 4)
    #expect(viewer.client.waitForHistory(timeout: 30))
    let caughtUp = viewer.client.take().events
    #expect(caughtUp.count == announced)
    #expect(caughtUp.map(\.event).finishedEvents.count == 1)
    viewer.prepend(caughtUp)
    let events = viewer.sessionEvents
    guard case .started = events.first else {
      Issue.record("the history does not begin with .started: \(String(describing: events.first))")
      return
    }
    #expect(events.reports.map(\.iteration) == [1, 2, 3, 4])
    #expect(events.reports == served.log.events.reports)
    // CG steps of iterations before the previous one are left out of the history.
    #expect(Set(events.cgSteps.map(\.hfIteration)).isSubset(of: [3, 4]) && !events.cgSteps.isEmpty)
    #expect(events.filter { !$0.isCGStep } == served.log.events.filter { !$0.isCGStep })
    // Then live: two more iterations arrive as they happen.
    served.session.post(ControlRequest(.continueRun(extraIterations: 2), source: "test"))
    #expect(viewer.wait { $0.sessionEvents.reports.count == 6 })
    #expect(viewer.sessionEvents.reports.map(\.iteration) == [1, 2, 3, 4, 5, 6])
  }

  @Test func controlsFromViewersGoThroughTheControlPathSignedAndEveryoneSeesThem() throws {
    let served = try ServedSession(SessionOptions(maxIterations: 3, startPaused: true))
    defer { served.close() }
    let alice = ClientLog(try served.client("alice"))
    let bob = ClientLog(try served.client("bob"))
    served.session.start()
    #expect(served.log.waitState(.paused))
    #expect(alice.client.send(control: ControlRequest(.setMaxCG(7), source: "key c")))
    #expect(bob.client.send(control: ControlRequest(.stepOnce, source: "key s")))
    // The two controls may be taken in either order (a step first runs the iteration, and max CG
    // then lands at the next boundary): wait for both.
    #expect(served.log.wait { $0.reports.count == 1 && $0.controls.count == 2 })
    let applied = served.log.events.controls
    #expect(applied.map(\.source) == ["key c (viewer 1, alice)", "key s (viewer 2, bob)"] || applied.map(\.source) == ["key s (viewer 2, bob)", "key c (viewer 1, alice)"])
    for viewer in [alice, bob] {
      #expect(viewer.wait { $0.sessionEvents.controls.count == 2 && $0.sessionEvents.reports.count == 1 })
      #expect(viewer.sessionEvents.controls == applied)
    }
    // A control the session refuses is answered to its sender only.
    #expect(alice.client.send(control: ControlRequest(.setLambda(-1), source: "command :lambda -1")))
    #expect(alice.wait { !$0.replies.isEmpty })
    #expect(alice.replies.first?.good == false && alice.replies.first?.text.contains("λ") == true)
    #expect(bob.replies.isEmpty)
  }

  @Test func brokenClientsAreRefusedWithoutHarmingTheSession() throws {
    let served = try ServedSession(SessionOptions(maxIterations: 60))
    defer { served.close() }
    served.session.start()
    // Garbage instead of a join.
    let garbage = try served.raw()
    #expect(garbage.write(Array("hello there\n".utf8)))
    let refusedGarbage = readFrames(garbage) { $0.contains { $0.kind == .bye } }
    #expect(refusedGarbage.last?.decode(SessionBye.self)?.reason.hasPrefix("refused") == true)
    // A frame past the limit after a valid join.
    let flood = try served.raw()
    #expect(flood.write(WireFrame(.join, message: ViewerJoin(name: "flood", mode: .watch)).bytes))
    _ = flood.write([UInt8](repeating: 0x41, count: WireProtocol.maxViewerFrame + 10))
    let refusedFlood = readFrames(flood) { $0.contains { $0.kind == .bye } }
    #expect(refusedFlood.last?.decode(SessionBye.self)?.reason.contains("longer than") == true)
    // A frame of the session's kind, sent by a viewer.
    let impostor = try served.raw()
    #expect(impostor.write(WireFrame(.join, message: ViewerJoin(name: "impostor", mode: .watch)).bytes + Array("E {}\n".utf8)))
    let refusedImpostor = readFrames(impostor) { $0.contains { $0.kind == .bye } }
    #expect(refusedImpostor.last?.decode(SessionBye.self)?.reason.hasPrefix("refused") == true)
    // Another protocol version.
    #expect(throws: SocketError.self) {
      try SessionClient.connect(path: served.socketPath, join: ViewerJoin(name: "future", mode: .watch, protocolVersion: 99))
    }
    // Cut off mid-frame, and gone before joining.
    let truncated = try served.raw()
    _ = truncated.write(WireFrame(.join, message: ViewerJoin(name: "cut", mode: .watch)).bytes + Array("C {\"control\":{\"op\"".utf8))
    truncated.close()
    try served.raw().close()
    // The session went on and a well-behaved viewer is served in full.
    #expect(served.log.waitFinished())
    let good = ClientLog(try served.client("good"))
    #expect(good.wait { $0.sessionEvents.finishedEvents.count == 1 })
    #expect(good.sessionEvents.reports.map(\.iteration) == Array(1...60))
    #expect(served.server.viewerCount == 1)
  }

  @Test func aViewerThatStopsReadingNeverHoldsTheEngineAndLosesOnlyCGSteps() throws {
    let served = try ServedSession(SessionOptions(maxIterations: 300))
    defer { served.close() }
    let stalled = try served.raw()
    #expect(stalled.write(WireFrame(.join, message: ViewerJoin(name: "asleep", mode: .watch)).bytes))
    #expect(poll { served.server.viewerCount == 1 })
    served.session.start()
    // The run finishes while this viewer reads nothing (a blocked engine would never get there).
    #expect(served.log.waitFinished(count: 1))
    let published = served.log.events
    let frames = readFrames(stalled) { frames in frames.last.flatMap { $0.recordedEvent() }.map { if case .finished = $0.event { true } else { false } } ?? false }
    let received = frames.compactMap { $0.recordedEvent()?.event }
    #expect(received.reports.map(\.iteration) == Array(1...300))
    #expect(received.filter { !$0.isCGStep } == published.filter { !$0.isCGStep })
    #expect(received.cgSteps.count < published.cgSteps.count, "the viewer was never behind: \(published.cgSteps.count) CG steps")
  }

  @Test func statusAndStopRequestsAnswerAndClose() throws {
    let served = try ServedSession(SessionOptions(maxIterations: 2))
    defer { served.close() }
    served.session.start()
    #expect(served.log.waitFinished())
    let status = try SessionClient.connect(path: served.socketPath, join: ViewerJoin(name: "probe", mode: .status))
    #expect(status.hello.status.state == "DONE" && status.hello.status.iteration == 2 && status.hello.session == "tiny-1")
    status.startReading()
    #expect(status.waitUntilClosed(timeout: 10))
    #expect(served.server.viewerCount == 0 && !served.server.hasHadViewers)
    _ = try SessionClient.connect(path: served.socketPath, join: ViewerJoin(name: "stopper", mode: .stop))
    #expect(poll { served.endRequests == ["stopper"] })
  }

  @Test func theDirectoryIsPrivateAndAKilledSessionsSocketIsStale() throws {
    let root = URL(fileURLWithPath: "/tmp/hfs-\(UUID().uuidString.prefix(8))", isDirectory: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let directory = SessionDirectory(url: root.appendingPathComponent("hfdash"))
    try directory.prepare()
    var info = stat()
    #expect(stat(directory.url.path, &info) == 0 && info.st_mode & 0o777 == 0o700)
    chmod(directory.url.path, 0o755)
    try directory.prepare()
    #expect(stat(directory.url.path, &info) == 0 && info.st_mode & 0o777 == 0o700)
    // A session killed with its socket in place: nobody listens there any more.
    let socket = try UnixSocket.listen(path: directory.socketPath("tiny-9"))
    #expect(stat(directory.socketPath("tiny-9"), &info) == 0 && info.st_mode & 0o777 == 0o600)
    socket.close()
    guard case .stale = directory.probe("tiny-9", name: "test") else {
      Issue.record("a socket nobody listens on was not found stale")
      return
    }
    #expect(directory.ids() == ["tiny-9"])
    directory.remove("tiny-9")
    #expect(directory.ids().isEmpty)
  }
}
