/// How a run stands against a reference at its end (`hfdash train --reference`): where each
/// left the plateau, the errors at the last iteration both have, and how far into the
/// reference the run got.
public struct ComparisonSummary: Sendable, Equatable {
  /// The run's plateau and the reference's (nil: none found).
  public var plateau: Plateau?
  public var referencePlateau: Plateau?
  /// The last iteration with an error in both, and the two errors there.
  public var lastCommonIteration: Int?
  public var error: Double?
  public var referenceError: Double?
  /// The run's last iteration and the reference's.
  public var iterations: Int
  public var referenceIterations: Int

  /// Compares `run` (this run's iterations) with `reference`.
  public init(run: ComparisonRun, reference: ComparisonRun) {
    plateau = Plateau.find(iterations: run.iterations, errors: run.trainError)
    referencePlateau = Plateau.find(iterations: reference.iterations, errors: reference.trainError)
    iterations = run.iterations.last ?? 0
    referenceIterations = reference.iterations.last ?? 0
    for k in run.iterations.indices.reversed() {
      guard let mine = run.trainError[k], let j = reference.index(atOrBefore: run.iterations[k]),
        reference.iterations[j] == run.iterations[k], let theirs = reference.trainError[j]
      else { continue }
      lastCommonIteration = run.iterations[k]
      error = mine
      referenceError = theirs
      break
    }
  }
}
