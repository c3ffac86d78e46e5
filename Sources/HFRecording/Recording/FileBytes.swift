import Foundation

/// Whole-file and partial reads with errors in one sentence.
enum FileBytes {
  /// The whole file.
  static func read(_ path: String) throws(RecordingError) -> [UInt8] {
    let fd = try open(path)
    defer { close(fd) }
    var st = stat()
    fstat(fd, &st)
    if (st.st_mode & S_IFMT) == S_IFDIR { throw RecordingError("\(path) is a directory, not a file.") }
    // Only regular files: a FIFO would block, a device (/dev/zero) would never end.
    if (st.st_mode & S_IFMT) != S_IFREG { throw RecordingError("\(path) is not a regular file.") }
    // One spare byte, so reading to the end (a 0-byte read) needs no reallocation.
    var out = [UInt8](repeating: 0, count: Int(st.st_size) + 1)
    var filled = 0
    while true {
      if filled == out.count { out.append(contentsOf: [UInt8](repeating: 0, count: Swift.max(4096, out.count / 2))) }
      let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
      if n < 0 {
        if errno == EINTR { continue }
        throw RecordingError("\(path) cannot be read (\(String(cString: strerror(errno)))).")
      }
      if n == 0 { break }
      filled += n
    }
    out.removeSubrange(filled...)
    return out
  }

  /// Opens `path` for reading.
  static func open(_ path: String) throws(RecordingError) -> Int32 {
    // Non-blocking, so opening a FIFO returns at once (its kind is refused after fstat).
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    if fd < 0 {
      if errno == ENOENT { throw RecordingError("\(path) does not exist.") }
      throw RecordingError("\(path) cannot be opened (\(String(cString: strerror(errno)))).")
    }
    return fd
  }

  /// Up to `count` bytes from `offset`.
  static func read(_ fd: Int32, offset: Int, count: Int) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, count - filled, off_t(offset + filled)) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      filled += n
    }
    out.removeSubrange(filled...)
    return out
  }

  /// The size of an open file.
  static func size(_ fd: Int32) -> Int {
    var st = stat()
    return fstat(fd, &st) == 0 ? Int(st.st_size) : 0
  }

  /// Writes all of `bytes` to a new file and flushes it to disk.
  static func writeNew(_ path: String, _ bytes: [UInt8]) throws(RecordingError) {
    let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    if fd < 0 { throw RecordingError("Cannot create \(path) (\(String(cString: strerror(errno)))).") }
    defer { close(fd) }
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { throw RecordingError("Cannot write \(path) (\(String(cString: strerror(errno)))).") }
      offset += n
    }
    if fsync(fd) != 0 { throw RecordingError("Cannot flush \(path) to disk (\(String(cString: strerror(errno)))).") }
  }
}
