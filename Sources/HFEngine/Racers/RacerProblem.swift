/// What a racer needs from a model and its training set: mean-loss gradients and evaluations on
/// row ranges of the (once-shuffled) training set, the test set, and per-group norms. Sums carry
/// no weight cost: the racers add wc/2·‖θ‖² (and wc·θ to gradients) exactly like HF.
public protocol RacerProblem<Scalar>: AnyObject {
  associatedtype Scalar: HFScalar
  /// Length of the flat parameter vector.
  var parameterCount: Int { get }
  /// Training cases N (a gradient on b cases costs b/N data passes).
  var caseCount: Int { get }
  /// Names of the parameter groups `groupNorms` reports (W1, W2, …).
  var groupNames: [String] { get }
  /// Mean loss gradient (no weight cost) over training rows `rows` into `gradient`; returns the sums.
  func gradient(theta: Buffer<Scalar>, rows: Range<Int>, into gradient: Buffer<Scalar>) -> EvaluationSums
  /// Loss/error sums over training rows `rows` (forward passes only).
  func evaluate(theta: Buffer<Scalar>, rows: Range<Int>) -> EvaluationSums
  /// Loss/error sums on the test set, if there is one.
  func evaluateTest(theta: Buffer<Scalar>) -> EvaluationSums?
  /// Per-group Euclidean norms of a parameter-sized vector.
  func groupNorms(_ vector: UnsafePointer<Scalar>) -> [Double]
  /// Checked between blocks of rows by `gradient` and `evaluate` (never by `evaluateTest`): once
  /// requested the pass returns early with partial sums, and the racer's step is abandoned.
  var interruption: Interruption? { get set }
}

/// A feed-forward network on a fixed training set, as a racer sees it. Each racer gets its own
/// `FeedForwardModel` (its own workspaces) while the data matrices are shared.
// @unchecked Sendable: each racer's model is its own; the shared data matrices are read-only.
public final class FeedForwardRacerProblem<S: HFScalar>: RacerProblem, @unchecked Sendable {
  public let model: FeedForwardModel<S>
  public let train: DataMatrix<S>
  public let test: DataMatrix<S>?

  public init(model: FeedForwardModel<S>, train: DataMatrix<S>, test: DataMatrix<S>?) {
    self.model = model
    self.train = train
    self.test = test
  }

  public var parameterCount: Int { model.parameterCount }
  public var caseCount: Int { train.count }
  public var interruption: Interruption?
  public var groupNames: [String] { (1...model.layout.layers.count).map { "W\($0)" } }

  public func gradient(theta: Buffer<S>, rows: Range<Int>, into gradient: Buffer<S>) -> EvaluationSums {
    model.gradient(theta: theta, data: train, rows: rows, into: gradient, stop: interruption)
  }

  public func evaluate(theta: Buffer<S>, rows: Range<Int>) -> EvaluationSums {
    model.evaluate(theta: theta, data: train, rows: rows, stop: interruption)
  }

  public func evaluateTest(theta: Buffer<S>) -> EvaluationSums? {
    test.map { model.evaluate(theta: theta, data: $0, rows: 0..<$0.count) }
  }

  public func groupNorms(_ vector: UnsafePointer<S>) -> [Double] { model.layerNorms(vector) }
}
