import HFEngine

/// A change the user (or a recording) asks the running session to make.
/// Hyperparameters take effect at the next HF-iteration boundary; pause and stop at the next CG step.
public enum SessionControl: Sendable, Equatable, Codable {
  case setLambda(Double)
  /// λ ← λ·factor.
  case scaleLambda(Double)
  /// Turns the Levenberg–Marquardt rule on (true) or freezes λ (false).
  case setAdaptiveLambda(Bool)
  case setMaxCG(Int)
  case setMinCG(Int)
  case setCurvatureBatch(Int)
  case setPreconditioner(Bool)
  case setCurvature(CurvatureType)
  /// Structural damping μ (recurrent models).
  case setStructuralDamping(Double)
  case setLineSearch(Bool)
  case setBacktracking(Bool)
  case setWeightCost(Double)
  case setWarmStartDecay(Double)
  case setRhoModel(RhoModel)
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

  /// Whether the control changes a hyperparameter (applied at an HF-iteration boundary).
  public var isHyperparameter: Bool {
    switch self {
    case .pause, .resume, .stepOnce, .stop, .restart, .continueRun, .setRacerPaused, .dropRacer: false
    default: true
    }
  }

  /// Whether this is a racer control (hold, resume or drop one racer).
  public var isRacerControl: Bool {
    switch self {
    case .setRacerPaused, .dropRacer: true
    default: false
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

/// A control as applied: what changed, old → new, and from which HF iteration it holds.
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
  public init(control: SessionControl, setting: String, old: String, new: String, iteration: Int, cgStep: Int?, source: String) {
    self.control = control
    self.setting = setting
    self.old = old
    self.new = new
    self.iteration = iteration
    self.cgStep = cgStep
    self.source = source
  }

  /// The confirmation line the dashboard shows: "λ 1.2e-2 → 1.8e-2 (from iteration 38)".
  /// Racer controls read "Adam paused (from HF iteration 12)".
  public var confirmation: String {
    if control.isRacerControl { return "\(setting) \(new) (from HF iteration \(iteration))" }
    if let cgStep { return "\(setting) \(old) → \(new) (iteration \(iteration), CG step \(cgStep))" }
    return "\(setting) \(old) → \(new) (from iteration \(iteration))"
  }
}
