import HFEngine

/// Blank instances of the engine's report structs, built with their public initializers: the
/// decoder copies one and sets every field it reads (fields added later keep their defaults).
enum EnginePrototypes {
  static let cgStep = CGStep(hfIteration: 0, i: 0, phi: 0, relativeProgress: 0, stored: false)
  static let storedIterate = StoredIterate(i: 0, phi: 0, objective: nil)
  static let cgSummary = CGSummary(hfIteration: 0, iterations: 0, reason: .converged, stored: [], chosen: 0, finalPhi: 0)
  static let iterationReport = IterationReport(
    iteration: 0, objective: 0, error: 0, objectiveBefore: 0, testObjective: nil, testError: nil, lambdaBefore: 0,
    lambdaAfter: 0, rho: 0, rhoModel: .undamped, cgIterations: 0, cgChosen: 0, cgReason: .converged, stepRate: 0,
    accepted: false, gradientNorm: 0, stepNorm: 0, layerGradientNorms: [], layerStepNorms: [], curvatureProducts: 0,
    dataPasses: 0, curvatureBatch: 0, curvatureType: .gaussNewton, times: PhaseTimes())
}
