import Foundation
import HFEngine
import HFRecording

/// Reaching the setup while the engine is idle, and ending the session.
extension Session {
  /// Runs `body` on the current setup when the session is PAUSED or DONE, holding the session lock
  /// so the engine cannot resume meanwhile; nil while it runs, steps or starts. (Right after the
  /// state turned PAUSED or DONE this waits the moment the engine needs to get to its wait.) For
  /// reading θ or writing a checkpoint; keep `body` short, `post` waits for it.
  public func withSetupWhileIdle<R>(_ body: (TrainingSetup) throws -> R) rethrows -> R? {
    try withRunWhileIdle { setup, _ in try body(setup) }
  }

  /// `withSetupWhileIdle`, also given the other optimizers' checkpoint entries as the engine left
  /// them when its loop ended (nil before that, and unless `keepFinalCheckpoints()` was called).
  func withRunWhileIdle<R>(_ body: (TrainingSetup, OtherOptimizerCheckpoints?) throws -> R) rethrows -> R? {
    try shared.withLockWaiting { s -> R?? in
      let idleState = s.current.state == .paused || s.current.state == .done
      if !s.engineIdle && !s.loopEnded && idleState { return nil }  // wait for the engine to get to its wait
      guard s.engineIdle || s.loopEnded, idleState, let setup = s.setup else { return .some(nil) }
      return .some(try body(setup, s.loopEnded ? s.finalCheckpoints : nil))
    }
  }

  /// Asks the engine to leave the other optimizers' checkpoint entries when its loop ends, for
  /// `withRunWhileIdle` (a recorder's final checkpoint, after `close()`). Call before `start()`.
  func keepFinalCheckpoints() {
    shared.withLock { $0.keepsFinalCheckpoints = true }
  }

  /// Ends the session without waiting: a running iteration is abandoned at its next CG step, the
  /// run is published as finished (reason `quit`) unless it was already DONE, and every
  /// subscription is closed.
  public func close() {
    interruption.request()
    shared.withLock { s in
      s.closeRequested = true
      if !s.started {
        bus.close()
        s.loopEnded = true
      }
    }
    shared.broadcast()
  }

  /// Ends the session because the process received the signal `name` ("SIGTERM"): as `close()`,
  /// but a run not yet DONE is published as finished with reason `signal` and the signal's name
  /// (the recording's `end` line). Safe to call from a signal source's handler, more than once.
  public func close(signal name: String) {
    shared.withLock { s in s.signalName = s.signalName ?? name }
    close()
  }

  /// Waits until the engine queue has finished after `close()`; false if `timeout` seconds passed first.
  public func awaitClosed(timeout: Double) -> Bool {
    let deadline = Date(timeIntervalSinceNow: Swift.max(0, timeout))
    return shared.wait(until: deadline) { !$0.loopEnded }
  }
}

extension SessionControl {
  /// Whether the control ends the running iteration for good (stop, restart): long exclusive tasks give way to it.
  var endsRun: Bool {
    switch self {
    case .stop, .restart: true
    default: false
    }
  }
}
