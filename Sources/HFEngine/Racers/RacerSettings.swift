/// Settings of the first-order and quasi-Newton racers (`OptimizerKind` other than `.hf`).
///
/// Defaults follow Sutskever, Martens, Dahl & Hinton (2013, "On the importance of initialization
/// and momentum in deep learning", §4 and Table 1): mini-batches of 200 cases from the sparse
/// initialization, Nesterov momentum under the schedule of `MomentumSchedule` with μ_max picked
/// from {0.9, 0.99, 0.995, 0.999}, and a learning rate from a small grid (they report grids of
/// 0.05 … 0.0001 for the autoencoders). Adam follows Kingma & Ba (2015, Algorithm 1).
public struct RacerSettings: Codable, Sendable, Equatable {
  /// SGD / momentum learning rate ε (step size on the mean mini-batch gradient).
  public var learningRate: Double
  /// Upper bound μ_max of the momentum schedule.
  public var momentumMax: Double
  /// Mini-batch size of SGD, momentum and Adam (cases per update).
  public var batchSize: Int
  /// How the learning rate of the mini-batch methods decays with the update count.
  public var schedule: LearningRateSchedule
  /// Adam's step size α.
  public var adamRate: Double
  /// Number of (s, y) pairs L-BFGS keeps.
  public var lbfgsHistory: Int
  /// Non-linear CG restarts to steepest descent every this many iterations (nil: every n =
  /// parameter-count iterations, the classical rule, i.e. practically only the other tests).
  public var ncgRestartInterval: Int?
  /// Cases NCG and L-BFGS compute gradients and line searches on (nil: the full training set).
  public var fullBatchSize: Int?
  /// Data passes of mini-batch updates per reported iteration of SGD, momentum and Adam.
  public var passesPerReport: Double

  /// The defaults for a preset of `kind` (data kind decides the SGD learning rate).
  public init(for kind: DataKind = .autoencoder) {
    learningRate = Self.defaultLearningRate(for: kind)
    momentumMax = 0.99
    batchSize = 200
    schedule = .constant
    adamRate = 1e-3
    lbfgsHistory = 10
    ncgRestartInterval = nil
    fullBatchSize = nil
    passesPerReport = 1
  }

  /// The default SGD learning rate for a data kind: 0.01 for the autoencoders (inside Sutskever
  /// et al.'s grid; measured on `curves` seed 1 from the sparse initialization with μ_max 0.99:
  /// training error 22.4 → 18.0 after 20 passes and 10.5 after 60, steadily falling, where 0.05
  /// stalls near 14–15 once μ passes 0.95 and 0.005 reaches only 19.4 after 20 passes), 0.05 for
  /// classifiers (mean softmax cross-entropy has far smaller gradients than a 784-output
  /// reconstruction; not measured here).
  public static func defaultLearningRate(for kind: DataKind) -> Double {
    switch kind {
    case .autoencoder: 0.01
    case .classifier: 0.05
    }
  }

  /// The values Sutskever et al. (2013) tried for μ_max.
  public static let publishedMomentumMaxima: [Double] = [0.9, 0.99, 0.995, 0.999]

  /// A one-line description of the settings `kind` uses ("lr 0.01, Nesterov μ ≤ 0.99, batch 200").
  public func summary(for kind: OptimizerKind) -> String {
    let decay = schedule.summary.map { ", " + $0 } ?? ""
    let batch = fullBatchSize.map { "batch \($0)" } ?? "full batch"
    switch kind {
    case .hf: return "Hessian-free"
    case .sgd: return "lr \(Self.format(learningRate))\(decay), Nesterov μ ≤ \(Self.format(momentumMax)), batch \(batchSize)"
    case .momentum: return "lr \(Self.format(learningRate))\(decay), classical μ ≤ \(Self.format(momentumMax)), batch \(batchSize)"
    case .adam: return "α \(Self.format(adamRate))\(decay), β 0.9/0.999, batch \(batchSize)"
    case .ncg:
      let restart = ncgRestartInterval.map { ", restart every \($0)" } ?? ""
      return "Polak–Ribière+, strong Wolfe\(restart), \(batch)"
    case .lbfgs: return "history \(lbfgsHistory), strong Wolfe, \(batch)"
    }
  }

  /// Why these settings cannot run (outside the ranges of `ValidRanges.swift`), as one sentence
  /// fragment; nil when they can.
  public var validationError: String? {
    typealias R = RangeText
    if !R.holds(Self.rateRange, learningRate) { return "the learning rate must be \(R.number(Self.rateRange)) (got \(learningRate))." }
    if !Self.momentumMaxRange.contains(momentumMax) { return "the momentum maximum must lie in [0, 1) (got \(momentumMax))." }
    if !Self.batchSizeRange.contains(batchSize) { return "the mini-batch size must be \(R.whole(Self.batchSizeRange)) (got \(batchSize))." }
    if !R.holds(Self.rateRange, adamRate) { return "the Adam rate must be \(R.number(Self.rateRange)) (got \(adamRate))." }
    if !Self.lbfgsHistoryRange.contains(lbfgsHistory) {
      return "the L-BFGS history must hold \(R.whole(Self.lbfgsHistoryRange)) pairs (got \(lbfgsHistory))."
    }
    if let n = ncgRestartInterval, !Self.restartIntervalRange.contains(n) { return "the NCG restart interval must be at least 1 (got \(n))." }
    if let b = fullBatchSize, !Self.batchSizeRange.contains(b) {
      return "the NCG/L-BFGS batch must be \(R.whole(Self.batchSizeRange)) cases (got \(b))."
    }
    if !R.holds(Self.passesPerReportRange, passesPerReport) {
      return "the passes per report must be \(R.number(Self.passesPerReportRange)) (got \(passesPerReport))."
    }
    if let problem = schedule.validationError { return problem }
    return nil
  }

  /// Throws `validationError` as one sentence ("Impossible racer setting: …").
  public func validate() throws(DataError) {
    if let problem = validationError { throw DataError("Impossible racer setting: " + problem) }
  }

  static func format(_ v: Double) -> String { NumberFormat.compact(v) }
}
