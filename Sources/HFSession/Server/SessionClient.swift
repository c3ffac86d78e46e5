import Foundation
import HFRecording
import Synchronization

/// A viewer's connection to a live session: joins, then a reader thread decodes the session's
/// frames (events in the recording's encoding, status, replies, goodbye) into an inbox the UI
/// takes once per frame; requests (controls, notes, checks, end) are written by the caller.
public final class SessionClient: Sendable {
  /// What arrived since the last `take()`.
  public struct Inbox: Sendable {
    public var events: [RecordedEvent] = []
    /// The newest status, if one came.
    public var status: SessionStatus?
    public var replies: [ViewerReply] = []
    /// The session's goodbye, once it came.
    public var bye: SessionBye?
    /// Whether the connection has ended (after `bye`, or lost without one).
    public var closed = false
    /// Lines that were not events this hfdash knows (a newer session's kinds), skipped.
    public var skipped = 0
  }

  /// The session's greeting.
  public let hello: SessionHello
  private let socket: UnixSocket
  /// Serializes writes (frames from several threads must not interleave).
  private let writeLock = Mutex(())
  /// What the reader thread has handed over; `take()` and the waits read it.
  private struct Arrivals {
    var inbox = Inbox()
    var ended = false
    /// Events handed over so far (the history's count is in the greeting).
    var received = 0
  }

  private let arrivals = ConditionGuarded(Arrivals())
  /// Leftover bytes after the greeting: the reader thread starts from a copy of it.
  private let leftover: FrameSplitter

