import HFEngine
import HFSession
import HFRecording

/// The hyperparameters in force, as the dashboard knows them: the run's configuration updated by
/// every applied control, plus the current λ and curvature batch from the latest reports.
public struct DashboardSettings: Equatable, Sendable {
  /// The configuration, with applied controls folded in.
  public var config: HFConfig
  /// The damping λ in force (the latest one reported or set).
  public var lambda: Double
  /// The curvature batch size in force (from the latest report or control), if known.
  public var curvatureBatch: Int?
  /// Whether the model has structural damping μ (recurrent nets).
  public var hasStructuralDamping: Bool

  /// Settings for a configuration before any report.
  public init(config: HFConfig = HFConfig(), curvatureBatch: Int? = nil, hasStructuralDamping: Bool = false) {
    self.config = config
    lambda = config.initialLambda
    self.curvatureBatch = curvatureBatch
    self.hasStructuralDamping = hasStructuralDamping
  }

  /// Folds a control into the settings (controls that are not hyperparameters change nothing).
  public mutating func apply(_ control: SessionControl) {
    switch control {
    case .setLambda(let v): lambda = v
    case .scaleLambda(let f): lambda *= f
    case .setAdaptiveLambda(let on): config.adaptiveLambda = on
    case .setMaxCG(let n): config.cg.maxIterations = n
    case .setMinCG(let n): config.cg.minIterations = n
    case .setCurvatureBatch(let n):
      config.curvatureBatchSize = n
      curvatureBatch = n
    case .setPreconditioner(let on): config.preconditioner = on
    case .setCurvature(let c): config.curvature = c
    case .setStructuralDamping(let mu): config.structuralDamping = mu
    case .setLineSearch(let on): config.lineSearch = on
    case .setBacktracking(let on): config.backtracking = on
    case .setWeightCost(let wc): config.weightCost = wc
    case .setWarmStartDecay(let d): config.warmStartDecay = d
    case .setRhoModel(let m): config.rhoModel = m
    case .pause, .resume, .stepOnce, .stop, .restart, .continueRun, .setRacerPaused, .dropRacer: break
    }
  }
}

/// Which row of the hyperparameter panel a control changes.
public enum SettingKey: String, Sendable, CaseIterable {
  case lambda, adaptiveLambda, structuralDamping, maxCG, minCG, curvatureBatch, preconditioner, curvature
  case lineSearch, backtracking, rhoModel, weightCost, warmStart

  /// The row a control changes (nil for run controls such as pause).
  public init?(_ control: SessionControl) {
    switch control {
    case .setLambda, .scaleLambda: self = .lambda
    case .setAdaptiveLambda: self = .adaptiveLambda
    case .setMaxCG: self = .maxCG
    case .setMinCG: self = .minCG
    case .setCurvatureBatch: self = .curvatureBatch
    case .setPreconditioner: self = .preconditioner
    case .setCurvature: self = .curvature
    case .setStructuralDamping: self = .structuralDamping
    case .setLineSearch: self = .lineSearch
    case .setBacktracking: self = .backtracking
    case .setWeightCost: self = .weightCost
    case .setWarmStartDecay: self = .warmStart
    case .setRhoModel: self = .rhoModel
    case .pause, .resume, .stepOnce, .stop, .restart, .continueRun, .setRacerPaused, .dropRacer: return nil
    }
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
