/// An `HFProblem` spread over ranks: wraps this rank's problem (which computes its `RankPart` of
/// every batch) and sums the parts with the collective, so every rank sees the full-batch
/// gradient, curvature products and evaluation sums. The local problem returns its part's
/// vector *sums* (gradient, squared gradients, curvature products — `FeedForwardProblem` with a
/// part of several ranks does); they are summed over ranks and divided once by the global case
/// count. CG, ρ, λ and every decision then run identically on every rank.
// @unchecked Sendable: owned by one engine thread, like the problem it wraps.
public final class DistributedProblem<S: HFScalar>: HFProblem, @unchecked Sendable {
  public typealias Scalar = S
  /// This rank's problem.
  public let local: any HFProblem<S>
  public let collective: any Collective
  /// Global case count of the prepared curvature batch.
  private var curvatureCases = 0

  /// Wraps `local`, whose batches must already be this rank's parts.
  public init(local: any HFProblem<S>, collective: any Collective) {
    self.local = local
    self.collective = collective
  }

  public var parameterCount: Int { local.parameterCount }
  /// Kept but never passed on: ranks must cut the same passes, so a distributed run stops only
  /// where its ranks agree (at CG steps).
  public var interruption: Interruption?
  public var groupNames: [String] { local.groupNames }
  public var passCosts: PassCosts { local.passCosts }
  public var evaluatesOnGradientData: Bool { local.evaluatesOnGradientData }
  public var communicationSeconds: Double { collective.communicationSeconds }
  public var hasStructuralDamping: Bool { local.hasStructuralDamping }

  public func beginIteration(_ iteration: Int, config: HFConfig) { local.beginIteration(iteration, config: config) }

  /// Sums the ranks' vector sums and divides by the global case count (as one process would).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  private func reduceMean(_ values: UnsafeMutablePointer<S>, count: Int, cases: Int) {
    collective.allreduceSum(values, count: count)
    let scale = S(1) / S(Swift.max(cases, 1))
    for j in 0..<count { values[j] *= scale }
  }

  public func gradient(theta: Buffer<S>, into gradient: Buffer<S>, squares: Buffer<S>?) -> EvaluationSums {
    let mine = local.gradient(theta: theta, into: gradient, squares: squares)
    let all = collective.allreduce(mine)
    reduceMean(gradient.pointer, count: gradient.count, cases: all.count)
    if let squares { reduceMean(squares.pointer, count: squares.count, cases: all.count) }
    return all
  }

  public func evaluate(theta: Buffer<S>) -> EvaluationSums { collective.allreduce(local.evaluate(theta: theta)) }

  public func prepareCurvature(theta: Buffer<S>, type: CurvatureType) -> EvaluationSums {
    let mine = local.prepareCurvature(theta: theta, type: type)
    let all = collective.allreduce(mine)
    curvatureCases = all.count
    return all
  }

  public func evaluateCurvatureBatch(theta: Buffer<S>) -> EvaluationSums {
    collective.allreduce(local.evaluateCurvatureBatch(theta: theta))
  }

  public func curvatureProduct(
    theta: Buffer<S>, v: UnsafePointer<S>, into out: UnsafeMutablePointer<S>, type: CurvatureType,
    structuralDamping: Double
  ) {
    local.curvatureProduct(theta: theta, v: v, into: out, type: type, structuralDamping: structuralDamping)
    reduceMean(out, count: parameterCount, cases: curvatureCases)
  }

  public func evaluateTest(theta: Buffer<S>) -> EvaluationSums? {
    local.evaluateTest(theta: theta).map { collective.allreduce($0) }
  }

  public var timeStepGradientNorms: [Double]? { local.timeStepGradientNorms }
  public func groupNorms(_ vector: UnsafePointer<S>) -> [Double] { local.groupNorms(vector) }
}
