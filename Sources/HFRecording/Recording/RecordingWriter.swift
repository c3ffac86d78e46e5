import Dispatch
import Foundation

/// Appends events to a recording file as they happen: each line goes out whole in one `write(2)`,
/// unbuffered, so a crash or `kill -9` loses at most the line being written.
///
/// Writes happen on the caller's thread. A failed write (disk full, the file removed) never
/// throws: the writer keeps the reason in `lastError`, stops writing, and what was written
/// before stays readable.
public final class RecordingWriter: @unchecked Sendable {
  /// The file being written.
  public let path: String
  private let lock = NSLock()
  private var fd: Int32
  private var failure: String?
  private var lines = 0
  private var bytes = 0
  /// Device and inode of the file when opened; a path that no longer leads there means it was removed.
  private let identity: (dev: UInt64, ino: UInt64)?
  private let startNanoseconds = DispatchTime.now().uptimeNanoseconds
  private let timeOffset: Double

  /// Creates a new recording at `url` (its directory too, if needed) and writes the header line.
  /// Refuses to overwrite an existing file. `timeOffset` is added to the writer's clock.
  public convenience init(creating url: URL, header: RecordingHeader, timeOffset: Double = 0) throws(RecordingError) {
    let directory = url.deletingLastPathComponent().path
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw RecordingError("Cannot create the recordings directory \(directory): \(error.localizedDescription)")
    }
    let fd = Glibc.open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
    if fd < 0 {
      let reason = errno == EEXIST ? "the file already exists" : String(cString: strerror(errno))
      throw RecordingError("Cannot create the recording \(url.path): \(reason).")
    }
    self.init(fileDescriptor: fd, path: url.path, header: header, timeOffset: timeOffset)
  }

  /// Writes to an already open descriptor (which the writer then owns and closes); writes
  /// `header` first when given. A header that cannot be written leaves the writer failed.
  public init(fileDescriptor: Int32, path: String, header: RecordingHeader?, timeOffset: Double = 0) {
    fd = fileDescriptor
    self.path = path
    self.timeOffset = timeOffset
    var st = stat()
    identity = fstat(fileDescriptor, &st) == 0 ? (UInt64(st.st_dev), UInt64(st.st_ino)) : nil
    if let header { write(RecordingCodec.headerLine(header)) }
  }

  deinit { if fd >= 0 { Glibc.close(fd) } }

  /// Seconds since the writer was created (plus its time offset): the time `append` uses by default.
  public var elapsed: Double {
    timeOffset + Double(DispatchTime.now().uptimeNanoseconds - startNanoseconds) / 1e9
  }

  /// Records an event at `time` seconds since the start (default: now, by the writer's clock).
  public func append(_ event: SessionEvent, time: Double? = nil) {
    append(RecordedEvent(time: time ?? elapsed, event: event))
  }

  /// Records an event with its time.
  public func append(_ recorded: RecordedEvent) {
    write(RecordingCodec.line(for: recorded))
  }

  /// Why writing stopped (nil while the recording is healthy).
  public var lastError: String? { lock.withLock { failure } }
  /// Whether a write failed and the writer stopped.
  public var isFailed: Bool { lastError != nil }
  /// Lines written so far, the header included.
  public var linesWritten: Int { lock.withLock { lines } }
  /// Bytes written so far.
  public var bytesWritten: Int { lock.withLock { bytes } }

  /// Closes the file; later appends are ignored.
  public func close() {
    lock.withLock {
      if fd >= 0 { Glibc.close(fd) }
      fd = -1
    }
  }

  private func write(_ line: [UInt8]) {
    lock.withLock {
      guard fd >= 0, failure == nil else { return }
      if let problem = pathProblem() {
        fail(problem)
        return
      }
      let ok = line.withUnsafeBytes { raw -> Bool in
        var offset = 0
        while offset < raw.count {
          let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
          if n < 0 {
            if errno == EINTR { continue }
            fail("writing \(path) failed (\(String(cString: strerror(errno))))")
            return false
          }
          if n == 0 {
            fail("writing \(path) failed (no bytes written)")
            return false
          }
          offset += n
          bytes += n
        }
        return true
      }
      if ok { lines += 1 }
    }
  }

  /// Whether the path still names the file being written.
  private func pathProblem() -> String? {
    guard let identity else { return nil }
    var st = stat()
    if stat(path, &st) != 0 { return "the recording \(path) was removed" }
    if UInt64(st.st_dev) != identity.dev || UInt64(st.st_ino) != identity.ino {
      return "the recording \(path) was replaced by another file"
    }
    return nil
  }

  private func fail(_ message: String) {
    failure = message + "; recording stopped."
    Glibc.close(fd)
    fd = -1
  }
}
