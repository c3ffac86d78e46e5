import Foundation
import HFEngine
import HFRecording

/// The engine thread of a `Session`: its own state and its loop (build, iterate, wait while
/// paused or DONE). Made on the session's queue by `start()` and used only there: it is not
/// Sendable, so the compiler keeps it there. It reaches what other threads share through
/// `session.shared`, and holds that lock only for bookkeeping, never across a computation.
final class EngineLoop {
  let session: Session
  /// The current run's setup (also in the shared state, for `withSetupWhileIdle`).
  var setup: TrainingSetup?
  var monitor: AlarmMonitor
  var iterationLimit: Int?
  var scheduleTakenThrough = 0
  var stepTarget: Int?
  /// Iterations of the main optimizer rejected for a non-finite value, in a row.
  var consecutiveFailures = 0
  /// The optimizer the main loop steps: the setup's HF optimizer, or the single run's other one.
  var primary: (any TrainingOptimizer<Float>)?
  /// A race's rivals of HF (their snapshots go to the shared state).
  var racers: [RacerSlot] = []

  init(session: Session) {
    self.session = session
    monitor = AlarmMonitor(bounds: session.options.alarmBounds)
  }

  var options: SessionOptions { session.options }
  var bus: EventBus { session.bus }
  var shared: ConditionGuarded<SessionSharedState> { session.shared }

  /// The engine queue's whole life, from the first build to `close()`.
  func run() {
    let first = shared.withLock { s in
      defer { s.firstSetup = nil }
      return s.firstSetup
    }
    beginRun(prebuilt: first, paused: options.startPaused)
    if first != nil { catchUpResumedRacers() }
    while true {
      let state: RunState? = shared.withLock { $0.closeRequested ? nil : $0.current.state }
      guard let state else { break }
      if state == .done {
        if !waitWhileDone() { break }
      } else {
        runNextIteration()
      }
    }
    shared.withLock { s in
      guard s.current.state != .done else { return }
      if let signalName = s.signalName {
        finish(&s, .signal, message: Self.signalMessage(signalName, current: s.current))
      } else {
        finish(&s, .quit, message: "The session was closed at iteration \(s.current.iteration).")
      }
    }
    // Subscriptions close before `awaitClosed` returns: whoever waited sees them closed.
    bus.close()
    let kept = shared.withLock { $0.keepsFinalCheckpoints } ? otherOptimizerCheckpoints() : nil
    shared.withLock { s in
      s.finalCheckpoints = kept
      s.loopEnded = true
    }
    shared.broadcast()
  }

  /// The `end` message of a run ended by the signal `name`.
  static func signalMessage(_ name: String, current: SessionSnapshot) -> String {
    let done = "after iteration \(current.iteration)"
    guard let k = current.runningIteration else { return "Ended by \(name) \(done)." }
    let place = current.cgStep.map { " at CG step \($0)" } ?? ""
    return "Ended by \(name) \(done); iteration \(k) was abandoned\(place), θ unchanged."
  }

  /// A safe point: runs the queued safe-point tasks, then `decide` with the lock held. While
  /// `decide` returns nil the engine waits, marked idle (it does not touch the setup), and runs
  /// tasks and `decide` again after each wake-up. Exclusive tasks run in between, lock released.
  func atSafePoint<R>(_ decide: (inout SessionSharedState) -> R?) -> R {
    while true {
      let step: SafePointStep<R> = shared.withLockWaiting { s in
        s.engineIdle = false
        if let setup, !s.safePointTasks.isEmpty {
          let tasks = s.safePointTasks
          s.safePointTasks = []
          for task in tasks { task(setup) }
        }
        if setup != nil, !s.exclusiveTasks.isEmpty { return .exclusive(s.exclusiveTasks.removeFirst()) }
        if let result = decide(&s) { return .decided(result) }
        s.engineIdle = true
        shared.broadcast()  // for `withSetupWhileIdle`
        return nil
      }
      switch step {
      case .decided(let result):
        return result
      case .exclusive(let task):
        guard let setup else { continue }
        task(setup) { self.shared.withLock { s in s.closeRequested || s.pending.contains { $0.control.endsRun } } }
      }
    }
  }

  static func limitText(_ limit: Int?) -> String { limit.map(String.init) ?? "none" }

  static func describe(_ s: TrainingSetup) -> SessionDescription {
    SessionDescription(
      preset: s.spec.preset.name, model: s.modelSummary,
      data: (s.spec.data ?? s.spec.preset.defaultData)?.description ?? s.dataDescription, parameterCount: s.problem.parameterCount,
      trainCases: s.trainCases, testCases: s.testCases, seed: s.spec.seed, config: s.optimizer.config,
      groupNames: s.problem.groupNames, errorName: s.errorName,
      resumedFrom: s.optimizer.iteration > 0 ? s.optimizer.iteration : nil)
  }
}

/// The engine loop stays on its queue: nothing may send it to another thread.
@available(*, unavailable)
extension EngineLoop: Sendable {}

/// What a safe point came to: `decide`'s answer, or a long task to run with the lock released first.
enum SafePointStep<R> {
  case decided(R)
  case exclusive(ExclusiveTask)
}
