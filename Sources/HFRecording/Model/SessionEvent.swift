import HFEngine

/// Where the session is.
public enum RunState: String, Sendable, Equatable, Codable {
  case starting = "STARTING"
  case running = "RUNNING"
  case paused = "PAUSED"
  /// Running one HF iteration on request, then pausing.
  case stepping = "STEPPING"
  /// Finished (iteration budget, success criterion, stop, or an engine failure); the dashboard stays open.
  case done = "DONE"
}

/// Why a session reached DONE.
public enum FinishReason: String, Sendable, Equatable, Codable {
  case iterationLimit = "iterations"
  case success = "success"
  case stopped = "stopped"
  case quit = "quit"
  case failed = "failed"
  /// `HFConfig.failureLimit` consecutive iterations were rejected for a non-finite value.
  case nonFinite = "non-finite"
  /// The process received SIGINT, SIGTERM or SIGHUP (named in the message); the running
  /// iteration was abandoned, θ unchanged.
  case signal = "signal"
}

/// A condition worth the user's attention.
public enum AlarmKind: String, Sendable, Equatable, Codable, CaseIterable {
  /// ρ < 0 several iterations in a row.
  case negativeRhoStreak
  case lambdaAboveBound
  case lambdaBelowBound
  /// The objective, φ or a gradient is NaN or infinite.
  case nonFinite
  /// CG met pᵀBp ≤ 0.
  case negativeCurvature
  /// The line search rejected the step.
  case rejectedStep
  /// CG hit its iteration cap several iterations in a row.
  case cgAtMaximum
  /// The data overflows single precision once squared (raised when the run starts).
  case dataOverflow
}

/// An alarm raised after an HF iteration (or CG step).
public struct Alarm: Sendable, Equatable, Codable {
  public var kind: AlarmKind
  public var iteration: Int
  /// One sentence for the screen and the log.
  public var message: String
  public init(kind: AlarmKind, iteration: Int, message: String) {
    self.kind = kind
    self.iteration = iteration
    self.message = message
  }
}

/// Everything a session reports, in order: engine events plus the session's own.
public enum SessionEvent: Sendable, Equatable {
  case engine(HFEvent)
  case control(AppliedControl)
  case state(RunState)
  case alarm(Alarm)
  /// A note the user typed (`n` in the dashboard), attached to an iteration.
  case note(iteration: Int, text: String)
  /// A checkpoint was written (path, iteration).
  case checkpoint(iteration: Int, path: String)
  case finished(reason: FinishReason, iteration: Int, message: String)
  /// A new run started (restart), with its description.
  case started(SessionDescription)
  /// An engine event of a non-HF racer in a race (HF's own events stay `.engine`).
  case racer(OptimizerKind, HFEvent)
}

/// One optimizer of a race, as the header of the dashboard and of recordings describe it.
public struct RacerDescription: Sendable, Equatable, Codable {
  public var kind: OptimizerKind
  /// Its settings in one line ("lr 0.01, Nesterov μ ≤ 0.99, batch 200").
  public var settings: String
  public init(kind: OptimizerKind, settings: String) {
    self.kind = kind
    self.settings = settings
  }
}

/// What is being trained, for the header of the dashboard and of recordings.
public struct SessionDescription: Sendable, Equatable, Codable {
  public var preset: String
  public var model: String
  public var data: String
  public var parameterCount: Int
  public var trainCases: Int
  public var testCases: Int?
  public var seed: UInt64
  public var config: HFConfig
  /// Names of the parameter groups whose gradient norms are reported (W1…, or input/recurrent/…).
  public var groupNames: [String]
  /// What the error column measures ("squared error", "classification error", "zero-one error").
  public var errorName: String
  /// Whether the model has structural damping μ (recurrent nets, whose groups include "recurrent").
  public var hasStructuralDamping: Bool { groupNames.contains("recurrent") }
  /// Set when this run continues a recorded one from a checkpoint: the iteration it resumes after.
  public var resumedFrom: Int?
  /// The optimizer of a single run (HF unless `train --optimizer` chose another).
  public var optimizer: OptimizerKind = .hf
  /// A race's optimizers, HF first; empty for a single-optimizer run.
  public var racers: [RacerDescription] = []
  public init(
    preset: String, model: String, data: String, parameterCount: Int, trainCases: Int, testCases: Int?, seed: UInt64,
    config: HFConfig, groupNames: [String], errorName: String, resumedFrom: Int? = nil
  ) {
    self.resumedFrom = resumedFrom
    self.preset = preset
    self.model = model
    self.data = data
    self.parameterCount = parameterCount
    self.trainCases = trainCases
    self.testCases = testCases
    self.seed = seed
    self.config = config
    self.groupNames = groupNames
    self.errorName = errorName
  }
}
