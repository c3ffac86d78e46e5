import HFEngine
import HFRecording

/// The checkpoint entries of a run's optimizers other than HF (`EngineLoop.otherOptimizerCheckpoints`).
typealias OtherOptimizerCheckpoints = (lead: RacerCheckpoint?, racers: [RacerCheckpoint])

/// A task for the engine's next safe point that may take long (`Session.runExclusively`).
typealias ExclusiveTask = @Sendable (TrainingSetup, _ interrupted: () -> Bool) -> Void

/// What the engine passes to the iteration hook: the setup, the report, and the other
/// optimizers' checkpoint entries, built only when asked for (engine thread).
typealias CheckpointingHook = @Sendable (TrainingSetup, IterationReport, () -> OtherOptimizerCheckpoints) -> [SessionEvent]

/// Everything of a session that more than one thread touches: the callers of the public API and
/// the engine thread. It lives in `Session.shared` and is reached only under that lock; the
/// engine thread waits on the same lock while paused or DONE.
struct SessionSharedState: Sendable {
  /// What `Session.snapshot` returns.
  var current = SessionSnapshot()
  /// What `Session.description` returns.
  var description: SessionDescription?
  /// What the current run's problem can honour (nil until a setup exists).
  var capabilities: ProblemCapabilities?
  /// Posted controls not yet taken by the engine.
  var pending: [ControlRequest] = []
  var started = false
  var closeRequested = false
  /// Set once the engine queue's work is over (or `close()` came before `start()`).
  var loopEnded = false
  /// True while the engine thread waits on the lock: the setup is not in use.
  var engineIdle = false
  /// The signal that ended the session (`close(signal:)`), named in its `end` line.
  var signalName: String?
  /// The setup built before `start()` for the first run; the engine takes it.
  var firstSetup: TrainingSetup?
  /// The current run's setup: written by the engine; used by others only while the engine is
  /// idle or its loop has ended (`withSetupWhileIdle`), or handed to tasks on the engine thread.
  var setup: TrainingSetup?
  /// Short tasks waiting for the engine thread's next safe point.
  var safePointTasks: [@Sendable (TrainingSetup) -> Void] = []
  /// Long tasks waiting for the engine thread's next safe point, run with the lock released.
  var exclusiveTasks: [ExclusiveTask] = []
  /// Called on the engine thread after each completed iteration of the leading optimizer.
  var iterationHook: CheckpointingHook?
  /// Builds the optimizers of a run (see `Session.setOptimizerFactory`).
  var optimizerFactory: @Sendable (TrainingSetup, OptimizerKind) throws -> any TrainingOptimizer<Float> = { setup, kind in
    try setup.makeOptimizer(kind)
  }
  /// Whether the engine leaves `finalCheckpoints` when its loop ends.
  var keepsFinalCheckpoints = false
  /// The other optimizers' checkpoint entries as the engine left them when its loop ended.
  var finalCheckpoints: OtherOptimizerCheckpoints?
}
