import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// SIGINT, SIGTERM and SIGHUP as a clean end of a headless run (`train`, the session process of
/// `run`): the first one calls `action` with the signal and its name — which closes the session,
/// so the recording gets its `end` line (reason `signal`) and its final checkpoint — and the
/// command, once it has cleaned up, exits with 128 + the signal (`exitIfSignalled`) as shells expect.
// @unchecked Sendable: `received` only under `lock`; `sources` set in init and cleared by `cancel()` on the thread that made it.
final class SignalEnd: @unchecked Sendable {
  /// The signals that end a run.
  static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
  private let lock = NSLock()
  private var received: Int32?
  private var sources: [DispatchSourceSignal] = []

  /// Handles the three signals from now on (their default action is replaced).
  init(_ action: @escaping @Sendable (_ signal: Int32, _ name: String) -> Void) {
    for sig in Self.signals {
      Glibc.signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler { [weak self] in
        guard let self else { return }
        let first = self.lock.withLock {
          defer { self.received = self.received ?? sig }
          return self.received == nil
        }
        if first { action(sig, Self.name(sig)) }
      }
      source.resume()
      sources.append(source)
    }
  }

  /// The signal received, if any.
  var receivedSignal: Int32? { lock.withLock { received } }

  /// Stops handling (signals stay ignored: the run is over and is being written out).
  func cancel() {
    for source in sources { source.cancel() }
    sources = []
  }

  /// Exits with status 128 + the signal received, if one was.
  func exitIfSignalled() {
    if let s = receivedSignal { Foundation.exit(128 + s) }
  }

  /// "SIGINT", "SIGTERM", "SIGHUP", else "signal N".
  static func name(_ sig: Int32) -> String {
    switch sig {
    case SIGINT: "SIGINT"
    case SIGTERM: "SIGTERM"
    case SIGHUP: "SIGHUP"
    default: "signal \(sig)"
    }
  }
}
