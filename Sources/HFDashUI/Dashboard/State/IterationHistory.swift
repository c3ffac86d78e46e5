import HFEngine

/// Every finished HF iteration's metrics as parallel arrays (one element per iteration, oldest first).
///
/// Memory is capped at `capacity` iterations: past it, the oldest tenth is dropped at once, so
/// appending stays amortized O(1) and a week-long run cannot grow without bound.
public struct IterationHistory: Equatable, Sendable {
  /// The most iterations kept.
  public let capacity: Int
  /// Iterations dropped from the front because of `capacity`.
  public private(set) var droppedCount = 0
  /// How many of the held iterations had their step rejected.
  public private(set) var rejectedCount = 0

  /// HF iteration numbers.
  public private(set) var iterations: [Int] = []
  /// Training objective after the step.
  public private(set) var objective: [Double] = []
  /// Training error after the step.
  public private(set) var error: [Double] = []
  /// Test objective / error (nil where the test set was not evaluated).
  public private(set) var testObjective: [Double?] = []
  public private(set) var testError: [Double?] = []
  /// λ at the start of the iteration and after the Levenberg–Marquardt update.
  public private(set) var lambdaBefore: [Double] = []
  public private(set) var lambdaAfter: [Double] = []
  /// Reduction ratio ρ.
  public private(set) var rho: [Double] = []
  /// CG iterations computed, the one backtracking chose, and why CG stopped.
  public private(set) var cgComputed: [Int] = []
  public private(set) var cgChosen: [Int] = []
  public private(set) var cgReason: [CGTermination] = []
  /// Line-search rate (0 = rejected) and whether the step was taken.
  public private(set) var stepRate: [Double] = []
  public private(set) var accepted: [Bool] = []
  /// ‖∇f‖ over all parameters.
  public private(set) var gradientNorm: [Double] = []
  /// Per-group gradient norms, indexed [group][iteration].
  public private(set) var groupGradientNorms: [[Double]] = []
  /// Wall time of each phase.
  public private(set) var times: [PhaseTimes] = []
  /// Passes over the training set spent so far.
  public private(set) var dataPasses: [Double] = []
  /// The curvature spectrum of each iteration's CG run (nil when CG took no step or the source
  /// did not carry it).
  public private(set) var spectra: [CurvatureSpectrum?] = []
  /// Recurrent nets: ‖∂E/∂hₜ‖ per time step at the latest iteration, and at the first one (for
  /// comparison: how far back the gradient reaches now versus at the start).
  public private(set) var latestTimeProfile: [Double]?
  public private(set) var firstTimeProfile: [Double]?

  /// Creates an empty history keeping at most `capacity` iterations.
  public init(capacity: Int = 100_000) {
    self.capacity = max(10, capacity)
  }

  /// The number of iterations held.
  public var count: Int { iterations.count }
  /// Whether nothing has been recorded.
  public var isEmpty: Bool { iterations.isEmpty }
  /// The last iteration number, if any.
  public var lastIteration: Int? { iterations.last }

  /// Records a finished iteration with its CG run's spectrum; a report for an iteration already
  /// held replaces it and everything after it.
  public mutating func append(_ r: IterationReport, spectrum: CurvatureSpectrum? = nil) {
    if let last = iterations.last, r.iteration <= last { truncate(before: r.iteration) }
    if let profile = r.timeStepGradientNorms {
      if firstTimeProfile == nil || iterations.isEmpty { firstTimeProfile = profile }
      latestTimeProfile = profile
    }
    iterations.append(r.iteration)
    objective.append(r.objective)
    error.append(r.error)
    testObjective.append(r.testObjective)
    testError.append(r.testError)
    lambdaBefore.append(r.lambdaBefore)
    lambdaAfter.append(r.lambdaAfter)
    rho.append(r.rho)
    cgComputed.append(r.cgIterations)
    cgChosen.append(r.cgChosen)
    cgReason.append(r.cgReason)
    stepRate.append(r.stepRate)
    accepted.append(r.accepted)
    if !r.accepted { rejectedCount += 1 }
    gradientNorm.append(r.gradientNorm)
    let n = iterations.count
    if groupGradientNorms.count < r.layerGradientNorms.count {
      // A group seen for the first time has no history: earlier iterations are NaN (drawn as gaps).
      groupGradientNorms += Array(
        repeating: Array(repeating: .nan, count: n - 1), count: r.layerGradientNorms.count - groupGradientNorms.count)
    }
    for g in groupGradientNorms.indices {
      groupGradientNorms[g].append(g < r.layerGradientNorms.count ? r.layerGradientNorms[g] : .nan)
    }
    times.append(r.times)
    dataPasses.append(r.dataPasses)
    spectra.append(spectrum)
    if iterations.count > capacity { dropFront(max(1, capacity / 10)) }
  }

  /// Forgets everything (a restarted run).
  public mutating func removeAll() {
    self = IterationHistory(capacity: capacity)
  }

  /// Removes the iterations numbered `iteration` and later.
  mutating func truncate(before iteration: Int) {
    let keep = iterations.firstIndex { $0 >= iteration } ?? iterations.count
    let drop = iterations.count - keep
    guard drop > 0 else { return }
    iterations.removeLast(drop)
    objective.removeLast(drop)
    error.removeLast(drop)
    testObjective.removeLast(drop)
    testError.removeLast(drop)
    lambdaBefore.removeLast(drop)
    lambdaAfter.removeLast(drop)
    rho.removeLast(drop)
    cgComputed.removeLast(drop)
    cgChosen.removeLast(drop)
    cgReason.removeLast(drop)
    stepRate.removeLast(drop)
    rejectedCount -= accepted.suffix(drop).reduce(0) { $0 + ($1 ? 0 : 1) }
    accepted.removeLast(drop)
    gradientNorm.removeLast(drop)
    for g in groupGradientNorms.indices { groupGradientNorms[g].removeLast(min(drop, groupGradientNorms[g].count)) }
    times.removeLast(drop)
    dataPasses.removeLast(drop)
    spectra.removeLast(drop)
  }

  mutating func dropFront(_ k: Int) {
    iterations.removeFirst(k)
    objective.removeFirst(k)
    error.removeFirst(k)
    testObjective.removeFirst(k)
    testError.removeFirst(k)
    lambdaBefore.removeFirst(k)
    lambdaAfter.removeFirst(k)
    rho.removeFirst(k)
    cgComputed.removeFirst(k)
    cgChosen.removeFirst(k)
    cgReason.removeFirst(k)
    stepRate.removeFirst(k)
    rejectedCount -= accepted.prefix(k).reduce(0) { $0 + ($1 ? 0 : 1) }
    accepted.removeFirst(k)
    gradientNorm.removeFirst(k)
    for g in groupGradientNorms.indices { groupGradientNorms[g].removeFirst(min(k, groupGradientNorms[g].count)) }
    times.removeFirst(k)
    dataPasses.removeFirst(k)
    spectra.removeFirst(k)
    droppedCount += k
  }
}
