import Foundation
import HFEngine
import HFRecording
import HFSession

#if canImport(Glibc)
  import Glibc
#endif

/// The process that runs a session, as a host for viewers: its socket (`SessionServer`), its
/// description in the session directory, and when it ends.
///
/// Used by the session process that `run` / `--detach` start, and in-process by `train` and by
/// rank 0 of `--distributed`, so that any of them can be attached to.
// @unchecked Sendable: its mutable fields (endRequest, signals) are touched only under `lock`; the rest is immutable.
final class SessionHost: @unchecked Sendable {
  let live: LiveRun
  let server: SessionServer
  let directory: SessionDirectory
  let info: LiveSessionInfo
  private let diagnostics: DiagnosticsRunner
  private let lock = NSLock()
  private var endRequest: String?

  /// The socket and description of `live`'s session (call before `session.start()`).
  init(live: LiveRun, command: String, log logPath: String?, logLine: @escaping @Sendable (String) -> Void) throws(SocketError) {
    self.live = live
    directory = try SessionDirectory.locate()
    try directory.prepare()
    let id = SessionDirectory.sessionID(preset: live.presetName, pid: getpid())
    // A socket left by a killed session whose pid this process now has.
    if FileManager.default.fileExists(atPath: directory.socketPath(id)) {
      if case .live = directory.probe(id, name: "hfdash (starting)") {
        throw SocketError("a session with id \(id) is already listening at \(directory.socketPath(id))")
      }
      directory.remove(id)
    }
    let session = live.session
    let recorder = live.recorder
    let runner = DiagnosticsRunner(session: session)
    diagnostics = runner
    let lanczos = LanczosRunner(session: session)
    let box = EndBox()
    server = try SessionServer(
      session: session, id: id, socketPath: directory.socketPath(id), preset: live.presetName,
      recordingPath: recorder?.url.path,
      hooks: SessionServer.Hooks(
        recordingStatus: { (recorder?.badge, recorder?.error) },
        check: { reply in runner.request(notify: { reply(ViewerReply(text: $0.text, good: $0.passed)) }) },
        endRequested: { by in box.host?.requestEnd(by: by) },
        lanczos: { request, reply in
          if request.cancel {
            lanczos.cancel()
          } else {
            lanczos.request(steps: request.steps) { reply(ViewerReply(text: "", good: true, lanczos: $0)) }
          }
        }),
      log: logLine)
    info = LiveSessionInfo(
      id: id, pid: getpid(), command: command, preset: live.presetName, started: ISO8601DateFormatter().string(from: Date()),
      recording: recorder?.url.path, log: logPath)
    box.host = self
    do { try directory.write(info) } catch {
      server.close(reason: "the session could not start")
      throw error
    }
    server.start()
  }

  /// Opens the host for an in-process session; on failure says why on stderr and returns nil
  /// (training goes on, only attaching is not possible).
  static func openInProcess(live: LiveRun, command: String) -> SessionHost? {
    do { return try SessionHost(live: live, command: command, log: nil, logLine: { _ in }) } catch {
      RecordingInput.warn("no viewer can attach to this session: \(error.description).")
      return nil
    }
  }

  /// The viewer, `hfdash stop` or a signal named in `by` asked to end the session: the run is
  /// stopped through the control path (recorded with who asked), then the session ends.
  func requestEnd(by: String) {
    lock.withLock { endRequest = endRequest ?? by }
    if live.session.snapshot.state != .done {
      live.session.post(ControlRequest(.stop, source: "stop requested by \(by)"))
    }
  }

  /// Who asked the session to end, if anyone did.
  var endRequestedBy: String? { lock.withLock { endRequest } }

  /// SIGINT, SIGTERM and SIGHUP sent to this process end the session cleanly: the running
  /// iteration is abandoned, the `end` line says `signal` and names it, the final checkpoint is
  /// written; `signalEnd.exitIfSignalled()` then exits with 128 + the signal.
  func endOnSignals() {
    signalEnd = SignalEnd { [weak self] _, name in
      guard let self else { return }
      self.lock.withLock { self.endRequest = self.endRequest ?? name }
      self.live.session.close(signal: name)
    }
  }

  /// The signal handling `endOnSignals` installed.
  private(set) var signalEnd: SignalEnd?

  /// `run`'s session process: returns when the session should end — a viewer or `hfdash stop`
  /// asked, or the run is DONE and the last viewer that saw it DONE has left. A DONE run nobody
  /// has seen yet waits for a dashboard (to look, continue or restart), as the dashboard of `run`
  /// always stayed open at DONE.
  func serveUntilDone() {
    var stopAsked: Date?
    var seenDone = false
    while true {
      usleep(100_000)
      let state = live.session.snapshot.state
      if endRequestedBy != nil {
        if state == .done { return }
        let asked = stopAsked ?? Date()
        stopAsked = asked
        if Date().timeIntervalSince(asked) > 60 { return }  // LiveRun.close abandons the iteration
        continue
      }
      guard state == .done else {
        seenDone = false
        continue
      }
      if server.viewerCount > 0 {
        seenDone = true
      } else if seenDone {
        return
      }
    }
  }

  /// After the session closed and its recording was finished: says goodbye to every viewer,
  /// removes the socket and the description.
  func close() {
    signalEnd?.cancel()
    server.close(reason: "the session ended")
    directory.remove(info.id)
    // Leave no empty folders behind (a --no-record run writes nothing to the state directory).
    rmdir(directory.url.path)
    if directory.url.lastPathComponent == "run" { rmdir(directory.url.deletingLastPathComponent().path) }
  }

  /// The session process (not in-process hosts): tells the starter it is ready with one line on
  /// stderr (the pipe), then sends its own output to `logPath` from now on, closing the pipe.
  func announceReady(logPath: String?) {
    let ready = SessionReady(info: info, socket: server.socketPath)
    FileHandle.standardError.write(Data((SessionLauncher.readyPrefix + String(decoding: WireJSON.bytes(ready), as: UTF8.self) + "\n").utf8))
    let target = logPath.map { open($0, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600) } ?? -1
    let fd = target >= 0 ? target : open("/dev/null", O_WRONLY)
    dup2(fd, 1)
    dup2(fd, 2)
    if fd > 2 { Glibc.close(fd) }
  }

  /// Where a session process writes its output: `hfdash/logs/ID.log` in the state directory.
  static func logPath(preset: String) -> String? {
    guard let sessions = try? RecordingLocation.directory() else { return nil }
    let logs = sessions.deletingLastPathComponent().appendingPathComponent("logs", isDirectory: true)
    guard (try? FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)) != nil else { return nil }
    return logs.appendingPathComponent(SessionDirectory.sessionID(preset: preset, pid: getpid()) + ".log").path
  }

  /// A timestamped line for the session process's log.
  static func logLine(_ text: String) {
    FileHandle.standardError.write(Data("hfdash \(ISO8601DateFormatter().string(from: Date())): \(text)\n".utf8))
  }
}

/// Lets the server's hooks reach the host, which exists only once the server does.
// @unchecked Sendable: `host` is set once, before the server starts calling its hooks, and then only read.
private final class EndBox: @unchecked Sendable {
  weak var host: SessionHost?
}
