import HFEngine

/// How one racer finished a race: where it ended, what it spent, and how fast it matched the others.
public struct RaceStanding: Sendable, Equatable, Codable {
  public var kind: OptimizerKind
  /// Iterations (reporting intervals) it completed.
  public var iterations: Int
  /// Training objective and error after its last iteration.
  public var finalObjective: Double
  public var finalError: Double
  /// Passes over the training set it spent.
  public var dataPasses: Double
  /// Its lowest finite training objective (NaN when it never had one).
  public var bestObjective: Double
  /// The lowest finite objective any other racer reached (nil without another finite racer).
  public var othersBest: Double?
  /// Passes it had spent when its objective first reached `othersBest` (nil: never).
  public var passesToOthersBest: Double?

  /// A standing from every field.
  public init(
    kind: OptimizerKind, iterations: Int, finalObjective: Double, finalError: Double, dataPasses: Double, bestObjective: Double,
    othersBest: Double?, passesToOthersBest: Double?
  ) {
    self.kind = kind
    self.iterations = iterations
    self.finalObjective = finalObjective
    self.finalError = finalError
    self.dataPasses = dataPasses
    self.bestObjective = bestObjective
    self.othersBest = othersBest
    self.passesToOthersBest = passesToOthersBest
  }
}

/// One reported point of a racer's progress: what race standings and race charts read from an
/// iteration report.
public struct RaceProgress: Sendable, Equatable {
  /// The racer's own iteration (HF iteration, or reporting interval of a first-order method).
  public var iteration: Int
  /// Data passes spent after this report.
  public var dataPasses: Double
  public var objective: Double
  public var error: Double
  public var testError: Double?
  /// Seconds of the racer's own compute up to this report (0 when nobody summed them).
  public var seconds: Double
  /// A point from every field.
  public init(iteration: Int, dataPasses: Double, objective: Double, error: Double, testError: Double? = nil, seconds: Double = 0) {
    self.iteration = iteration
    self.dataPasses = dataPasses
    self.objective = objective
    self.error = error
    self.testError = testError
    self.seconds = seconds
  }
  /// The point an iteration report describes, after `seconds` of the racer's compute.
  public init(_ r: IterationReport, seconds: Double = 0) {
    self.init(
      iteration: r.iteration, dataPasses: r.dataPasses, objective: r.objective, error: r.error, testError: r.testError,
      seconds: seconds)
  }
}

/// The summary table of a race (the headless summary and the dashboard's racers table).
public enum RaceStandings {
  /// One standing per racer with at least one report, in the order given.
  public static func compute(_ racers: [(kind: OptimizerKind, reports: [IterationReport])]) -> [RaceStanding] {
    compute(racers.map { (kind: $0.kind, progress: $0.reports.map { RaceProgress($0) }) })
  }

  /// One standing per racer with at least one point, in the order given.
  public static func compute(_ racers: [(kind: OptimizerKind, progress: [RaceProgress])]) -> [RaceStanding] {
    let entries = racers.filter { !$0.progress.isEmpty }
    let bests = entries.map { entry in entry.progress.map(\.objective).filter(\.isFinite).min() }
    return entries.enumerated().map { index, entry in
      let others = bests.enumerated().compactMap { $0.offset == index ? nil : $0.element }
      let othersBest = others.min()
      let reached = othersBest.flatMap { target in entry.progress.first { $0.objective.isFinite && $0.objective <= target } }
      let last = entry.progress[entry.progress.count - 1]
      return RaceStanding(
        kind: entry.kind, iterations: last.iteration, finalObjective: last.objective, finalError: last.error,
        dataPasses: last.dataPasses, bestObjective: bests[index] ?? .nan, othersBest: othersBest,
        passesToOthersBest: reached?.dataPasses)
    }
  }
}
