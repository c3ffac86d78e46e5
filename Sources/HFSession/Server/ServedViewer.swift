import Foundation
import HFRecording
import Synchronization

/// One viewer's connection, on the session's side: a reader thread that takes its join and its
/// requests, and a writer thread that sends the greeting, the history, then live frames.
///
/// A broken client (no join within 10 s, a frame that is not the protocol, a frame over
/// `WireProtocol.maxViewerFrame`) is told why in a `B` frame and disconnected; the session and
/// the other viewers are not affected. The descriptor is released when both threads are done.
final class ServedViewer: Sendable {
  /// Who the viewer is: set by its reader thread, read by others (the server's viewer list).
  private struct Identity {
    /// The viewer's number once it joined to watch (0 before, and for status and stop requests).
    var number = 0
    /// Who the viewer says it is (set from its join, before it is registered).
    var name = "?"
  }

  private let identity = Mutex(Identity())
  let outbox = FrameOutbox(capacity: WireProtocol.outboxCapacity)
  // Strong: the server lives as long as any of its viewers' threads (unregistering breaks the cycle).
  private let server: SessionServer
  private let socket: UnixSocket
  private let writerDone = DispatchSemaphore(value: 0)
  /// The reader and writer threads not yet done (the last one closes the socket).
  private let threadsRunning = Mutex(2)

  /// The viewer's number once it joined to watch (0 before, and for status and stop requests).
  var number: Int { identity.withLock { $0.number } }
  /// Who the viewer says it is ("?" before its join).
  var name: String { identity.withLock { $0.name } }

  /// How controls from this viewer are signed: "viewer 2, alice@host pts/3" ("alice@host pts/3"
  /// for `hfdash stop`).
  var label: String { identity.withLock { i in i.number > 0 ? "viewer \(i.number), \(i.name)" : i.name } }

  init(server: SessionServer, socket: UnixSocket) {
    self.server = server
    self.socket = socket
  }

  /// Starts the reader thread (the writer starts once the viewer has joined to watch).
  func start() {
    let thread = Thread { [self] in readLoop() }
    thread.name = "hfdash.viewer-read"
    thread.start()
  }

  /// Sends `bye` after whatever is queued, then ends the connection.
  func finish(bye: SessionBye) {
    outbox.push(WireFrame(.bye, message: bye).bytes, isCGStep: false)
    outbox.close()
  }

  /// Waits until the writer has sent everything (or `deadline`).
  func awaitWriter(until deadline: Date) {
    let wait = max(0, deadline.timeIntervalSinceNow)
    if writerDone.wait(timeout: .now() + wait) == .success { writerDone.signal() }
  }

  // MARK: reading

