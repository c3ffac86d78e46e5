import HFEngine

/// A run drawn beside the live or replayed one as a "ghost": a published reference run or another
/// recording, per HF iteration. Values a source does not have are nil.
public struct ComparisonRun: Sendable, Equatable {
  /// What the run is ("Martens 2010 HF on CURVES", or a recording's file name).
  public var title: String
  /// The short name legends and the status line use ("paper", "B").
  public var label: String
  /// Where the figures come from, the data and the settings, one line each (for headers and `--help`).
  public var details: [String]
  /// HF iteration numbers (one parameter update each), ascending.
  public var iterations: [Int]
  public var trainError: [Double?]
  public var testError: [Double?]
  /// The training objective (a reference's is the negative log-likelihood, without weight cost).
  public var objective: [Double?]
  /// λ during the iteration (before its update).
  public var lambda: [Double?]
  public var rho: [Double?]
  /// CG steps computed and the one backtracking chose.
  public var cgIterations: [Double?]
  public var cgChosen: [Double?]
  /// Data passes after the iteration; nil when the source does not count them.
  public var dataPasses: [Double]?

  /// A run with every column given (arrays parallel to `iterations`).
  public init(
    title: String, label: String, details: [String], iterations: [Int], trainError: [Double?], testError: [Double?],
    objective: [Double?], lambda: [Double?], rho: [Double?], cgIterations: [Double?], cgChosen: [Double?],
    dataPasses: [Double]?
  ) {
    self.title = title
    self.label = label
    self.details = details
    self.iterations = iterations
    self.trainError = trainError
    self.testError = testError
    self.objective = objective
    self.lambda = lambda
    self.rho = rho
    self.cgIterations = cgIterations
    self.cgChosen = cgChosen
    self.dataPasses = dataPasses
  }

  /// A recorded run's iterations (`label` names it in legends).
  public init(reports: [IterationReport], title: String, label: String, details: [String] = []) {
    let rs = reports.filter { $0.optimizer == .hf }
    self.init(
      title: title, label: label, details: details, iterations: rs.map(\.iteration), trainError: rs.map(\.error),
      testError: rs.map(\.testError), objective: rs.map(\.objective), lambda: rs.map(\.lambdaBefore), rho: rs.map(\.rho),
      cgIterations: rs.map { Double($0.cgIterations) }, cgChosen: rs.map { Double($0.cgChosen) },
      dataPasses: rs.map(\.dataPasses))
  }

  /// Whether the run has no iterations.
  public var isEmpty: Bool { iterations.isEmpty }

  /// The index of the last iteration at or before `iteration` (nil before the first).
  public func index(atOrBefore iteration: Int) -> Int? {
    var lo = 0, hi = iterations.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if iterations[mid] <= iteration { lo = mid + 1 } else { hi = mid }
    }
    return lo > 0 ? lo - 1 : nil
  }
}
