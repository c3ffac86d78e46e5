import Dispatch
import Foundation
import HFEngine
import Synchronization

/// Runs the dashboard's on-demand Lanczos spectrum (`L`, `:lanczos K`): k Lanczos steps on the
/// undamped curvature of the current curvature batch at the current θ
/// (`HFOptimizer.lanczosSpectrum`), on the engine thread at its next safe point with the session
/// lock released (`Session.runExclusively`): training waits for it, the UI and posts do not. It
/// leaves θ, λ, the warm start and the data-pass count as they were, and it is not a session
/// event, so a recording neither holds it nor depends on it. One run at a time; `cancel()` (or a
/// pending stop, or closing the session) ends it before its next product.
public final class LanczosRunner: Sendable {
  /// What the requesting threads and the engine thread share.
  private struct State {
    var running = false
    var cancelRequested = false
    var updates: [LanczosUpdate] = []
    /// Called with each update instead of keeping it for `takeUpdates` (a viewer in another process).
    var notify: (@Sendable (LanczosUpdate) -> Void)?
  }

  private let session: Session
  private let state = Mutex(State())

  /// A runner for `session`'s engine.
  public init(session: Session) { self.session = session }

  /// Whether a run is requested or running.
  public var isRunning: Bool { state.withLock { $0.running } }

  /// Starts a run of `steps` steps unless one is running; its updates go to `notify` if given (else
  /// to `takeUpdates`). A refused request gets one `.failed` update saying why.
  public func request(steps: Int, notify: (@Sendable (LanczosUpdate) -> Void)? = nil) {
    guard steps >= 1, steps <= LanczosDefaults.maximumSteps else {
      let message = LanczosSpectrumError.invalidSteps(steps).message
      deliver(LanczosUpdate(phase: .failed, iteration: 0, step: 0, steps: steps, message: message), to: notify)
      return
    }
    let start = state.withLock { s -> Bool in
      if s.running { return false }
      s.running = true
      s.cancelRequested = false
      s.notify = notify
      return true
    }
    guard start else {
      let message = "a Lanczos run is already running: L or Esc stops it."
      deliver(LanczosUpdate(phase: .failed, iteration: 0, step: 0, steps: steps, message: message), to: notify)
      return
    }
    let iteration = session.snapshot.iteration
    emit(LanczosUpdate(phase: .requested, iteration: iteration, step: 0, steps: steps))
    session.runExclusively { [self] setup, interrupted in run(setup: setup, steps: steps, interrupted: interrupted) }
  }

  /// Stops the running run before its next product (nothing when none runs).
  public func cancel() {
    state.withLock { $0.cancelRequested = true }
  }

  /// Updates since the last call.
  public func takeUpdates() -> [LanczosUpdate] {
    state.withLock { s in
      defer { s.updates = [] }
      return s.updates
    }
  }

  /// The run itself (engine thread, at a safe point, session lock released).
  private func run(setup: TrainingSetup, steps: Int, interrupted: () -> Bool) {
    let optimizer = setup.optimizer
    let iteration = optimizer.iteration
    let curvature = optimizer.config.curvature.shortName
    let clock = DispatchTime.now().uptimeNanoseconds
    func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9 }
    var lastProgress = -Double.infinity
    func update(_ phase: LanczosUpdate.Phase, step: Int) -> LanczosUpdate {
      LanczosUpdate(phase: phase, iteration: iteration, step: step, steps: steps, curvature: curvature)
    }
    // A stop requested before the engine got here ends the run without a product.
    if state.withLock({ $0.cancelRequested }) || interrupted() {
      finish(failed: update(.failed, step: 0), "the Lanczos run was stopped before it started.")
      return
    }
    emit(update(.progress, step: 0))
    do {
      let spectrum = try optimizer.lanczosSpectrum(steps: steps) { j in
        if state.withLock({ $0.cancelRequested }) || interrupted() { return true }
        let now = seconds()
        if now - lastProgress >= LanczosDefaults.progressInterval {
          lastProgress = now
          emit(update(.progress, step: j - 1))
        }
        return false
      }
      var done = update(.finished, step: spectrum.steps)
      done.spectrum = spectrum
      done.seconds = seconds()
      finish(done)
    } catch {
      finish(failed: update(.failed, step: 0), error.message)
    }
  }

  private func finish(failed: LanczosUpdate, _ message: String) {
    var u = failed
    u.message = message
    finish(u)
  }

  /// Delivers the last update of a run and lets the next one start.
  private func finish(_ last: LanczosUpdate) {
    let callback = state.withLock { s -> (@Sendable (LanczosUpdate) -> Void)? in
      s.running = false
      s.cancelRequested = false
      defer { s.notify = nil }
      if s.notify == nil { s.updates.append(last) }
      return s.notify
    }
    callback?(last)
  }

  private func emit(_ u: LanczosUpdate) {
    let callback = state.withLock { s -> (@Sendable (LanczosUpdate) -> Void)? in
      if s.notify == nil { s.updates.append(u) }
      return s.notify
    }
    callback?(u)
  }

  private func deliver(_ u: LanczosUpdate, to callback: (@Sendable (LanczosUpdate) -> Void)?) {
    if let callback { callback(u) } else { state.withLock { $0.updates.append(u) } }
  }
}
