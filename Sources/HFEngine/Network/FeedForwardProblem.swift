/// A feed-forward model on a fixed training set: the gradient, backtracking and line search on
/// the full set (or a cycled large batch), the curvature on one of `chunks` partitions, cycled.
// @unchecked Sendable: owned by one engine thread at a time (the session's queue, or a verifier).
public final class FeedForwardProblem<S: HFScalar>: HFProblem, @unchecked Sendable {
  public let model: FeedForwardModel<S>
  public let train: DataMatrix<S>
  public let test: DataMatrix<S>?
  private(set) var gradientRows: Range<Int>
  private(set) var curvatureRows: Range<Int>
  /// This rank's parts of the batches above (the batches themselves in one process).
  private var localGradientRows: Range<Int>
  private var localCurvatureRows: Range<Int>
  /// The part of every batch (gradient, curvature, evaluation, test) this process computes: the
  /// whole batch unless the run is distributed, where `DistributedProblem` sums the parts. A part
  /// of several returns sums, not means: its gradient, squares and curvature products are not
  /// divided by the case count (the sum over ranks is, once), so 2 ranks × 1 thread add exactly
  /// what 1 process × 2 threads adds.
  public let part: RankPart
  private var divisor: Int? { part.size > 1 ? 1 : nil }

  public init(model: FeedForwardModel<S>, train: DataMatrix<S>, test: DataMatrix<S>?, part: RankPart = .whole) {
    self.model = model
    self.train = train
    self.test = test
    self.part = part
    gradientRows = 0..<train.count
    curvatureRows = 0..<train.count
    localGradientRows = part.of(gradientRows)
    localCurvatureRows = part.of(curvatureRows)
  }

  public var parameterCount: Int { model.parameterCount }
  public var interruption: Interruption?
  public var groupNames: [String] { (1...model.layout.layers.count).map { "W\($0)" } }

  public func beginIteration(_ it: Int, config: HFConfig) {
    let n = train.count
    if let b = config.gradientBatchSize, b < n {
      let k = (it - 1) % (n / b)
      gradientRows = (k * b)..<(k * b + b)
    } else {
      gradientRows = 0..<n
    }
    let size = Swift.min(n, Swift.max(1, config.curvatureBatchSize ?? (n / Swift.max(1, config.chunks))))
    let k = (it - 1) % Swift.max(1, n / size)
    curvatureRows = (k * size)..<(k * size + size)
    localGradientRows = part.of(gradientRows)
    localCurvatureRows = part.of(curvatureRows)
  }

  public func gradient(theta: Buffer<S>, into gradient: Buffer<S>, squares: Buffer<S>?) -> EvaluationSums {
    model.gradient(
      theta: theta, data: train, rows: localGradientRows, into: gradient, squares: squares, meanOver: divisor, stop: interruption)
  }

  public func evaluate(theta: Buffer<S>) -> EvaluationSums {
    model.evaluate(theta: theta, data: train, rows: localGradientRows, stop: interruption)
  }

  public func prepareCurvature(theta: Buffer<S>, type: CurvatureType) -> EvaluationSums {
    model.prepareCurvature(theta: theta, data: train, rows: localCurvatureRows, type: type, meanOver: divisor)
  }

  public func evaluateCurvatureBatch(theta: Buffer<S>) -> EvaluationSums {
    model.evaluate(theta: theta, data: train, rows: localCurvatureRows, stop: interruption)
  }

  public func curvatureProduct(
    theta: Buffer<S>, v: UnsafePointer<S>, into out: UnsafeMutablePointer<S>, type: CurvatureType,
    structuralDamping: Double
  ) {
    model.curvatureProduct(theta: theta, v: v, into: out, type: type)
  }

  public func evaluateTest(theta: Buffer<S>) -> EvaluationSums? {
    test.map { model.evaluate(theta: theta, data: $0, rows: part.of(0..<$0.count)) }
  }

  public func groupNorms(_ vector: UnsafePointer<S>) -> [Double] { model.layerNorms(vector) }

  /// GEMM work per case: forward 1 unit, gradient 3 (forward + two backward products),
  /// a Gauss-Newton product 4 (two R-forward, two backward).
  public var passCosts: PassCosts {
    let n = Double(train.count)
    let g = Double(gradientRows.count) / n, c = Double(curvatureRows.count) / n
    return PassCosts(
      gradient: g, evaluation: g / 3, curvatureProduct: c * 4 / 3, curvatureSetup: c / 3, curvatureEvaluation: c / 3)
  }
}
