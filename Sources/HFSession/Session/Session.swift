import Dispatch
import Foundation
import HFEngine
import HFRecording

/// Runs HF training on a serial background queue and lets any thread watch and steer it.
///
/// Threading: every public member is thread-safe and returns without waiting for the engine
/// (the session lock is only ever held for bookkeeping, never across a computation). The engine
/// thread is the session's own `DispatchQueue`; it owns the `TrainingSetup`, takes posted
/// controls at safe points, and publishes every event to the subscriptions.
///
/// Safe points: hyperparameters are applied at the next HF-iteration boundary and recorded with
/// the iteration they hold from; while running, pause and stop take effect at the next CG step
/// (stop abandons the running iteration, θ unchanged). While paused, every run control (resume,
/// step, stop) is taken at once. After DONE the queue waits for `restart` or `continueRun`.
/// Call `close()` when done with the session; it ends the queue's work and closes every subscription.
// @unchecked Sendable: shared fields only under `lock` (an NSCondition the engine waits on); engine fields only on `queue`.
public final class Session: @unchecked Sendable {
  /// The options the session was created with.
  public let options: SessionOptions
  let makeSetup: @Sendable () throws -> TrainingSetup
  let bus = EventBus()
  let queue = DispatchQueue(label: "hfdash.session", qos: .userInitiated)
  /// Guards the shared state below; the engine thread waits on it while paused or DONE.
  let lock = NSCondition()

  // Shared state, under `lock`.
  var current = SessionSnapshot()
  var currentDescription: SessionDescription?
  /// What the current run's problem can honour (nil until a setup exists).
  var capabilities: ProblemCapabilities?
  var pending: [ControlRequest] = []
  var started = false
  var closeRequested = false
  var loopEnded = false
  /// True while the engine thread waits on `lock`: the setup is not in use.
  var engineIdle = false
  /// The signal that ended the session (`close(signal:)`), named in its `end` line.
  var signalName: String?
  /// Set by `close()`: the engine abandons the running iteration at its next check, in or out of CG.
  let interruption = Interruption()

  // Engine-thread state: written only on `queue` (the setup also under `lock`).
  var setup: TrainingSetup?
  var firstSetup: TrainingSetup?
  var monitor: AlarmMonitor
  var iterationLimit: Int?
  var scheduleTakenThrough = 0
  var stepTarget: Int?
  /// Iterations of the main optimizer rejected for a non-finite value, in a row.
  var consecutiveFailures = 0
  /// Called on the engine thread after each completed HF iteration (see `setIterationHook`).
  var iterationHook: (@Sendable (TrainingSetup, IterationReport) -> [SessionEvent])?
  /// Short tasks waiting for the engine thread's next safe point (under `lock`).
  var safePointTasks: [@Sendable (TrainingSetup) -> Void] = []
  /// Long tasks waiting for the engine thread's next safe point, run with the lock released (under `lock`).
  var exclusiveTasks: [@Sendable (TrainingSetup, _ interrupted: () -> Bool) -> Void] = []
  /// The optimizer the main loop steps: the setup's HF optimizer, or the single run's other one.
  var primary: (any TrainingOptimizer<Float>)?
  /// A race's rivals of HF (engine thread; their status also under `lock`).
  var racers: [RacerSlot] = []
  /// Builds the optimizers of a run (see `setOptimizerFactory`).
  var optimizerFactory: @Sendable (TrainingSetup, OptimizerKind) throws -> any TrainingOptimizer<Float> = { setup, kind in
    try setup.makeOptimizer(kind)
  }

  /// A session whose setup `makeSetup` builds on the engine queue at `start()` (and again at
  /// each restart; the same seed gives the same numbers). A throwing `makeSetup` ends in DONE,
  /// reason `failed`, with the error's message.
  public init(makeSetup: @escaping @Sendable () throws -> TrainingSetup, options: SessionOptions = SessionOptions()) {
    self.makeSetup = makeSetup
    self.options = options
    monitor = AlarmMonitor(bounds: options.alarmBounds)
  }

  /// A session whose first run uses `setup`, already built (so bad input can be reported before
  /// any screen opens); restarts build a fresh one with `makeSetup`.
  public convenience init(
    setup: TrainingSetup, makeSetup: @escaping @Sendable () throws -> TrainingSetup, options: SessionOptions = SessionOptions()
  ) {
    self.init(makeSetup: makeSetup, options: options)
    firstSetup = setup
    capabilities = setup.capabilities
  }

  /// Starts the engine queue (once): builds the setup, publishes `.started`, then runs or waits paused.
  public func start() {
    let go = lock.withLock {
      guard !started, !closeRequested else { return false }
      started = true
      return true
    }
    if go { queue.async { self.run() } }
  }

  /// Replaces how the session builds a run's optimizers other than the setup's own HF
  /// (default: `TrainingSetup.makeOptimizer`). Each is built at the start of a run, before HF's
  /// first step, from the same initial θ. Set it before `start()`.
  public func setOptimizerFactory(_ factory: @escaping @Sendable (TrainingSetup, OptimizerKind) throws -> any TrainingOptimizer<Float>) {
    lock.withLock { optimizerFactory = factory }
  }

