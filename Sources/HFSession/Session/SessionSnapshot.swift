import HFEngine
import HFRecording

/// Where a session is right now, read without waiting for the engine.
public struct SessionSnapshot: Sendable, Equatable {
  /// RUNNING, PAUSED, STEPPING, DONE (STARTING while a setup is built).
  public var state: RunState
  /// Completed HF iterations of the current run.
  public var iteration: Int
  /// The HF iteration in progress (also while paused inside it); nil between iterations.
  public var runningIteration: Int?
  /// The last CG step of the running iteration; nil before its first CG step and between iterations.
  public var cgStep: Int?
  /// The damping λ the next (or running) iteration uses.
  public var lambda: Double
  /// The settings in force (hyperparameter changes show here once applied).
  public var config: HFConfig
  /// The iteration at which the run ends by itself; nil for no limit.
  public var iterationLimit: Int?
  /// Why the run finished, when `state` is DONE.
  public var finishReason: FinishReason?
  /// Runs started so far (1 + restarts); 0 while the first setup is being built.
  public var runs: Int
  /// The optimizer the session steps (HF in a race; its rivals are in `racers`).
  public var optimizer: OptimizerKind = .hf
  /// A race's rivals of HF, in race order (empty for a single run).
  public var racers: [RacerSnapshot] = []

  /// A snapshot; the defaults describe a session that has not built its setup yet.
  public init(
    state: RunState = .starting, iteration: Int = 0, runningIteration: Int? = nil, cgStep: Int? = nil, lambda: Double = 0,
    config: HFConfig = HFConfig(), iterationLimit: Int? = nil, finishReason: FinishReason? = nil, runs: Int = 0
  ) {
    self.state = state
    self.iteration = iteration
    self.runningIteration = runningIteration
    self.cgStep = cgStep
    self.lambda = lambda
    self.config = config
    self.iterationLimit = iterationLimit
    self.finishReason = finishReason
    self.runs = runs
  }
}
