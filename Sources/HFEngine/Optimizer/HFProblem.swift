/// What the HF loop needs from a model and its data: sums over cases on the data of the current
/// iteration. Feed-forward nets (`FeedForwardProblem`) and recurrent nets implement it.
public protocol HFProblem<Scalar>: AnyObject {
  associatedtype Scalar: HFScalar
  /// Length of the flat parameter vector.
  var parameterCount: Int { get }
  /// Names of the parameter groups `groupNorms` reports (W1, W2, … or input/recurrent/output).
  var groupNames: [String] { get }
  /// Chooses the data of HF iteration `iteration` (cycled batches, or fresh ones).
  func beginIteration(_ iteration: Int, config: HFConfig)
  /// Mean loss gradient (no weight cost) on this iteration's gradient data, plus the mean
  /// per-case squared gradients when `squares` is given; returns the sums it saw.
  func gradient(theta: Buffer<Scalar>, into gradient: Buffer<Scalar>, squares: Buffer<Scalar>?) -> EvaluationSums
  /// Loss/error sums on the data backtracking and the line search use.
  func evaluate(theta: Buffer<Scalar>) -> EvaluationSums
  /// Checked between blocks of rows by `gradient`, `evaluate` and `evaluateCurvatureBatch` (never
  /// by `evaluateTest`): once requested the pass returns early with partial sums, which the
  /// caller must discard. A problem may ignore it (a distributed one, whose ranks must agree).
  var interruption: Interruption? { get set }
  /// Fixes the curvature batch at θ (caches activations); returns its sums.
  func prepareCurvature(theta: Buffer<Scalar>, type: CurvatureType) -> EvaluationSums
  /// Loss/error sums on the curvature batch at another θ (for ρ).
  func evaluateCurvatureBatch(theta: Buffer<Scalar>) -> EvaluationSums
  /// out ← C·v on the curvature batch (mean over cases; no Tikhonov term, no weight cost), plus
  /// `structuralDamping`·J_tᵀD''J_t v for models that have structural damping.
  func curvatureProduct(
    theta: Buffer<Scalar>, v: UnsafePointer<Scalar>, into out: UnsafeMutablePointer<Scalar>, type: CurvatureType,
    structuralDamping: Double)
  /// Loss/error sums on the test set, if there is one.
  func evaluateTest(theta: Buffer<Scalar>) -> EvaluationSums?
  /// Recurrent problems: mean ‖∂E/∂hₜ‖ per time step from the last `gradient` call (nil otherwise).
  var timeStepGradientNorms: [Double]? { get }
  /// Per-group Euclidean norms of a parameter-sized vector.
  func groupNorms(_ vector: UnsafePointer<Scalar>) -> [Double]
  /// Data passes a gradient, an evaluation and a curvature product on this iteration's batches cost
  /// (relative to one gradient over the training set).
  var passCosts: PassCosts { get }
  /// Whether `evaluate` sees the gradient's data (so the line search may compare with the
  /// gradient's objective); false when backtracking and the line search use held-out batches.
  var evaluatesOnGradientData: Bool { get }
  /// Seconds spent communicating with other processes so far (0 for a problem in one process).
  var communicationSeconds: Double { get }
  /// Whether `curvatureProduct` adds the structural-damping term (recurrent nets).
  var hasStructuralDamping: Bool { get }
}

extension HFProblem {
  /// Feed-forward problems evaluate on the gradient's data.
  public var evaluatesOnGradientData: Bool { true }
  /// A problem in one process does not communicate.
  public var communicationSeconds: Double { 0 }
  /// Feed-forward problems have no structural damping.
  public var hasStructuralDamping: Bool { false }
}

extension HFProblem {
  /// Per-time-step gradient norms of the last gradient computation (recurrent problems); nil here.
  public var timeStepGradientNorms: [Double]? { nil }
}

/// The cost of one operation in passes over the training set (gradient-equivalents).
public struct PassCosts: Sendable, Equatable {
  public var gradient: Double
  public var evaluation: Double
  public var curvatureProduct: Double
  public var curvatureSetup: Double
  public var curvatureEvaluation: Double
  public init(gradient: Double, evaluation: Double, curvatureProduct: Double, curvatureSetup: Double, curvatureEvaluation: Double) {
    self.gradient = gradient
    self.evaluation = evaluation
    self.curvatureProduct = curvatureProduct
    self.curvatureSetup = curvatureSetup
    self.curvatureEvaluation = curvatureEvaluation
  }
}