  /// Queues a control for the engine's next safe point, without waiting. Returns why the control
  /// is invalid (and drops it) when it cannot apply whatever the settings, e.g. a negative λ, or
  /// in this session, e.g. λ on a run that uses Adam, Hessian curvature on a recurrent net, or a
  /// racer that is not in the race: one sentence, the same for a key, the `:` prompt and the CLI.
  @discardableResult
  public func post(_ request: ControlRequest) -> String? {
    if let error = request.control.validationError ?? request.control.rejection(by: options) { return error }
    return lock.withLock {
      if let refusal = Settings.refusal(request.control, capabilities: capabilities) { return refusal }
      guard !closeRequested else { return nil }
      pending.append(request)
      lock.broadcast()
      return nil
    }
  }

  /// Installs a function the engine thread calls after every completed iteration of the run's
  /// leading optimizer (HF, also in a race, before the rivals' turns; or the single run's), before the
  /// next boundary, with the setup idle (for periodic checkpoints); the events it returns are
  /// published in order after the iteration's own. Set it before `start()`.
  public func setIterationHook(_ hook: @escaping @Sendable (TrainingSetup, IterationReport) -> [SessionEvent]) {
    lock.withLock { iterationHook = hook }
  }

  /// Runs `task` on the engine thread at its next safe point (a CG step, an iteration boundary, or
  /// at once while paused or DONE), when θ is not changing. Keep it short (e.g. copy θ): posts
  /// wait for it.
  public func runAtSafePoint(_ task: @escaping @Sendable (TrainingSetup) -> Void) {
    lock.withLock {
      safePointTasks.append(task)
      lock.broadcast()
    }
  }

  /// Runs `task` on the engine thread at its next safe point (as `runAtSafePoint`), with the session
  /// lock released, so it may take long: posts, notes and snapshots go on meanwhile, and training
  /// waits for it. `interrupted()` turns true once the session is closing or a stop or restart is
  /// pending: the task should then end promptly. It must leave the setup as it found it (θ, λ,
  /// the optimizer's state): the run's numbers must not depend on whether it ran.
  public func runExclusively(_ task: @escaping @Sendable (TrainingSetup, _ interrupted: () -> Bool) -> Void) {
    lock.withLock {
      exclusiveTasks.append(task)
      lock.broadcast()
    }
  }

  /// Runs the queued safe-point tasks (engine thread, `lock` held; released around exclusive tasks).
  func runSafePointTasks() {
    guard let setup else { return }
    if !safePointTasks.isEmpty {
      let tasks = safePointTasks
      safePointTasks = []
      for task in tasks { task(setup) }
    }
    while !exclusiveTasks.isEmpty {
      let task = exclusiveTasks.removeFirst()
      lock.unlock()
      task(setup) { self.lock.withLock { self.closeRequested || self.pending.contains { $0.control.endsRun } } }
      lock.lock()
    }
  }

  /// A new subscription to every event published from now on (subscribe before `start()` to see `.started`).
  public func subscribe(_ policy: DeliveryPolicy) -> EventSubscription { bus.subscribe(policy) }

  /// The session's state now.
  public var snapshot: SessionSnapshot { lock.withLock { current } }

  /// What the current run trains; nil until its setup is built (or when building failed).
  public var description: SessionDescription? { lock.withLock { currentDescription } }

  /// Publishes a user note, in order with the engine's events, attached to the running iteration
  /// (or, between iterations, the last finished one).
  public func addNote(_ text: String) {
    lock.withLock { bus.publish(.note(iteration: current.runningIteration ?? current.iteration, text: text)) }
  }

  /// Runs `body` on the current setup when the session is PAUSED or DONE, holding the session lock
  /// so the engine cannot resume meanwhile; nil while it runs, steps or starts. (Right after the
  /// state turned PAUSED or DONE this waits the moment the engine needs to get to its wait.) For
  /// reading θ or writing a checkpoint; keep `body` short, `post` waits for it.
  public func withSetupWhileIdle<R>(_ body: (TrainingSetup) throws -> R) rethrows -> R? {
    lock.lock()
    defer { lock.unlock() }
    while !engineIdle && !loopEnded && (current.state == .paused || current.state == .done) { lock.wait() }
    guard engineIdle || loopEnded, current.state == .paused || current.state == .done, let setup else { return nil }
    return try body(setup)
  }

  /// Ends the session without waiting: a running iteration is abandoned at its next CG step, the
  /// run is published as finished (reason `quit`) unless it was already DONE, and every
  /// subscription is closed.
  public func close() {
    interruption.request()
    lock.withLock {
      closeRequested = true
      if !started {
        bus.close()
        loopEnded = true
      }
      lock.broadcast()
    }
  }

  /// Ends the session because the process received the signal `name` ("SIGTERM"): as `close()`,
  /// but a run not yet DONE is published as finished with reason `signal` and the signal's name
  /// (the recording's `end` line). Safe to call from a signal source's handler, more than once.
  public func close(signal name: String) {
    lock.withLock { signalName = signalName ?? name }
    close()
  }

  /// Waits until the engine queue has finished after `close()`; false if `timeout` seconds passed first.
  public func awaitClosed(timeout: Double) -> Bool {
    let deadline = Date(timeIntervalSinceNow: Swift.max(0, timeout))
    return lock.withLock {
      while !loopEnded {
        if !lock.wait(until: deadline) { break }
      }
      return loopEnded
    }
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