  /// Connects to the session at `path` and joins; throws one sentence when the session cannot be
  /// reached, refuses, or speaks another protocol version.
  public static func connect(path: String, join: ViewerJoin, timeoutSeconds: Int = 10) throws(SocketError) -> SessionClient {
    let socket = try UnixSocket.connect(path: path)
    socket.setReceiveTimeout(seconds: timeoutSeconds)
    socket.setSendTimeout(seconds: timeoutSeconds)
    // A refusal may come before the join is read (another user's session): the goodbye is still
    // there to read when the write fails.
    let joined = socket.write(WireFrame(.join, message: join).bytes)
    var splitter = FrameSplitter(maxLength: WireProtocol.maxSessionFrame)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 1)
    defer { buffer.deallocate() }
    guard let line = socket.nextFrame(&splitter, buffer: buffer), let frame = WireFrame.parse(line) else {
      throw SocketError(joined ? "the session at \(path) did not answer" : "the session at \(path) closed the connection at once")
    }
    if frame.kind == .bye, let bye = frame.decode(SessionBye.self) {
      throw SocketError("the session \(bye.reason)")
    }
    guard frame.kind == .hello, let hello = frame.decode(SessionHello.self) else {
      throw SocketError("the session at \(path) did not answer with a greeting")
    }
    guard hello.protocolVersion == WireProtocol.version else {
      throw SocketError("the session speaks viewer protocol \(hello.protocolVersion), this hfdash \(WireProtocol.version): attach with the hfdash that started it")
    }
    guard hello.recordingFormat <= RecordingHeader.formatVersion else {
      throw SocketError("the session writes recording format \(hello.recordingFormat), newer than this hfdash reads (\(RecordingHeader.formatVersion)); upgrade hfdash")
    }
    socket.setReceiveTimeout(seconds: 0)
    socket.setSendTimeout(seconds: 5)
    return SessionClient(socket: socket, hello: hello, splitter: splitter)
  }

  private init(socket: UnixSocket, hello: SessionHello, splitter: FrameSplitter) {
    self.socket = socket
    self.hello = hello
    leftover = splitter
  }

  deinit { socket.close() }

  /// Starts the reader thread (call once, after `connect`).
  public func startReading() {
    let thread = Thread { [self] in readLoop() }
    thread.name = "hfdash.viewer-read"
    thread.start()
  }

  /// Everything that arrived since the last call.
  public func take() -> Inbox {
    arrivals.withLock { a in
      var taken = a.inbox
      taken.closed = a.ended
      a.inbox = Inbox()
      a.inbox.bye = taken.bye
      return taken
    }
  }

  /// Waits until the session's history (as many events as its greeting announced) has arrived, the
  /// connection ends, or `timeout` seconds pass; true if the history is all here.
  public func waitForHistory(timeout: Double) -> Bool {
    guard let history = hello.history else { return true }
    arrivals.wait(until: Date(timeIntervalSinceNow: timeout)) { $0.received < history && !$0.ended }
    return arrivals.withLock { $0.received >= history }
  }

  /// Waits until the session closes the connection, or `timeout` seconds; true if it closed.
  public func waitUntilClosed(timeout: Double) -> Bool {
    arrivals.wait(until: Date(timeIntervalSinceNow: timeout)) { !$0.ended }
  }

  /// Sends a control for the session's control path (its source gains this viewer's name there).
  @discardableResult
  public func send(control request: ControlRequest) -> Bool { send(WireFrame(.control, message: request)) }

  /// Attaches a note to the running iteration.
  @discardableResult
  public func send(note: String) -> Bool { send(WireFrame(.note, message: note)) }

  /// Asks for the finite-difference check; its result comes back as a reply.
  @discardableResult
  public func requestCheck() -> Bool { send(WireFrame(.check, payload: Array("{}".utf8))) }

  /// Asks for the on-demand Lanczos run of `steps` steps; its updates come back as replies.
  @discardableResult
  public func requestLanczos(steps: Int) -> Bool { send(WireFrame(.lanczos, message: LanczosRequest(steps: steps))) }

  /// Stops the running Lanczos run.
  @discardableResult
  public func cancelLanczos() -> Bool { send(WireFrame(.lanczos, message: LanczosRequest(steps: 0, cancel: true))) }

  /// Asks the session to stop the run and end.
  @discardableResult
  public func requestEnd() -> Bool { send(WireFrame(.end, payload: Array("{}".utf8))) }

  /// Writes one frame; false when the connection is gone.
  @discardableResult
  public func send(_ frame: WireFrame) -> Bool {
    writeLock.withLock { _ in socket.write(frame.bytes) }
  }

  /// Detaches: the connection ends, the session goes on.
  public func close() {
    socket.shutdown()
  }

  private func readLoop() {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 1)
    defer { buffer.deallocate() }
    var splitter = leftover
    var batch = Inbox()
    var lastFlush = DispatchTime.now().uptimeNanoseconds
    while true {
      // Decode what is already buffered, handing it over every few hundred events (and at the end).
      let line = splitter.next()
      if line == nil { flush(&batch) }
      guard let line = line ?? socket.nextFrame(&splitter, buffer: buffer) else { break }
      guard let frame = WireFrame.parse(line) else {
        batch.skipped += 1
        continue
      }
      switch frame.kind {
      case .event:
        if let recorded = frame.recordedEvent(version: hello.recordingFormat) {
          batch.events.append(recorded)
        } else {
          batch.skipped += 1
        }
      case .status:
        if let status = frame.decode(SessionStatus.self) { batch.status = status }
      case .reply:
        if let reply = frame.decode(ViewerReply.self) { batch.replies.append(reply) }
      case .bye:
        batch.bye = frame.decode(SessionBye.self) ?? SessionBye(reason: "the session ended", ended: true)
      default:
        batch.skipped += 1
      }
      let now = DispatchTime.now().uptimeNanoseconds
      if batch.events.count >= 512 || now - lastFlush > 50_000_000 {
        flush(&batch)
        lastFlush = now
      }
    }
    flush(&batch)
    arrivals.withLock { $0.ended = true }
    arrivals.broadcast()
    socket.shutdown()
  }

  private func flush(_ batch: inout Inbox) {
    guard !batch.events.isEmpty || batch.status != nil || !batch.replies.isEmpty || batch.bye != nil || batch.skipped > 0 else {
      return
    }
    arrivals.withLock { a in
      a.inbox.events += batch.events
      a.received += batch.events.count
      if let s = batch.status { a.inbox.status = s }
      a.inbox.replies += batch.replies
      if let b = batch.bye { a.inbox.bye = b }
      a.inbox.skipped += batch.skipped
    }
    arrivals.broadcast()
    batch = Inbox()
  }
}
