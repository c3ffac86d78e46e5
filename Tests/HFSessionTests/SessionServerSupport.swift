import Foundation
import HFEngine
import HFRecording
import HFSession

/// A tiny-preset session served on a socket in a fresh directory, with a lossless log of its events.
final class ServedSession: @unchecked Sendable {
  let directory: URL
  let session: Session
  let server: SessionServer
  let log: EventLog
  private let lock = NSLock()
  private var ends: [String] = []

  init(_ options: SessionOptions) throws {
    directory = URL(fileURLWithPath: "/tmp/hfs-\(UUID().uuidString.prefix(8))", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    session = Session(makeSetup: makeTiny, options: options)
    let box = EndRecorder()
    server = try SessionServer(
      session: session, id: "tiny-1", socketPath: directory.appendingPathComponent("tiny-1.sock").path, preset: "tiny",
      recordingPath: nil,
      hooks: SessionServer.Hooks(
        recordingStatus: { (nil, nil) }, check: { $0(ViewerReply(text: "checked", good: true)) },
        endRequested: { box.add($0) }))
    // After the server's hub: the bus delivers in subscription order, so an event this log has
    // seen is already in the hub (and in the history of a viewer that attaches after it).
    log = EventLog(session.subscribe(.lossless))
    endRecorder = box
    server.start()
  }

  private let endRecorder: EndRecorder
  /// Who asked to end the session, in order.
  var endRequests: [String] { endRecorder.all }

  var socketPath: String { server.socketPath }

  func client(_ name: String) throws -> SessionClient {
    let c = try SessionClient.connect(path: socketPath, join: ViewerJoin(name: name, mode: .watch))
    c.startReading()
    return c
  }

  /// A raw connection (for speaking broken protocol).
  func raw() throws -> UnixSocket { try UnixSocket.connect(path: socketPath) }

  func close() {
    session.close()
    _ = session.awaitClosed(timeout: 30)
    server.close(reason: "test over")
    try? FileManager.default.removeItem(at: directory)
  }
}

final class EndRecorder: @unchecked Sendable {
  private let lock = NSLock()
  private var names: [String] = []
  func add(_ name: String) { lock.withLock { names.append(name) } }
  var all: [String] { lock.withLock { names } }
}

/// Everything a client received, gathered until `condition` holds (at most `timeout` seconds).
final class ClientLog {
  let client: SessionClient
  private(set) var events: [RecordedEvent] = []
  private(set) var replies: [ViewerReply] = []
  private(set) var bye: SessionBye?
  private(set) var closed = false

  init(_ client: SessionClient) { self.client = client }

  var sessionEvents: [SessionEvent] { events.map(\.event) }

  /// Adds events taken from the client directly (before any `wait`).
  func prepend(_ taken: [RecordedEvent]) { events = taken + events }

  @discardableResult
  func wait(timeout: Double = 30, until condition: (ClientLog) -> Bool) -> Bool {
    let deadline = Date(timeIntervalSinceNow: timeout)
    while true {
      let inbox = client.take()
      events += inbox.events
      replies += inbox.replies
      if let b = inbox.bye { bye = b }
      closed = closed || inbox.closed
      if condition(self) { return true }
      if Date() > deadline || closed { return condition(self) }
      Thread.sleep(forTimeInterval: 0.01)
    }
  }
}

/// Reads frames from a raw socket until `condition` holds or the stream ends.
func readFrames(_ socket: UnixSocket, until condition: ([WireFrame]) -> Bool) -> [WireFrame] {
  var splitter = FrameSplitter(maxLength: WireProtocol.maxSessionFrame)
  let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 1)
  defer { buffer.deallocate() }
  socket.setReceiveTimeout(seconds: 30)
  var frames: [WireFrame] = []
  while !condition(frames), let line = socket.nextFrame(&splitter, buffer: buffer) {
    if let f = WireFrame.parse(line) { frames.append(f) }
  }
  return frames
}
