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
  /// Stop the run after this many consecutive iterations rejected for a non-finite value (nil:
  /// `defaultFailureLimit`). Optional so that configurations recorded before it existed still read.
  public var consecutiveFailureLimit: Int? = nil

  /// The failure limit in force: `consecutiveFailureLimit`, else `defaultFailureLimit`.
  public var failureLimit: Int { consecutiveFailureLimit ?? Self.defaultFailureLimit }
  /// Ten consecutive non-finite iterations end a run.
  public static let defaultFailureLimit = 10

  public init() {}
}
