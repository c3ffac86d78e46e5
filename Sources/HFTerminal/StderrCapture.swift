#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Sends fd 2 to an unlinked temporary file while curses owns the screen, then replays it.
///
/// Anything written to stderr during the session (Swift runtime warnings, a library's
/// diagnostics, `FileHandle.standardError`) would otherwise be drawn over the dashboard. Only one
/// capture can be active, since fd 2 is process-wide; signal handlers and `atexit` end it too.
public final class StderrCapture {
  /// Why capturing could not start.
  public enum Failure: Error, Equatable {
    /// Another capture is active.
    case alreadyCapturing
    /// A system call failed with this `errno`.
    case system(call: String, errno: Int32)
  }

  private var active = true

  /// Redirects fd 2 to a new temporary file (in `$TMPDIR` or /tmp).
  public init() throws {
    guard TerminalSignals.savedStderr.load(ordering: .sequentiallyConsistent) < 0 else {
      throw Failure.alreadyCapturing
    }
    let directory =
      TerminalCapabilities.environment("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array("\(directory)/hfdash-stderr-XXXXXX".utf8CString)
    let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard file >= 0 else { throw Failure.system(call: "mkstemp", errno: errno) }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    fflush(nil)
    let saved = dup(2)
    guard saved >= 0 else {
      let e = errno
      close(file)
      throw Failure.system(call: "dup", errno: e)
    }
    guard dup2(file, 2) >= 0 else {
      let e = errno
      close(file)
      close(saved)
      throw Failure.system(call: "dup2", errno: e)
    }
    TerminalSignals.captureFile.store(file, ordering: .sequentiallyConsistent)
    TerminalSignals.savedStderr.store(saved, ordering: .sequentiallyConsistent)
  }

  /// Points fd 2 back at the real stderr and writes out what was captured (idempotent).
  public func restore() {
    guard active else { return }
    active = false
    fflush(nil)
    TerminalSignals.restoreStderr()
  }

  deinit { restore() }
}
