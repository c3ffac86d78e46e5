/// Which optimization method a run (or one racer of a race) uses.
public enum OptimizerKind: String, Codable, Sendable, CaseIterable {
  /// Martens' Hessian-free optimizer.
  case hf
  /// Mini-batch SGD with Nesterov momentum and the schedule of Sutskever, Martens, Dahl & Hinton (2013).
  case sgd
  /// Mini-batch SGD with classical momentum.
  case momentum
  /// Adam (Kingma & Ba 2015) with bias correction.
  case adam
  /// Non-linear conjugate gradient, Polak–Ribière with restarts and a line search.
  case ncg
  /// Limited-memory BFGS with a line search.
  case lbfgs

  /// The name shown in legends and tables ("HF", "SGD", "L-BFGS").
  public var displayName: String {
    switch self {
    case .hf: "HF"
    case .sgd: "SGD-N"
    case .momentum: "SGD-M"
    case .adam: "Adam"
    case .ncg: "NCG"
    case .lbfgs: "L-BFGS"
    }
  }
}

/// Any optimizer a session can run one iteration at a time on the same problem: HF, or a
/// first-order / quasi-Newton racer. All report `IterationReport`s through `HFEvent`s; the fields
/// that do not apply to a method keep neutral values (λ 0, ρ NaN, no CG iterations).
public protocol TrainingOptimizer<Scalar>: AnyObject {
  associatedtype Scalar: HFScalar
  /// Which method this is.
  var kind: OptimizerKind { get }
  /// The parameters θ.
  var theta: Buffer<Scalar> { get }
  /// Completed iterations (HF iterations, or reporting intervals of first-order methods).
  var iteration: Int { get }
  /// Passes over the training set spent so far (gradient-equivalents).
  var dataPasses: Double { get }
  /// Once a stop is requested through it, the running iteration is abandoned at its next check
  /// (inside its passes over the data too) with nothing changed, and `step` returns nil.
  var interruption: Interruption? { get set }
  /// Runs one iteration, reporting through `observer`; nil (θ unchanged) when the observer stopped it.
  @discardableResult
  func step(observer: (HFEvent) -> HFDirective) -> IterationReport?
}

extension HFOptimizer: TrainingOptimizer {
  /// Always `.hf`.
  public var kind: OptimizerKind { .hf }
}
