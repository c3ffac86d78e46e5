import Foundation
import HFRecording

#if canImport(Glibc)
  import Glibc
#endif

/// Where live sessions listen: `$XDG_RUNTIME_DIR/hfdash/` (else `hfdash/run/` in the state
/// directory), mode 0700, owned by the user; per session a socket `ID.sock` (0600) and a
/// description `ID.json`.
public struct SessionDirectory: Sendable {
  public let url: URL

  public init(url: URL) { self.url = url }

  /// The directory for `environment`; one sentence when neither runtime nor state dir is known.
  public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(SocketError) -> SessionDirectory {
    if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
      return SessionDirectory(url: URL(fileURLWithPath: runtime, isDirectory: true).appendingPathComponent("hfdash", isDirectory: true))
    }
    do {
      let sessions = try RecordingLocation.directory(environment: environment)
      return SessionDirectory(url: sessions.deletingLastPathComponent().appendingPathComponent("run", isDirectory: true))
    } catch {
      throw SocketError("Cannot choose a place for session sockets: set XDG_RUNTIME_DIR (or XDG_STATE_HOME or HOME).")
    }
  }

  /// Creates the directory (0700) if needed; refuses one owned by another user or that is not a
  /// directory, and tightens a looser mode of our own.
  public func prepare() throws(SocketError) {
    let path = url.path
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    } catch {
      throw SocketError("cannot create \(url.deletingLastPathComponent().path): \(error.localizedDescription)")
    }
    if mkdir(path, 0o700) != 0 && errno != EEXIST {
      throw SocketError("cannot create \(path): \(errnoText())")
    }
    var info = stat()
    guard lstat(path, &info) == 0 else { throw SocketError("cannot read \(path): \(errnoText())") }
    guard (info.st_mode & S_IFMT) == S_IFDIR else { throw SocketError("\(path) is not a directory; remove it") }
    guard info.st_uid == geteuid() else {
      throw SocketError("\(path) belongs to uid \(info.st_uid), not to you (uid \(geteuid())); refusing to put session sockets there")
    }
    if info.st_mode & 0o077 != 0 {
      guard chmod(path, 0o700) == 0 else { throw SocketError("cannot make \(path) private (mode 0700): \(errnoText())") }
    }
  }

  public func socketPath(_ id: String) -> String { url.appendingPathComponent(id + ".sock").path }
  public func infoPath(_ id: String) -> String { url.appendingPathComponent(id + ".json").path }

  /// A session id: the preset (letters, digits, `.`, `_`, `-`) and the session's pid ("curves-48213").
  public static func sessionID(preset: String, pid: Int32) -> String {
    let safe = String(preset.unicodeScalars.map { s -> Character in
      (s.isASCII && (CharacterSet.alphanumerics.contains(s) || s == "." || s == "_" || s == "-")) ? Character(s) : "_"
    }.prefix(40))
    return (safe.isEmpty ? "session" : safe) + "-\(pid)"
  }

  /// Writes `info` as `ID.json` (0600, replaced atomically).
  public func write(_ info: LiveSessionInfo) throws(SocketError) {
    let path = infoPath(info.id)
    let temporary = path + ".tmp"
    let bytes = WireJSON.bytes(info) + [0x0A]
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw SocketError("cannot write \(temporary): \(errnoText())") }
    let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    Glibc.close(fd)
    guard written == bytes.count, rename(temporary, path) == 0 else {
      unlink(temporary)
      throw SocketError("cannot write \(path): \(errnoText())")
    }
  }

  /// Removes a session's socket and description.
  public func remove(_ id: String) {
    unlink(socketPath(id))
    unlink(infoPath(id))
  }

  /// The ids that have a socket or a description here, in no particular order.
  public func ids() -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return [] }
    var ids = Set<String>()
    for name in names {
      if name.hasSuffix(".sock") { ids.insert(String(name.dropLast(5))) }
      if name.hasSuffix(".json") { ids.insert(String(name.dropLast(5))) }
    }
    return Array(ids)
  }

  /// The description of session `id`, if it has a readable one.
  public func info(_ id: String) -> LiveSessionInfo? {
    guard let data = FileManager.default.contents(atPath: infoPath(id)), data.count < 1 << 16 else { return nil }
    return try? WireJSON.decoder().decode(LiveSessionInfo.self, from: data)
  }

  /// Asks session `id` for its status. A socket nobody listens on (its session was killed) is
  /// `.stale`; the caller cleans it with `remove`.
  public func probe(_ id: String, name: String) -> Probe {
    let path = socketPath(id)
    do {
      let client = try SessionClient.connect(path: path, join: ViewerJoin(name: name, mode: .status), timeoutSeconds: 3)
      client.close()
      return .live(client.hello)
    } catch {
      if error.code == ECONNREFUSED || error.code == ENOENT { return .stale }
      return .unreachable(error.description)
    }
  }

  /// What asking a session for its status found.
  public enum Probe: Sendable {
    case live(SessionHello)
    /// Nothing listens on the socket any more: the session is gone.
    case stale
    case unreachable(String)
  }
}

/// A live session's description beside its socket (`ID.json`).
public struct LiveSessionInfo: Codable, Sendable, Equatable {
  public var id: String
  public var pid: Int32
  /// "run" or "train".
  public var command: String
  public var preset: String
  /// When it started, ISO 8601 UTC.
  public var started: String
  public var recording: String?
  /// Where a detached session's output goes.
  public var log: String?

  public init(id: String, pid: Int32, command: String, preset: String, started: String, recording: String?, log: String?) {
    self.id = id
    self.pid = pid
    self.command = command
    self.preset = preset
    self.started = started
    self.recording = recording
    self.log = log
  }
}
