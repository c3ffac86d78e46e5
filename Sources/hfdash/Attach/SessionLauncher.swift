import Foundation
import HFSession

#if canImport(Glibc)
  import Glibc
#endif

/// Starts a session in a process of its own: this hfdash again, with the same arguments and
/// `--session-host`, in a new session (setsid: no controlling terminal, so a hangup of this
/// terminal never reaches it), stdin and stdout on /dev/null, stderr on a pipe until it is ready.
///
/// The child validates everything as the command always did; a bad flag or file reaches the user
/// as the same one sentence and exit code. Once its socket listens it writes one ready line and
/// moves its output to its log, which closes the pipe.
enum SessionLauncher {
  /// The session process, ready.
  struct Launched {
    var pid: pid_t
    var ready: SessionReady
  }

  /// The prefix of the ready line on the child's stderr.
  static let readyPrefix = "hfdash-session-ready "

  /// Spawns the session process for `role`; on failure relays its message and exits as it did.
  static func launch(role: SessionProcessOptions.HostRole) -> Launched {
    var arguments = Array(CommandLine.arguments.dropFirst()).filter { $0 != "--detach" }
    arguments += ["--session-host", role.rawValue]
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { fail("cannot start the session process: \(String(cString: strerror(errno)))") }
    let (readEnd, writeEnd) = (fds[0], fds[1])
    // Neither end may leak into the child beyond its stderr (the dup below), or EOF never comes.
    _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
    _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // A new session (POSIX_SPAWN_SETSID, glibc's 0x80), default dispositions for the signals this
    // process handles, and an empty signal mask: the child starts clean.
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for s in [SIGHUP, SIGINT, SIGTERM, SIGPIPE, SIGQUIT] { sigaddset(&defaults, s) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setflags(&attributes, Int16(0x80 | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    var pid: pid_t = 0
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
    close(writeEnd)
    guard spawned == 0 else {
      close(readEnd)
      fail("cannot start the session process: \(String(cString: strerror(spawned)))")
    }
    let output = readAll(readEnd)
    close(readEnd)
    for line in output.split(separator: "\n") where line.hasPrefix(readyPrefix) {
      if let ready = try? WireJSON.decoder().decode(SessionReady.self, from: Data(line.dropFirst(readyPrefix.count).utf8)) {
        return Launched(pid: pid, ready: ready)
      }
    }
    // The child failed before it was ready: its message is ours, and so is its exit status.
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    FileHandle.standardError.write(Data(output.utf8))
    if output.isEmpty { FileHandle.standardError.write(Data("hfdash: the session process ended before it was ready.\n".utf8)) }
    exit(code == 0 ? 1 : code)
  }

  /// Reaps the session process if it has ended, waiting up to `timeout` seconds.
  static func reap(_ pid: pid_t, timeout: Double) {
    let deadline = Date(timeIntervalSinceNow: timeout)
    var status: Int32 = 0
    while Date() < deadline {
      let r = waitpid(pid, &status, WNOHANG)
      if r == pid || (r < 0 && errno != EINTR) { return }
      usleep(50_000)
    }
  }

  private static func readAll(_ fd: Int32) -> String {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n > 0 {
        bytes += buffer[0..<n]
        if bytes.count > 1 << 20 { break }
      } else if n < 0 && errno == EINTR {
        continue
      } else {
        break
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// What the session process tells its starter once its socket listens.
struct SessionReady: Codable {
  var info: LiveSessionInfo
  var socket: String
}
