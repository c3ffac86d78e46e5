extension HFConfig {
  /// The first setting outside its valid range (`ValidRanges.swift`), as one sentence fragment
  /// ("threads must be between 1 and 1024 (got 0)."); nil when all are valid.
  public var validationError: String? {
    typealias R = RangeText
    if !R.holds(Self.lambdaRange, initialLambda) { return "λ must be \(R.number(Self.lambdaRange)) (got \(initialLambda))." }
    if !Self.cgIterationRange.contains(cg.maxIterations) {
      return "the CG iteration cap must be \(R.whole(Self.cgIterationRange)) (got \(cg.maxIterations))."
    }
    if cg.minIterations < 0 || cg.minIterations > cg.maxIterations {
      return "the CG minimum iterations must be between 0 and the cap \(cg.maxIterations) (got \(cg.minIterations))."
    }
    if !R.holds(Self.cgToleranceRange, cg.tolerance) {
      return "the CG tolerance must be \(R.number(Self.cgToleranceRange)) (got \(cg.tolerance))."
    }
    if !Self.chunksRange.contains(chunks) {
      return "the number of curvature chunks must be \(R.whole(Self.chunksRange)) (got \(chunks))."
    }
    if let b = curvatureBatchSize, !Self.batchSizeRange.contains(b) {
      return "the curvature batch size must be \(R.whole(Self.batchSizeRange)) (got \(b))."
    }
    if let b = gradientBatchSize, !Self.batchSizeRange.contains(b) {
      return "the gradient batch size must be \(R.whole(Self.batchSizeRange)) (got \(b))."
    }
    if !R.holds(Self.weightCostRange, weightCost) { return "the weight cost must be \(R.number(Self.weightCostRange)) (got \(weightCost))." }
    if !R.holds(Self.structuralDampingRange, structuralDamping) {
      return "μ must be \(R.number(Self.structuralDampingRange)) (got \(structuralDamping))."
    }
    if !(lambdaIncrease > 1 && lambdaIncrease.isFinite) { return "the λ increase factor must be a finite number > 1 (got \(lambdaIncrease))." }
    if !(lambdaDecrease > 0 && lambdaDecrease < 1) { return "the λ decrease factor must be in (0, 1) (got \(lambdaDecrease))." }
    if !(rhoLow.isFinite && rhoHigh.isFinite && rhoLow <= rhoHigh) {
      return "the ρ thresholds must be finite with the low one ≤ the high one (got \(rhoLow) and \(rhoHigh))."
    }
    if !R.holds(Self.warmStartDecayRange, warmStartDecay) {
      return "the warm-start decay must be in [0, 1] (got \(warmStartDecay))."
    }
    if !R.holds(Self.preconditionerExponentRange, preconditionerExponent) {
      return "the preconditioner exponent must be in [0, 1] (got \(preconditionerExponent))."
    }
    if !(armijoC >= 0 && armijoC < 1) { return "the Armijo constant must be in [0, 1) (got \(armijoC))." }
    if !(lineSearchShrink > 0 && lineSearchShrink < 1) { return "the line-search shrink factor must be in (0, 1) (got \(lineSearchShrink))." }
    if !Self.lineSearchTriesRange.contains(lineSearchMaxTries) {
      return "the line-search tries must be \(R.whole(Self.lineSearchTriesRange)) (got \(lineSearchMaxTries))."
    }
    if !Self.threadRange.contains(threads) { return "threads must be \(R.whole(Self.threadRange)) (got \(threads))." }
    if !Self.testIntervalRange.contains(testInterval) { return "the test interval must be ≥ 0 (got \(testInterval))." }
    if !Self.failureLimitRange.contains(failureLimit) {
      return "the consecutive-failure limit must be \(R.whole(Self.failureLimitRange)) (got \(failureLimit))."
    }
    return nil
  }

  /// Throws `validationError` as one sentence ("Impossible setting: …").
  public func validate() throws(DataError) {
    if let problem = validationError { throw DataError("Impossible setting: " + problem) }
  }
}
