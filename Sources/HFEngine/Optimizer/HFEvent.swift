/// Wall time of each phase of an HF iteration, in seconds.
public struct PhaseTimes: Sendable, Equatable, Codable {
  public var gradient = 0.0
  public var cg = 0.0
  public var backtracking = 0.0
  public var lineSearch = 0.0
  public var evaluation = 0.0
  public var total = 0.0
  /// Time inside collective operations with other ranks (distributed runs; part of the phases above;
  /// 0 in files written before it existed).
  @DefaultWhenAbsent public var communication = 0.0
  public init() {}
}

/// Everything one finished HF iteration reports (what the dashboard shows and recordings keep).
public struct IterationReport: Sendable, Equatable, Codable {
  public var iteration: Int
  /// Training objective f(θ) after the step (mean loss + weight cost).
  public var objective: Double
  /// Training error after the step (squared error per case, or classification error rate).
  public var error: Double
  /// Training objective before the step.
  public var objectiveBefore: Double
  public var testObjective: Double?
  public var testError: Double?
  public var lambdaBefore: Double
  public var lambdaAfter: Double
  public var rho: Double
  public var rhoModel: RhoModel
  public var cgIterations: Int
  public var cgChosen: Int
  public var cgReason: CGTermination
  /// Line-search rate (0 = step rejected).
  public var stepRate: Double
  public var accepted: Bool
  public var gradientNorm: Double
  public var stepNorm: Double
  public var layerGradientNorms: [Double]
  public var layerStepNorms: [Double]
  public var curvatureProducts: Int
  /// Passes over the training set spent so far (gradient-equivalents; a curvature product on
  /// m cases counts as 2·m/N passes).
  public var dataPasses: Double
  public var curvatureBatch: Int
  public var curvatureType: CurvatureType
  public var times: PhaseTimes
  /// Recurrent nets: the mean ‖∂E/∂hₜ‖ at each time step t on this iteration's gradient batch
  /// (how the gradient fades back through time); nil for feed-forward nets.
  public var timeStepGradientNorms: [Double]?
  /// The method that produced the report (HF unless set by a racer).
  public var optimizer: OptimizerKind = .hf
  /// First-order methods: the learning rate (step size) used in this reporting interval.
  public var learningRate: Double? = nil
  /// Momentum methods: the momentum coefficient at the end of this reporting interval.
  public var momentum: Double? = nil
  /// HF: the extreme Ritz values of this iteration's CG run and κ (nil for other optimizers, and where CG
  /// ran under two steps).
  public var spectrumExtremes: SpectrumExtremes? = nil
  /// Set when the iteration was rejected because a value went NaN or infinite: which, and where
  /// (θ was kept; HF raised λ, a racer shrank its step). nil for a clean iteration.
  public var nonFinite: NonFiniteValue? = nil

  /// Creates a report from every field.
  public init(
    iteration: Int, objective: Double, error: Double, objectiveBefore: Double, testObjective: Double?,
    testError: Double?, lambdaBefore: Double, lambdaAfter: Double, rho: Double, rhoModel: RhoModel, cgIterations: Int,
    cgChosen: Int, cgReason: CGTermination, stepRate: Double, accepted: Bool, gradientNorm: Double, stepNorm: Double,
    layerGradientNorms: [Double], layerStepNorms: [Double], curvatureProducts: Int, dataPasses: Double,
    curvatureBatch: Int, curvatureType: CurvatureType, times: PhaseTimes, timeStepGradientNorms: [Double]? = nil
  ) {
    self.timeStepGradientNorms = timeStepGradientNorms
    self.iteration = iteration
    self.objective = objective
    self.error = error
    self.objectiveBefore = objectiveBefore
    self.testObjective = testObjective
    self.testError = testError
    self.lambdaBefore = lambdaBefore
    self.lambdaAfter = lambdaAfter
    self.rho = rho
    self.rhoModel = rhoModel
    self.cgIterations = cgIterations
    self.cgChosen = cgChosen
    self.cgReason = cgReason
    self.stepRate = stepRate
    self.accepted = accepted
    self.gradientNorm = gradientNorm
    self.stepNorm = stepNorm
    self.layerGradientNorms = layerGradientNorms
    self.layerStepNorms = layerStepNorms
    self.curvatureProducts = curvatureProducts
    self.dataPasses = dataPasses
    self.curvatureBatch = curvatureBatch
    self.curvatureType = curvatureType
    self.times = times
  }
}

/// What the HF loop reports, in order, through its observer.
public enum HFEvent: Sendable, Equatable {
  case iterationStarted(iteration: Int, lambda: Double)
  case cgStep(CGStep)
  case cgFinished(CGSummary)
  case iterationFinished(IterationReport)
  case warning(iteration: Int, message: String)
}

extension HFEvent {
  /// The HF iteration the event belongs to.
  public var iteration: Int {
    switch self {
    case .iterationStarted(let i, _): i
    case .cgStep(let s): s.hfIteration
    case .cgFinished(let s): s.hfIteration
    case .iterationFinished(let r): r.iteration
    case .warning(let i, _): i
    }
  }
}

/// What the observer tells the loop after an event.
public enum HFDirective: Sendable {
  case proceed
  /// Abandon the running HF iteration at the next CG step (parameters unchanged).
  case stop
}
