import HFEngine

/// The conjugate-gradient run of one HF iteration as it streams in: φ(i) so far, the stored
/// iterates, and, once CG finished, where and why it stopped and which iterate backtracking chose.
public struct LiveCGRun: Equatable, Sendable {
  /// The HF iteration the run belongs to.
  public var hfIteration: Int
  /// φ(xᵢ) for i = 1, 2, … (index i − 1); NaN where a step was not seen.
  public private(set) var phi: [Double] = []
  /// CG iterations whose iterate was stored for backtracking.
  public private(set) var storedIterations: [Int] = []
  /// The latest relative progress (φᵢ − φᵢ₋ₖ)/φᵢ (NaN before i > k).
  public private(set) var relativeProgress: Double = .nan
  /// The outcome, once `cgFinished` arrived.
  public private(set) var summary: CGSummary?
  /// The latest running estimate of the extreme Ritz values (and κ) the steps reported, and the step it came from.
  public private(set) var ritzRange: RitzRange?
  public private(set) var ritzStep = 0

  /// An empty run for HF iteration `hfIteration`.
  public init(hfIteration: Int) {
    self.hfIteration = hfIteration
  }

  /// The number of CG iterations seen so far (or run in total, once finished).
  public var steps: Int { summary?.iterations ?? phi.count }
  /// Whether the run has finished.
  public var isFinished: Bool { summary != nil }
  /// The CG iterate backtracking chose, once known.
  public var chosen: Int? { summary?.chosen }
  /// The latest φ, if any.
  public var lastPhi: Double? { summary?.finalPhi ?? phi.last }
  /// κ of the run so far: the finished run's spectrum, else the latest running estimate.
  public var conditionNumber: Double? {
    if let s = summary?.spectrum { return s.conditionNumber }
    return summary == nil ? ritzRange?.conditionNumber : nil
  }

  /// Adds one CG step; a step that restarts numbering (i ≤ the last seen) starts the run over.
  public mutating func record(_ step: CGStep) {
    guard step.i >= 1 else { return }
    if step.i <= phi.count {
      phi.removeLast(phi.count - step.i + 1)
      storedIterations.removeAll { $0 >= step.i }
      summary = nil
      if ritzStep >= step.i { (ritzRange, ritzStep) = (nil, 0) }
    }
    if step.i > phi.count + 1 { phi += Array(repeating: .nan, count: step.i - 1 - phi.count) }
    phi.append(step.phi)
    if step.stored { storedIterations.append(step.i) }
    relativeProgress = step.relativeProgress
    if let r = step.ritzRange { (ritzRange, ritzStep) = (r, step.i) }
  }

  /// Records the outcome; stored iterates the summary lists are merged in.
  public mutating func finish(_ s: CGSummary) {
    summary = s
    for it in s.stored where !storedIterations.contains(it.i) { storedIterations.append(it.i) }
    storedIterations.sort()
  }
}
