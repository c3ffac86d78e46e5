/// The valid range of every size and setting that reaches the engine from outside — flags, `:`
/// commands, recorded configurations, data-file headers — in one place (docs/LIMITS.md lists
/// them with the reasons). `TrainingSetup` checks them, and the memory a run needs
/// (`MemoryBudget`), before it allocates anything; the command-line and settings tables can
/// quote them.
extension HFConfig {
  /// λ: any finite number ≥ 0 (huge values are contained, not refused: the iteration is rejected).
  public static let lambdaRange: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude
  /// CG iterations per HF iteration (Martens used 250, the RNN code 300).
  public static let cgIterationRange: ClosedRange<Int> = 1...CGSettings.iterationLimit
  /// ε of CG's relative-progress stop.
  public static let cgToleranceRange: ClosedRange<Double> = 0...1
  /// Curvature chunks the training set is split into.
  public static let chunksRange: ClosedRange<Int> = 1...1_000_000
  /// Explicit curvature and gradient batch sizes (cases or sequences).
  public static let batchSizeRange: ClosedRange<Int> = 1...DataLimits.maximumCases
  /// L2 weight cost and structural damping μ: finite, ≥ 0 (huge values are contained).
  public static let weightCostRange: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude
  public static let structuralDampingRange: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude
  public static let warmStartDecayRange: ClosedRange<Double> = 0...1
  public static let preconditionerExponentRange: ClosedRange<Double> = 0...1
  /// Worker threads (shards) per process: each holds its own workspaces.
  public static let threadRange: ClosedRange<Int> = 1...1024
  /// Test evaluation interval in HF iterations (0 = never).
  public static let testIntervalRange: ClosedRange<Int> = 0...Int.max
  /// Consecutive non-finite iterations before the run stops.
  public static let failureLimitRange: ClosedRange<Int> = 1...1000
  /// Armijo line-search tries.
  public static let lineSearchTriesRange: ClosedRange<Int> = 1...1000
}

extension RacerSettings {
  /// SGD/momentum learning rate and Adam's α: finite, > 0.
  public static let rateRange: ClosedRange<Double> = Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude
  /// μ_max of the momentum schedule.
  public static let momentumMaxRange: Range<Double> = 0..<1
  /// Mini-batch and NCG/L-BFGS batch sizes.
  public static let batchSizeRange: ClosedRange<Int> = 1...DataLimits.maximumCases
  /// (s, y) pairs L-BFGS keeps: each pair is two parameter-sized vectors.
  public static let lbfgsHistoryRange: ClosedRange<Int> = 1...1000
  /// NCG restart interval.
  public static let restartIntervalRange: ClosedRange<Int> = 1...Int.max
  /// Data passes of mini-batch updates per reported step.
  public static let passesPerReportRange: ClosedRange<Double> = 1e-6...1000
}

extension NetworkArchitecture {
  /// Units in one layer (inputs and outputs included): every GEMM dimension stays far inside Int32.
  public static let widthRange: ClosedRange<Int> = 1...1_000_000
  /// Layers, input and output included.
  public static let layerCountRange: ClosedRange<Int> = 2...100
}

extension RecurrentSpec {
  /// Tanh hidden units.
  public static let hiddenUnitsRange: ClosedRange<Int> = 1...10_000
  /// Sequences in the fixed test set.
  public static let testSequencesRange: ClosedRange<Int> = 1...100_000
  /// The task's length setting T: from the task's minimum to `SequenceTask.maximumLength`.
  public static func sequenceLengthRange(_ task: SequenceTask) -> ClosedRange<Int> {
    task.minimumLength...SequenceTask.maximumLength
  }
}

/// Limits on data read from files (IDX headers, CSV tables).
public enum DataLimits {
  /// Cases (rows, images) in one data set.
  public static let maximumCases = 100_000_000
  /// Values per case (CSV columns, IDX pixels per image): a layer's width.
  public static var maximumWidth: Int { NetworkArchitecture.widthRange.upperBound }
}

/// How a range reads in an error sentence.
enum RangeText {
  /// "between 1 and 256", or "at least 1" when the range is unbounded above.
  static func whole(_ r: ClosedRange<Int>) -> String {
    r.upperBound == Int.max ? "at least \(r.lowerBound)" : "between \(r.lowerBound) and \(r.upperBound)"
  }

  /// "a finite number ≥ 0", "a finite number > 0" or "between 0 and 1".
  static func number(_ r: ClosedRange<Double>) -> String {
    guard r.upperBound == .greatestFiniteMagnitude else { return "between \(format(r.lowerBound)) and \(format(r.upperBound))" }
    return r.lowerBound == .leastNonzeroMagnitude ? "a finite number > 0" : "a finite number ≥ \(format(r.lowerBound))"
  }

  /// Whether `v` lies in `r` (NaN never does).
  static func holds(_ r: ClosedRange<Double>, _ v: Double) -> Bool { v.isFinite && r.contains(v) }

  static func format(_ v: Double) -> String { RacerSettings.format(v) }
}