  private func readLoop() {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 << 10, alignment: 1)
    defer {
      buffer.deallocate()
      threadDone()
    }
    var splitter = FrameSplitter(maxLength: WireProtocol.maxViewerFrame)
    socket.setReceiveTimeout(seconds: 10)
    guard let first = socket.nextFrame(&splitter, buffer: buffer) else {
      refuseBeforeJoin(splitter.failure != nil ? "refused: a frame longer than \(WireProtocol.maxViewerFrame) bytes" : nil)
      return
    }
    guard let frame = WireFrame.parse(first), frame.kind == .join, let join = frame.decode(ViewerJoin.self) else {
      refuseBeforeJoin("refused: the first frame must be a join (J)")
      return
    }
    guard join.protocolVersion == WireProtocol.version else {
      refuseBeforeJoin(
        "refused: viewer protocol version \(join.protocolVersion), this session speaks \(WireProtocol.version) (use the same hfdash for both)")
      return
    }
    let name = Self.clean(join.name)
    identity.withLock { $0.name = name }
    socket.setReceiveTimeout(seconds: 0)
    switch join.mode {
    case .status, .stop:
      if join.mode == .stop { server.hooks.endRequested(label) }
      let reason = join.mode == .stop ? "stopping the session" : "status only"
      _ = socket.write(WireFrame(.hello, message: server.hello(viewer: number, dropped: 0)).bytes)
      _ = socket.write(WireFrame(.bye, message: SessionBye(reason: reason, ended: false)).bytes)
      socket.shutdown()
      writerDone.signal()
      threadDone()  // the writer never ran
      return
    case .watch:
      break
    }
    guard let number = server.register(self) else {
      refuseBeforeJoin("the session is ending")
      return
    }
    identity.withLock { $0.number = number }
    server.log("viewer \(number) attached (\(name))")
    let history = server.hub.attach(outbox)
    let writer = Thread { [self] in writeLoop(history: history) }
    writer.name = "hfdash.viewer-\(number)-write"
    writer.start()
    var refusal: String?
    while let line = socket.nextFrame(&splitter, buffer: buffer) {
      if let problem = handle(line) {
        refusal = problem
        break
      }
    }
    if refusal == nil, splitter.failure != nil { refusal = "refused: a frame longer than \(WireProtocol.maxViewerFrame) bytes" }
    server.unregister(self)
    if let refusal {
      server.log("viewer \(number) (\(name)) disconnected: \(refusal)")
      finish(bye: SessionBye(reason: refusal, ended: false))
      awaitWriter(until: Date(timeIntervalSinceNow: 2))
    } else {
      server.log("viewer \(number) detached (\(name))")
      outbox.close()
    }
    socket.shutdown()
  }

  /// Carries out one request; returns why the viewer is refused, if it is.
  private func handle(_ line: ArraySlice<UInt8>) -> String? {
    guard let frame = WireFrame.parse(line) else { return "refused: a frame that is not the viewer protocol" }
    switch frame.kind {
    case .control:
      guard let request = frame.decode(ControlRequest.self) else { return "refused: a control that cannot be read" }
      if let error = server.post(request, from: self) { reply(ViewerReply(text: error, good: false)) }
    case .note:
      guard let text = frame.decode(String.self) else { return "refused: a note that cannot be read" }
      let trimmed = String(text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(500))
      if !trimmed.isEmpty { server.session.addNote(trimmed) }
    case .check:
      server.hooks.check { [weak self] reply in self?.reply(reply) }
    case .lanczos:
      guard let request = frame.decode(LanczosRequest.self) else { return "refused: a Lanczos request that cannot be read" }
      server.hooks.lanczos(request) { [weak self] reply in self?.reply(reply) }
    case .end:
      server.hooks.endRequested(label)
    case .join:
      break  // already joined
    case .event, .hello, .status, .reply, .bye:
      return "refused: a session frame sent by a viewer"
    }
    return nil
  }

  private func reply(_ reply: ViewerReply) {
    outbox.push(WireFrame(.reply, message: reply).bytes, isCGStep: false)
  }

  private func refuseBeforeJoin(_ reason: String?) {
    if let reason {
      server.log("refused a connection: \(reason)")
      socket.setSendTimeout(seconds: 1)
      _ = socket.write(WireFrame(.bye, message: SessionBye(reason: reason, ended: false)).bytes)
    }
    socket.shutdown()
    writerDone.signal()
    threadDone()  // the writer never ran
  }

  // MARK: writing

  private func writeLoop(history: [RecordedEvent]) {
    defer {
      socket.shutdown()
      writerDone.signal()
      threadDone()
    }
    var lastStatus = server.status(dropped: 0)
    guard socket.write(WireFrame(.hello, message: server.hello(viewer: number, dropped: 0, history: history.count)).bytes) else { return }
    var chunk: [UInt8] = []
    chunk.reserveCapacity(64 << 10)
    for recorded in history {
      chunk += WireFrame.event(recorded).bytes
      if chunk.count >= 60 << 10 {
        guard socket.write(chunk) else { return }
        chunk.removeAll(keepingCapacity: true)
      }
    }
    guard chunk.isEmpty || socket.write(chunk) else { return }
    var statusTime = DispatchTime.now().uptimeNanoseconds
    while true {
      let (bytes, finished) = outbox.take(timeout: 1)
      if !bytes.isEmpty {
        guard socket.write(bytes) else { return }
      }
      if finished { return }
      // Status (viewers, recording, drops) at most once a second: it reads the session's lock.
      let now = DispatchTime.now().uptimeNanoseconds
      guard now - statusTime >= 1_000_000_000 else { continue }
      statusTime = now
      let status = server.status(dropped: outbox.droppedCount)
      if status != lastStatus {
        guard socket.write(WireFrame(.status, message: status).bytes) else { return }
        lastStatus = status
      }
    }
  }

  private func threadDone() {
    let last = threadsRunning.withLock { running -> Bool in
      running -= 1
      return running == 0
    }
    if last { socket.close() }
  }

  /// A viewer's name as shown to others: printable, at most 60 characters.
  static func clean(_ name: String) -> String {
    let printable = String(name.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
    let trimmed = printable.trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty ? "unnamed" : String(trimmed.prefix(60))
  }
}
