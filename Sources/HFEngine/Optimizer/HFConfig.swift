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
    typealias B = Bounds
    let checks: [(String, Double, SettingBounds)] = [
      ("λ", initialLambda, B.lambda), ("max CG", Double(cg.maxIterations), B.maxCG),
      ("min CG", Double(cg.minIterations), B.minCG), ("the CG tolerance", cg.tolerance, B.cgTolerance),
      ("the number of curvature chunks", Double(chunks), B.chunks),
      ("the curvature batch", Double(curvatureBatchSize ?? 1), B.batch),
      ("the gradient batch", Double(gradientBatchSize ?? 1), B.batch), ("the weight cost", weightCost, B.weightCost),
      ("the warm-start decay", warmStartDecay, B.warmStartDecay),
      ("the preconditioner exponent", preconditionerExponent, B.preconditionerExponent),
      ("μ", structuralDamping, B.structuralDamping), ("threads", Double(threads), B.threads),
      ("the test interval", Double(testInterval), B.testInterval),
    ]
    for (name, value, bounds) in checks {
      if let problem = bounds.check(value, name) { return problem }
    }
    if cg.minIterations > cg.maxIterations {
      return "min CG must be at most max CG \(cg.maxIterations) (got \(cg.minIterations))."
    }
    if !(lambdaIncrease > 1) { return "the λ increase factor must be > 1 (got \(lambdaIncrease))." }
    if !(lambdaDecrease > 0 && lambdaDecrease < 1) { return "the λ decrease factor must be in (0, 1) (got \(lambdaDecrease))." }
    return nil
  }

  /// The valid values of the numeric settings: the one place both this check and the settings
  /// table (HFRecording's `Settings`) take them from.
  public enum Bounds {
    public static let lambda = SettingBounds.atLeast(0)
    /// A factor λ is multiplied by.
    public static let lambdaFactor = SettingBounds.above(0)
    public static let maxCG = SettingBounds.count(atLeast: 1)
    public static let minCG = SettingBounds.count(atLeast: 0)
    public static let cgTolerance = SettingBounds(lower: 0, lowerInclusive: false, upper: 1)
    public static let chunks = SettingBounds.count(atLeast: 1)
    /// Curvature and gradient batches, in cases.
    public static let batch = SettingBounds.count(atLeast: 1)
    public static let weightCost = SettingBounds.atLeast(0)
    public static let warmStartDecay = SettingBounds(lower: 0, upper: 1)
    public static let preconditionerExponent = SettingBounds(lower: 0, upper: 1)
    public static let structuralDamping = SettingBounds.atLeast(0)
    public static let threads = SettingBounds(lower: 1, upper: 1024, whole: true)
    public static let testInterval = SettingBounds.count(atLeast: 0)
  }
}
