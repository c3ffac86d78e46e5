import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A Unix domain stream socket: blocking, close-on-exec, no SIGPIPE (writes use MSG_NOSIGNAL).
///
/// The thin layer between the session server / viewer client and the kernel; every call either
/// succeeds or throws a `SocketError` whose text is one sentence.
// @unchecked Sendable: `fd` changes only in close(), under `closeLock`; the kernel serializes calls on it.
public final class UnixSocket: @unchecked Sendable {
  /// The descriptor; -1 once closed.
  public private(set) var fd: Int32
  private let closeLock = NSLock()

  init(fd: Int32) { self.fd = fd }

  deinit { close() }

  /// The longest path `sockaddr_un` holds (107 bytes on Linux, plus the terminating zero).
  public static let maxPathLength = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

  /// A socket listening at `path` (which must not exist), mode 0600.
  public static func listen(path: String, backlog: Int32 = 16) throws(SocketError) -> UnixSocket {
    let socket = try make()
    var address = try socketAddress(path)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket.fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard bound == 0 else { throw SocketError("cannot listen at \(path): \(errnoText())") }
    // The directory is 0700 already; the socket itself is 0600 as well.
    guard chmod(path, 0o600) == 0, Glibc.listen(socket.fd, backlog) == 0 else {
      let text = errnoText()
      unlink(path)
      throw SocketError("cannot listen at \(path): \(text)")
    }
    return socket
  }

  /// A socket connected to the listener at `path`.
  public static func connect(path: String) throws(SocketError) -> UnixSocket {
    let socket = try make()
    var address = try socketAddress(path)
    let r = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(socket.fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard r == 0 else { throw SocketError(errno: errno, "cannot connect to \(path): \(errnoText())") }
    return socket
  }

  /// Waits for the next connection; nil once the socket was closed or shut down.
  public func accept() -> UnixSocket? {
    while true {
      let listening = closeLock.withLock { fd }
      guard listening >= 0 else { return nil }
      let client = Glibc.accept(listening, nil, nil)
      if client >= 0 {
        _ = fcntl(client, F_SETFD, FD_CLOEXEC)  // a session process's children must not keep viewers' sockets
        return UnixSocket(fd: client)
      }
      switch errno {
      case EINTR, ECONNABORTED, EPROTO: continue
      case EMFILE, ENFILE, ENOBUFS, ENOMEM:
        usleep(50_000)  // out of descriptors for now: back off instead of spinning
        continue
      default: return nil
      }
    }
  }

  /// The user id of the process at the other end (SO_PEERCRED), nil if the kernel does not say.
  public var peerUID: uid_t? {
    var credentials = PeerCredentials()
    var length = socklen_t(MemoryLayout<PeerCredentials>.size)
    let r = getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length)
    guard r == 0, length == socklen_t(MemoryLayout<PeerCredentials>.size) else { return nil }
    return credentials.uid
  }

  /// Reads what is there (at most `into.count` bytes); 0 at the end of the stream, nil on an error.
  public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
    while true {
      let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
      if n >= 0 { return n }
      if errno == EINTR { continue }
      return nil
    }
  }

  /// Writes every byte (blocking while the peer's buffer is full); false once the peer is gone.
  public func write(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
        if n > 0 {
          offset += n
        } else if n < 0 && errno == EINTR {
          continue
        } else {
          return false
        }
      }
      return true
    }
  }

  /// Sets how long a blocking write may wait before failing (0: for ever).
  public func setSendTimeout(seconds: Int) {
    var t = timeval(tv_sec: seconds, tv_usec: 0)
    _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &t, socklen_t(MemoryLayout<timeval>.size))
  }

  /// Wakes every thread blocked on this socket (reads see the end, accept returns) without
  /// releasing the descriptor, so no other thread can meet a reused number.
  public func shutdown() {
    closeLock.withLock {
      if fd >= 0 { _ = Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
    }
  }

  /// Releases the descriptor (once).
  public func close() {
    closeLock.withLock {
      if fd >= 0 {
        _ = Glibc.close(fd)
        fd = -1
      }
    }
  }

  private static func make() throws(SocketError) -> UnixSocket {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw SocketError("cannot create a Unix socket: \(errnoText())") }
    return UnixSocket(fd: fd)
  }

  private static func socketAddress(_ path: String) throws(SocketError) -> sockaddr_un {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    guard !bytes.isEmpty, bytes.count <= maxPathLength else {
      throw SocketError("the socket path \(path) is longer than the \(maxPathLength) bytes a Unix socket allows; set XDG_RUNTIME_DIR to a shorter directory.")
    }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      raw.copyBytes(from: bytes)
      raw[bytes.count] = 0
    }
    return address
  }
}

/// Linux's `struct ucred` (pid, uid, gid), which Glibc's module does not export.
struct PeerCredentials {
  var pid: pid_t = 0
  var uid: uid_t = 0
  var gid: gid_t = 0
}

/// A socket call that failed, as one sentence.
public struct SocketError: Error, CustomStringConvertible, Sendable {
  public let description: String
  /// The errno behind it (0 when none).
  public let code: Int32
  public init(errno code: Int32 = 0, _ description: String) {
    self.description = description
    self.code = code
  }
}

/// `strerror(errno)` as a string.
func errnoText(_ code: Int32 = errno) -> String {
  String(cString: strerror(code))
}

extension UnixSocket {
  /// Sets how long a blocking read may wait before failing (0: for ever).
  public func setReceiveTimeout(seconds: Int) {
    var t = timeval(tv_sec: seconds, tv_usec: 0)
    _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &t, socklen_t(MemoryLayout<timeval>.size))
  }

  /// The next frame from `splitter`, reading more as needed; nil at the end of the stream, on a
  /// read error or timeout, or when the splitter refused an oversized frame (see its `failure`).
  public func nextFrame(_ splitter: inout FrameSplitter, buffer: UnsafeMutableRawBufferPointer) -> ArraySlice<UInt8>? {
    while true {
      if let line = splitter.next() { return line }
      if splitter.failure != nil { return nil }
      guard let n = read(into: buffer), n > 0 else { return nil }
      splitter.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
    }
  }
}
