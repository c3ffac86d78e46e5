/// Which quadratic model ρ compares the actual reduction with.
public enum RhoModel: String, Codable, Sendable, CaseIterable {
  /// λ switched off, weight cost kept (Martens' feed-forward code).
  case undamped
  /// The damped model CG minimized, including structural damping (Sutskever's RNN code).
  case damped
}

/// Every HF hyperparameter; defaults are DESIGN.md's decided engine defaults.
public struct HFConfig: Codable, Sendable, Equatable {
  /// Initial Tikhonov damping λ₀ (added to the per-case averaged curvature).
  public var initialLambda: Double = 45
  /// Whether the Levenberg–Marquardt rule adapts λ (false = frozen).
  public var adaptiveLambda = true
  /// ρ below this raises λ.
  public var rhoLow = 0.25
  /// ρ above this lowers λ.
  public var rhoHigh = 0.75
  /// λ multiplier when ρ < rhoLow.
  public var lambdaIncrease = 1.5
  /// λ multiplier when ρ > rhoHigh.
  public var lambdaDecrease = 2.0 / 3.0
  /// Which model ρ uses.
  public var rhoModel = RhoModel.undamped
  /// Conjugate gradient settings.
  public var cg = CGSettings()
  /// Warm start: the previous final CG iterate times this (0 = cold start).
  public var warmStartDecay = 0.95
  /// Whether CG iterates are backtracked on the training objective.
  public var backtracking = true
  /// Whether the diagonal preconditioner is used.
  public var preconditioner = true
  /// Its exponent α in M = (diag(Σg²)/N + λ + wc)^α.
  public var preconditionerExponent = 0.75
  /// Whether the Armijo line search runs after backtracking.
  public var lineSearch = true
  public var armijoC = 1e-2
  public var lineSearchShrink = 0.8
  public var lineSearchMaxTries = 60
  /// L2 weight cost wc (objective gets wc/2·‖θ‖²).
  public var weightCost = 2e-5
  /// The curvature matrix CG uses.
  public var curvature = CurvatureType.gaussNewton
  /// The training set is split into this many curvature batches, cycled (when
  /// `curvatureBatchSize` is nil).
  public var chunks = 4
  /// An explicit curvature batch size, overriding `chunks`.
  public var curvatureBatchSize: Int? = nil
  /// Cases for the gradient, backtracking and line search (nil = the full training set).
  public var gradientBatchSize: Int? = nil
  /// Evaluate the test set every this many HF iterations (0 = never).
  public var testInterval = 1
  /// Structural damping μ (Martens & Sutskever 2011): the curvature gets μλ·J_tᵀD''J_t; only
  /// models with hidden state dynamics (recurrent nets) use it.
  public var structuralDamping = 0.03
  /// Worker shards (cores) per pass.
  public var threads = 1

  public init() {}

  /// The first setting that cannot work, described in one sentence (nil when all are valid).
  public var validationError: String? {
    if !(initialLambda >= 0) || !initialLambda.isFinite { return "λ must be a finite number ≥ 0 (got \(initialLambda))." }
    if cg.maxIterations < 1 { return "the CG iteration cap must be at least 1 (got \(cg.maxIterations))." }
    if cg.minIterations < 0 || cg.minIterations > cg.maxIterations {
      return "the CG minimum iterations must be between 0 and the cap \(cg.maxIterations) (got \(cg.minIterations))."
    }
    if chunks < 1 { return "the number of curvature chunks must be at least 1 (got \(chunks))." }
    if let b = curvatureBatchSize, b < 1 { return "the curvature batch size must be at least 1 (got \(b))." }
    if let b = gradientBatchSize, b < 1 { return "the gradient batch size must be at least 1 (got \(b))." }
    if weightCost < 0 || !weightCost.isFinite { return "the weight cost must be ≥ 0 (got \(weightCost))." }
    if !(lambdaIncrease > 1) { return "the λ increase factor must be > 1 (got \(lambdaIncrease))." }
    if !(lambdaDecrease > 0 && lambdaDecrease < 1) { return "the λ decrease factor must be in (0, 1) (got \(lambdaDecrease))." }
    if !(warmStartDecay >= 0 && warmStartDecay <= 1) { return "the warm-start decay must be in [0, 1] (got \(warmStartDecay))." }
    if threads < 1 { return "threads must be at least 1 (got \(threads))." }
    if testInterval < 0 { return "the test interval must be ≥ 0 (got \(testInterval))." }
    return nil
  }
}
