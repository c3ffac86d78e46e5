import HFEngine

/// A change the user (or a recording) asks the running session to make.
/// Settings take effect at the next HF-iteration boundary; pause and stop at the next CG step.
public enum SessionControl: Sendable, Equatable {
  /// Sets one setting of the table (`Settings`).
  case set(SettingID, SettingValue)
  /// Multiplies a number setting by a factor (λ ×1.5).
  case scale(SettingID, Double)
  case pause
  case resume
  /// Runs one HF iteration, then pauses again.
  case stepOnce
  /// Ends the run (the dashboard stays open, state DONE).
  case stop
  /// After DONE: start again from the same seed and settings.
  case restart
  /// After DONE: go on for this many more iterations (nil = until stopped).
  case continueRun(extraIterations: Int?)
  /// Races: holds one racer (it takes no turns) or lets it go on; taken at the next turn boundary.
  case setRacerPaused(OptimizerKind, Bool)
  /// Races: removes one racer for the rest of the run (HF cannot be dropped).
  case dropRacer(OptimizerKind)

  /// The setting a hyperparameter control changes (nil for run and racer controls).
  public var setting: SettingID? {
    switch self {
    case .set(let id, _), .scale(let id, _): id
    default: nil
    }
  }

  /// Whether the control changes a hyperparameter (applied at an HF-iteration boundary).
  public var isHyperparameter: Bool { setting != nil }

  /// Whether this is a racer control (hold, resume or drop one racer).
  public var isRacerControl: Bool {
    switch self {
    case .setRacerPaused, .dropRacer: true
    default: false
    }
  }

  /// Why this control cannot be applied whatever the current settings are (nil when it can): a
  /// value out of its setting's bounds, a factor ≤ 0, an unknown setting, and so on.
  public var validationError: String? {
    switch self {
    case .set(let id, let value):
      guard let s = Settings.setting(id) else { return "There is no setting '\(id)'." }
      return s.validationError(value, subject: s.name)
    case .scale(let id, let factor):
      guard let s = Settings.setting(id), case .number = s.kind else { return "'\(id)' is not a number setting to scale." }
      return HFConfig.Bounds.lambdaFactor.check(factor, "the \(s.name) factor")
    case .continueRun(let n?) where n < 1: return "continue needs at least 1 more iteration (got \(n))."
    case .dropRacer(.hf): return "HF cannot be dropped from its own race; stop the run instead."
    case .setRacerPaused(.hf, _): return "HF sets the race's pace and cannot be held alone; pause the whole race instead."
    default: return nil
    }
  }
}

/// A control together with where it came from ("key ]", "command :lambda 0.5", "recording").
public struct ControlRequest: Sendable, Equatable, Codable {
  public var control: SessionControl
  public var source: String
  public init(_ control: SessionControl, source: String) {
    self.control = control
    self.source = source
  }
}

/// A control as applied: what changed, old → new, the settings it left in force, and from which
/// HF iteration it holds.
public struct AppliedControl: Sendable, Equatable, Codable {
  public var control: SessionControl
  /// Display name of the setting ("λ", "max CG", "curvature batch", "state").
  public var setting: String
  public var old: String
  public var new: String
  /// The first HF iteration that runs with the new value (for pause/stop: the iteration it interrupted).
  public var iteration: Int
  /// The CG step it took effect at, for pause/stop (nil at an iteration boundary).
  public var cgStep: Int?
  public var source: String
  /// The engine's configuration and λ after a hyperparameter control (nil for run controls, and
  /// in recordings made before they were recorded): what the dashboard shows.
  public var config: HFConfig?
  public var lambda: Double?
  public init(
    control: SessionControl, setting: String, old: String, new: String, iteration: Int, cgStep: Int?, source: String,
    config: HFConfig? = nil, lambda: Double? = nil
  ) {
    self.control = control
    self.setting = setting
    self.old = old
    self.new = new
    self.iteration = iteration
    self.cgStep = cgStep
    self.source = source
    self.config = config
    self.lambda = lambda
  }

  /// The confirmation line the dashboard shows: "λ 0.012 → 0.018 (from iteration 38)".
  /// Racer controls read "Adam paused (from HF iteration 12)".
  public var confirmation: String {
    if control.isRacerControl { return "\(setting) \(new) (from HF iteration \(iteration))" }
    if let cgStep { return "\(setting) \(old) → \(new) (iteration \(iteration), CG step \(cgStep))" }
    return "\(setting) \(old) → \(new) (from iteration \(iteration))"
  }
}
