import HFEngine
import HFSession
import HFRecording

/// The hyperparameters in force, as the engine last reported them: the run's configuration and
/// λ (replaced by the settings each applied control carries), plus the curvature batch size
/// from the latest report.
public struct DashboardSettings: Equatable, Sendable {
  /// The configuration and λ in force.
  public var run: RunSettings
  /// The curvature batch size in force (from the latest report or control), if known.
  public var curvatureBatch: Int?
  /// Whether the model has structural damping μ (recurrent nets).
  public var hasStructuralDamping: Bool

  /// Settings for a configuration before any report.
  public init(config: HFConfig = HFConfig(), curvatureBatch: Int? = nil, hasStructuralDamping: Bool = false) {
    run = RunSettings(config: config)
    self.curvatureBatch = curvatureBatch
    self.hasStructuralDamping = hasStructuralDamping
  }

  /// The configuration in force.
  public var config: HFConfig {
    get { run.config }
    set { run.config = newValue }
  }

  /// The damping λ in force.
  public var lambda: Double {
    get { run.lambda }
    set { run.lambda = newValue }
  }

  /// Takes the settings an applied control left in force: the engine's own values when the event
  /// carries them; for recordings made before they did, the control applied through the same
  /// settings table the engine uses.
  public mutating func apply(_ applied: AppliedControl) {
    if let config = applied.config, let lambda = applied.lambda {
      run.config = config
      run.lambda = lambda
    } else {
      project(applied.control)
    }
    if applied.control.setting == .curvatureBatch, let n = run.config.curvatureBatchSize { curvatureBatch = n }
  }

  /// What a posted control will change once it lands (pending controls on the panel).
  public mutating func project(_ control: SessionControl) {
    _ = Settings.apply(control, to: &run)
    if control.setting == .curvatureBatch, let n = run.config.curvatureBatchSize { curvatureBatch = n }
  }
}

/// A control the UI posted that the session has not confirmed yet.
public struct PendingControl: Equatable, Sendable {
  /// What was asked for.
  public var request: ControlRequest
  /// The iteration that was running when it was posted.
  public var postedAt: Int
  /// Creates a pending entry.
  public init(request: ControlRequest, postedAt: Int) {
    self.request = request
    self.postedAt = postedAt
  }
}
