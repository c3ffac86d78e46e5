/// A differentiable objective for the line-search methods: f(x) alone (may be a cheaper
/// forward-only evaluation) and f(x) with ∇f(x) written into a buffer.
public struct SmoothObjective<S: HFScalar> {
  /// f(x).
  public var value: (Buffer<S>) -> Double
  /// f(x), writing ∇f(x) into the second buffer.
  public var valueAndGradient: (Buffer<S>, Buffer<S>) -> Double
  /// True once the iteration using it is being abandoned (a stop): a line search tries no further points.
  public var isAbandoned: () -> Bool = { false }

  public init(value: @escaping (Buffer<S>) -> Double, valueAndGradient: @escaping (Buffer<S>, Buffer<S>) -> Double) {
    self.value = value
    self.valueAndGradient = valueAndGradient
  }

  /// An objective whose every evaluation computes the gradient too (closed-form test functions).
  public init(_ valueAndGradient: @escaping (Buffer<S>, Buffer<S>) -> Double, dimension: Int) {
    let scratch = Buffer<S>(count: dimension)
    self.init(value: { valueAndGradient($0, scratch) }, valueAndGradient: valueAndGradient)
  }
}

/// One iteration of a line-search method: what it cost and where it went.
public struct LineSearchStep: Sendable, Equatable {
  /// f before and after (unchanged when the step was rejected).
  public var objectiveBefore: Double
  public var objective: Double
  /// The line-search step α along the direction (0: rejected).
  public var step: Double
  /// ‖∇f‖ at the (new) point.
  public var gradientNorm: Double
  /// Whether the line search met the strong Wolfe conditions.
  public var wolfe: Bool
  /// f-only evaluations and gradient evaluations spent, the start-up gradient included.
  public var evaluations: Int
  public var gradients: Int
  /// Whether this iteration used steepest descent (first iteration, or a restart / reset).
  public var steepestDescent: Bool

  public var accepted: Bool { step > 0 }
}

/// Vector kernels the line-search methods share.
enum LineSearchKernels {
  /// out ← x + a·d.
  @inline(__always)
  static func offset<S: HFScalar>(_ x: Buffer<S>, _ a: Double, _ d: Buffer<S>, into out: Buffer<S>) {
    let s = S(a), xp = x.pointer, dp = d.pointer, op = out.pointer
    for j in 0..<x.count { op[j] = xp[j] + s * dp[j] }
  }

  /// a·b in Double.
  @inline(__always)
  static func dot<S: HFScalar>(_ a: Buffer<S>, _ b: Buffer<S>) -> Double { VectorMath.dot(a.pointer, b.pointer, a.count) }
}

extension WolfeLineSearch {
  /// Searches f(x + a·d) along `direction` from `x` on `objective`; `trialX` and `trialG` are
  /// scratch (the last point tried and its gradient).
  func search<S: HFScalar>(
    along direction: Buffer<S>, from x: Buffer<S>, objective: SmoothObjective<S>, f0: Double, slope0: Double,
    initialStep: Double, trialX: Buffer<S>, trialG: Buffer<S>
  ) -> Result {
    search(
      f0: f0, slope0: slope0, initialStep: initialStep, abandoned: objective.isAbandoned,
      value: { a in
        LineSearchKernels.offset(x, a, direction, into: trialX)
        return objective.value(trialX)
      },
      slope: { a in
        LineSearchKernels.offset(x, a, direction, into: trialX)
        _ = objective.valueAndGradient(trialX, trialG)
        return LineSearchKernels.dot(trialG, direction)
      })
  }
}
