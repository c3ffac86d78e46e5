import Foundation
import HFEngine
import HFRecording
import HFSession
import Testing

@Suite("Viewer throughput")
struct ViewerThroughputTests {
  @Test("a viewer receives and decodes 100 000 event frames completely and in order (rate printed, not asserted)")
  func hundredThousandFrames() throws {
    let template = try realTinyEvents()
    var expected: [RecordedEvent] = []
    expected.reserveCapacity(100_000)
    var t = 0.0
    while expected.count < 100_000 {
      for e in template where expected.count < 100_000 {
        t += 0.001
        expected.append(RecordedEvent(time: RecordingCodec.roundedTime(t), event: .engine(e)))
      }
    }
    let path = "/tmp/hfs-tp-\(UUID().uuidString.prefix(8)).sock"
    let listener = try UnixSocket.listen(path: path)
    defer {
      listener.close()
      unlink(path)
    }
    // A stand-in session: greets, then writes every frame as fast as the viewer takes them.
    let frames = expected.map { WireFrame.event($0).bytes }
    let hello = SessionHello(
      session: "bench-1", viewer: 1, pid: 1, recording: nil, elapsed: 0,
      status: SessionStatus(state: "RUNNING", iteration: 0, preset: "tiny", viewers: [], recordingBadge: nil, recordingError: nil, dropped: 0),
      recordingFormat: RecordingHeader.formatVersion)
    let writer = Thread {
      guard let peer = listener.accept() else { return }
      _ = peer.write(WireFrame(.hello, message: hello).bytes)
      var chunk: [UInt8] = []
      for f in frames {
        chunk += f
        if chunk.count > 60_000 {
          _ = peer.write(chunk)
          chunk.removeAll(keepingCapacity: true)
        }
      }
      _ = peer.write(chunk + WireFrame(.bye, message: SessionBye(reason: "done", ended: true)).bytes)
      peer.shutdown()
      peer.close()
    }
    writer.start()
    let start = DispatchTime.now().uptimeNanoseconds
    let client = try SessionClient.connect(path: path, join: ViewerJoin(name: "bench", mode: .watch))
    client.startReading()
    #expect(client.waitUntilClosed(timeout: 120))
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let inbox = client.take()
    #expect(inbox.events.count == expected.count && inbox.skipped == 0)
    // Compared as their encodings: NaN (CG's relative progress before its window fills) never equals itself.
    let received = inbox.events.map { WireFrame.event($0).bytes }
    let firstDifference = received.indices.first { $0 >= frames.count || received[$0] != frames[$0] }
    #expect(firstDifference == nil, "frame \(firstDifference ?? -1) differs")
    #expect(inbox.bye?.reason == "done")
    let bytes = frames.reduce(0) { $0 + $1.count }
    print("viewer throughput: \(expected.count) events (\(bytes / 1024) KiB) in \(String(format: "%.2f", seconds)) s = \(Int(Double(expected.count) / seconds)) events/s")
  }
}
