import CNCurses
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Process-wide state that lets signal handlers and `atexit` put the terminal back.
///
/// Policy (decided here, relied on by the UI loop):
/// - SIGINT, SIGTERM, SIGHUP only record the signal in `pending`; the UI loop polls
///   `TerminalScreen.pendingSignal` after every `readKey` (at most one frame timeout later) and
///   quits through the normal path, which restores the terminal from the UI thread. A signal
///   interrupts `wget_wch`'s wait, so the loop usually notices at once.
/// - A second quit signal while one is still pending means the loop is stuck: the handler then
///   calls `endwin`, restores fd 2 (replaying captured stderr) and `_exit(128 + signal)`.
/// - SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP (a crash anywhere, e.g. in the engine):
///   restore the terminal, reinstall the previous handler (the Swift runtime's backtracer or the
///   default) and let the fault happen again, so the crash report lands on a sane terminal.
/// - `atexit` restores too, so `exit()` from any code path leaves the terminal usable.
///
/// `endwin` is not on POSIX's async-signal-safe list; calling it from a handler on the way out
/// is the usual curses practice (htop does the same) and is only done when the process is about
/// to die. Everything else the handlers touch is lock-free atomics and plain syscalls.
enum TerminalSignals {
  /// The quit signal waiting for the UI loop, 0 if none.
  static let pending = Atomic<Int32>(0)
  /// Curses owns the screen (between `initscr` and `endwin`).
  static let cursesActive = Atomic<Bool>(false)
  /// The real stderr, `dup`ed while fd 2 points at the capture file; -1 when not capturing.
  static let savedStderr = Atomic<Int32>(-1)
  /// The capture file's descriptor (its path is already unlinked); -1 when not capturing.
  static let captureFile = Atomic<Int32>(-1)
  /// The handlers are installed.
  private static let installed = Atomic<Bool>(false)
  /// The `atexit` hook is registered (once per process).
  private static let atexitRegistered = Atomic<Bool>(false)

  /// The dispositions in force before `install()`, indexed by signal number. Written only by
  /// `install()` before the handlers go live and by nothing afterwards; read by the handlers.
  nonisolated(unsafe) private static let previous = UnsafeMutablePointer<sigaction>.allocate(
    capacity: Int(maxSignal) + 1)
  private static let maxSignal: Int32 = 64

  private static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
  private static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

  /// Installs the quit and crash handlers (idempotent); call on the UI thread before `initscr`,
  /// so ncurses sees them and does not install its own SIGINT/SIGTERM handlers.
  static func install() {
    guard !installed.exchange(true, ordering: .sequentiallyConsistent) else { return }
    // Touch every static the handlers use so their lazy initialisation never runs in a handler.
    _ = pending.load(ordering: .relaxed)
    _ = cursesActive.load(ordering: .relaxed)
    _ = savedStderr.load(ordering: .relaxed)
    _ = captureFile.load(ordering: .relaxed)
    _ = previous
    for sig in quitSignals { setHandler(sig, quit: true) }
    for sig in crashSignals { setHandler(sig, quit: false) }
  }

  /// Puts back the dispositions saved by `install()` (idempotent).
  static func uninstall() {
    guard installed.exchange(false, ordering: .sequentiallyConsistent) else { return }
    for sig in quitSignals + crashSignals { sigaction(sig, previous + Int(sig), nil) }
  }

  /// Registers the `atexit` hook once per process.
  static func registerAtExit() {
    guard !atexitRegistered.exchange(true, ordering: .sequentiallyConsistent) else { return }
    atexit { TerminalSignals.emergencyRestore() }
  }

  /// Ends curses and gives fd 2 back, from any thread or a signal handler; idempotent.
  static func emergencyRestore() {
    if cursesActive.exchange(false, ordering: .sequentiallyConsistent) { _ = endwin() }
    restoreStderr()
  }

  /// Points fd 2 back at the real stderr and replays what was captured; idempotent.
  static func restoreStderr() {
    let saved = savedStderr.exchange(-1, ordering: .sequentiallyConsistent)
    guard saved >= 0 else { return }
    _ = dup2(saved, 2)
    _ = close(saved)
    let file = captureFile.exchange(-1, ordering: .sequentiallyConsistent)
    guard file >= 0 else { return }
    replay(file, to: 2)
    _ = close(file)
  }

  /// Copies a file from its start to `target` with `read`/`write` and a stack buffer.
  private static func replay(_ file: Int32, to target: Int32) {
    guard lseek(file, 0, SEEK_SET) == 0 else { return }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 512) { buffer in
      guard let base = buffer.baseAddress else { return }
      while true {
        let n = read(file, base, buffer.count)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return }
        var offset = 0
        while offset < n {
          let w = write(target, base + offset, n - offset)
          if w < 0 && errno == EINTR { continue }
          guard w > 0 else { return }
          offset += w
        }
      }
    }
  }

  private static func setHandler(_ sig: Int32, quit: Bool) {
    var action = sigaction()
    sigemptyset(&action.sa_mask)
    if quit {
      action.__sigaction_handler.sa_handler = { sig in TerminalSignals.handleQuit(sig) }
      action.sa_flags = SA_RESTART
    } else {
      action.__sigaction_handler.sa_sigaction = { sig, info, _ in
        TerminalSignals.handleCrash(sig, code: info?.pointee.si_code ?? 0)
      }
      action.sa_flags = SA_SIGINFO | SA_ONSTACK
    }
    sigaction(sig, &action, previous + Int(sig))
  }

  private static func handleQuit(_ sig: Int32) {
    if pending.exchange(sig, ordering: .sequentiallyConsistent) != 0 {
      emergencyRestore()
      _exit(128 + sig)
    }
  }

  private static func handleCrash(_ sig: Int32, code: Int32) {
    emergencyRestore()
    sigaction(sig, previous + Int(sig), nil)
    // A fault from the kernel (code > 0) recurs when the instruction is retried on return;
    // a sent signal (kill, raise, abort: code <= 0) has to be raised again.
    if code <= 0 { raise(sig) }
  }
}
