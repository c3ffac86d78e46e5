import Foundation
import HFEngine
import HFRecording
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A live session's door for viewers: a Unix domain socket that streams the session's events
/// (its history first) to every viewer, and takes their controls into `Session.post`, the
/// session's one control path, naming the viewer in each control's source.
///
/// Only processes of the session's own user are served (SO_PEERCRED); nothing listens on TCP.
/// Each viewer has a reader thread (its requests) and a writer thread (its frames); a viewer that
/// stops reading blocks only its writer, and loses CG-step detail past `WireProtocol.outboxCapacity`.
public final class SessionServer: Sendable {
  /// What the server asks of the process that hosts the session.
  public struct Hooks: Sendable {
    /// The recording's badge and error now (nil, nil without a recording).
    public var recordingStatus: @Sendable () -> (badge: String?, error: String?)
    /// Runs the finite-difference check and calls back with its result line.
    public var check: @Sendable (@escaping @Sendable (ViewerReply) -> Void) -> Void
    /// A viewer (named in the argument) asked to stop the run and end the session.
    public var endRequested: @Sendable (String) -> Void
    /// Starts or cancels the on-demand Lanczos run and calls back with its updates.
    public var lanczos: @Sendable (LanczosRequest, @escaping @Sendable (ViewerReply) -> Void) -> Void

    public init(
      recordingStatus: @escaping @Sendable () -> (badge: String?, error: String?),
      check: @escaping @Sendable (@escaping @Sendable (ViewerReply) -> Void) -> Void,
      endRequested: @escaping @Sendable (String) -> Void,
      lanczos: @escaping @Sendable (LanczosRequest, @escaping @Sendable (ViewerReply) -> Void) -> Void = { _, reply in
        reply(ViewerReply(text: "this session cannot run the Lanczos spectrum", good: false))
      }
    ) {
      self.recordingStatus = recordingStatus
      self.check = check
      self.endRequested = endRequested
      self.lanczos = lanczos
    }
  }

  /// The session's id, and where it listens.
  public let id: String
  public let socketPath: String
  public let recordingPath: String?
  let session: Session
  let preset: String
  let hooks: Hooks
  let hub: SessionHub
  private let listener: UnixSocket
  /// The viewers attached now and the listening state, changed together.
  private struct ViewerTable {
    var viewers: [Int: ServedViewer] = [:]
    var nextViewer = 1
    var closed = false
    var everWatched = false
  }

  private let table = Mutex(ViewerTable())
  /// Writes one line to the host's log (refused peers, bad frames).
  let log: @Sendable (String) -> Void

  /// Listens at `socketPath` (in a directory `SessionDirectory` prepared) for `session`, which
  /// must not have started yet (the history begins with its `.started`).
  public init(
    session: Session, id: String, socketPath: String, preset: String, recordingPath: String?, hooks: Hooks,
    log: @escaping @Sendable (String) -> Void = { _ in }
  ) throws(SocketError) {
    self.session = session
    self.id = id
    self.socketPath = socketPath
    self.preset = preset
    self.recordingPath = recordingPath
    self.hooks = hooks
    self.log = log
    listener = try UnixSocket.listen(path: socketPath)
    hub = SessionHub(session: session)
  }

  /// Starts serving: the hub's thread and the accepting thread.
  public func start() {
    hub.run()
    let thread = Thread { [self] in acceptLoop() }
    thread.name = "hfdash.session-accept"
    thread.start()
  }

  /// The viewers attached now.
  public var viewerCount: Int { table.withLock { $0.viewers.count } }

  /// Whether any viewer has ever attached (to watch).
  public var hasHadViewers: Bool { table.withLock { $0.everWatched } }

  /// "N name" of every viewer attached, in the order they came.
  public var viewerNames: [String] {
    table.withLock { t in t.viewers.keys.sorted().compactMap { k in t.viewers[k].map { "\(k) \($0.name)" } } }
  }

  /// After the session has closed: waits for its last events to reach every viewer's queue, says
  /// goodbye (`reason`), waits up to `timeout` seconds for the viewers to receive it, and stops
  /// listening (the socket file is removed).
  public func close(reason: String, timeout: Double = 3) {
    hub.awaitDrained(timeout: timeout)
    let all = table.withLock { t -> [ServedViewer] in
      t.closed = true
      return Array(t.viewers.values)
    }
    listener.shutdown()
    unlink(socketPath)
    for viewer in all { viewer.finish(bye: SessionBye(reason: reason, ended: true)) }
    let deadline = Date(timeIntervalSinceNow: timeout)
    for viewer in all { viewer.awaitWriter(until: deadline) }
    listener.close()
  }

  /// The status a viewer sees.
  func status(dropped: Int) -> SessionStatus {
    let snapshot = session.snapshot
    let recording = hooks.recordingStatus()
    return SessionStatus(
      state: snapshot.state.rawValue, iteration: snapshot.iteration, preset: preset, viewers: viewerNames,
      recordingBadge: recording.badge, recordingError: recording.error, dropped: dropped)
  }

  /// The greeting for viewer `number`.
  func hello(viewer number: Int, dropped: Int, history: Int? = nil) -> SessionHello {
    SessionHello(
      session: id, viewer: number, pid: getpid(), recording: recordingPath, elapsed: hub.elapsed,
      status: status(dropped: dropped), history: history, recordingFormat: RecordingHeader.formatVersion)
  }

  private func acceptLoop() {
    while let socket = listener.accept() {
      guard let uid = socket.peerUID, uid == geteuid() else {
        let who = socket.peerUID.map { "uid \($0)" } ?? "an unknown user"
        log("refused a connection from \(who): only uid \(geteuid()) may attach")
        socket.setSendTimeout(seconds: 1)
        _ = socket.write(WireFrame(.bye, message: SessionBye(reason: "refused: this session belongs to another user", ended: false)).bytes)
        socket.close()
        continue
      }
      guard !table.withLock({ $0.closed }) else {
        socket.close()
        break
      }
      ServedViewer(server: self, socket: socket).start()
    }
  }

  /// A viewer that sent a valid `watch` join: from now on it is counted and fed; its number
  /// (nil when the session is closing).
  func register(_ viewer: ServedViewer) -> Int? {
    table.withLock { t in
      guard !t.closed else { return nil }
      let number = t.nextViewer
      t.nextViewer += 1
      t.viewers[number] = viewer
      t.everWatched = true
      return number
    }
  }

  func unregister(_ viewer: ServedViewer) {
    let number = viewer.number
    _ = table.withLock { $0.viewers.removeValue(forKey: number) }
    hub.detach(viewer.outbox)
  }

  /// A control from viewer `viewer`, into the session's control path; the refusal, if any.
  func post(_ request: ControlRequest, from viewer: ServedViewer) -> String? {
    let source = request.source.isEmpty ? viewer.label : "\(request.source) (\(viewer.label))"
    return session.post(ControlRequest(request.control, source: String(source.prefix(200))))
  }
}
