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
///
/// What the compiler checks: every stored property is a `let` of a Sendable type. State that
/// several threads touch is one `SessionSharedState` value behind `shared`; the engine's own
/// state (optimizers, racers, counters) lives in an `EngineLoop` made on the queue, which is not
/// Sendable and never leaves it.
public final class Session: Sendable {
  /// The options the session was created with.
  public let options: SessionOptions
  let makeSetup: @Sendable () throws -> TrainingSetup
  let bus = EventBus()
  let queue = DispatchQueue(label: "hfdash.session", qos: .userInitiated)
  /// The state several threads touch; the engine thread waits on it while paused or DONE.
  let shared = ConditionGuarded(SessionSharedState())
  /// Set by `close()`: the engine abandons the running iteration at its next check, in or out of CG.
  let interruption = Interruption()

  /// A session whose setup `makeSetup` builds on the engine queue at `start()` (and again at
  /// each restart; the same seed gives the same numbers). A throwing `makeSetup` ends in DONE,
  /// reason `failed`, with the error's message.
  public init(makeSetup: @escaping @Sendable () throws -> TrainingSetup, options: SessionOptions = SessionOptions()) {
    self.makeSetup = makeSetup
    self.options = options
  }

  /// A session whose first run uses `setup`, already built (so bad input can be reported before
  /// any screen opens); restarts build a fresh one with `makeSetup`.
  public convenience init(
    setup: TrainingSetup, makeSetup: @escaping @Sendable () throws -> TrainingSetup, options: SessionOptions = SessionOptions()
  ) {
    self.init(makeSetup: makeSetup, options: options)
    shared.withLock { s in
      s.firstSetup = setup
      s.capabilities = setup.capabilities
    }
  }

  /// Starts the engine queue (once): builds the setup, publishes `.started`, then runs or waits paused.
  public func start() {
    let go = shared.withLock { s in
      guard !s.started, !s.closeRequested else { return false }
      s.started = true
      return true
    }
    if go { queue.async { EngineLoop(session: self).run() } }
  }

  /// Replaces how the session builds a run's optimizers other than the setup's own HF
  /// (default: `TrainingSetup.makeOptimizer`). Each is built at the start of a run, before HF's
  /// first step, from the same initial θ. Set it before `start()`.
  public func setOptimizerFactory(_ factory: @escaping @Sendable (TrainingSetup, OptimizerKind) throws -> any TrainingOptimizer<Float>) {
    shared.withLock { $0.optimizerFactory = factory }
  }

  /// Queues a control for the engine's next safe point, without waiting. Returns why the control
  /// is invalid (and drops it) when it cannot apply whatever the settings, e.g. a negative λ, or
  /// in this session, e.g. λ on a run that uses Adam, Hessian curvature on a recurrent net, or a
  /// racer that is not in the race: one sentence, the same for a key, the `:` prompt and the CLI.
  @discardableResult
  public func post(_ request: ControlRequest) -> String? {
    if let error = request.control.validationError ?? request.control.rejection(by: options) { return error }
    return shared.withLock { s in
      if let refusal = Settings.refusal(request.control, capabilities: s.capabilities) { return refusal }
      guard !s.closeRequested else { return nil }
      s.pending.append(request)
      shared.broadcast()
      return nil
    }
  }

  /// Installs a function the engine thread calls after every completed iteration of the run's
  /// leading optimizer (HF, also in a race, before the rivals' turns; or the single run's), before the
  /// next boundary, with the setup idle (for periodic checkpoints); the events it returns are
  /// published in order after the iteration's own. Set it before `start()`.
  public func setIterationHook(_ hook: @escaping @Sendable (TrainingSetup, IterationReport) -> [SessionEvent]) {
    setCheckpointingHook { setup, report, _ in hook(setup, report) }
  }

  /// `setIterationHook` for a checkpointer: the hook also gets the other optimizers' checkpoint
  /// entries, built on the engine thread when it asks for them.
  func setCheckpointingHook(_ hook: @escaping CheckpointingHook) {
    shared.withLock { $0.iterationHook = hook }
  }

  /// Runs `task` on the engine thread at its next safe point (a CG step, an iteration boundary, or
  /// at once while paused or DONE), when θ is not changing. Keep it short (e.g. copy θ): posts
  /// wait for it.
  public func runAtSafePoint(_ task: @escaping @Sendable (TrainingSetup) -> Void) {
    shared.withLock { $0.safePointTasks.append(task) }
    shared.broadcast()
  }

  /// Runs `task` on the engine thread at its next safe point (as `runAtSafePoint`), with the session
  /// lock released, so it may take long: posts, notes and snapshots go on meanwhile, and training
  /// waits for it. `interrupted()` turns true once the session is closing or a stop or restart is
  /// pending: the task should then end promptly. It must leave the setup as it found it (θ, λ,
  /// the optimizer's state): the run's numbers must not depend on whether it ran.
  public func runExclusively(_ task: @escaping @Sendable (TrainingSetup, _ interrupted: () -> Bool) -> Void) {
    shared.withLock { $0.exclusiveTasks.append(task) }
    shared.broadcast()
  }

  /// A new subscription to every event published from now on (subscribe before `start()` to see `.started`).
  public func subscribe(_ policy: DeliveryPolicy) -> EventSubscription { bus.subscribe(policy) }

  /// The session's state now.
  public var snapshot: SessionSnapshot { shared.withLock { $0.current } }

  /// What the current run trains; nil until its setup is built (or when building failed).
  public var description: SessionDescription? { shared.withLock { $0.description } }

  /// Publishes a user note, in order with the engine's events, attached to the running iteration
  /// (or, between iterations, the last finished one).
  public func addNote(_ text: String) {
    shared.withLock { s in bus.publish(.note(iteration: s.current.runningIteration ?? s.current.iteration, text: text)) }
  }
}
