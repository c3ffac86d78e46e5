import Foundation
import HFEngine
import HFSession
import HFRecording

/// A stand-in optimizer with a fixed cost per step and a scripted objective: it spends
/// `passesPerStep` data passes per iteration and reports `objective(iteration)`, so the race's
/// turn order can be predicted exactly. θ is the setup's, never changed.
final class ScriptedOptimizer: TrainingOptimizer {
  let kind: OptimizerKind
  let theta: Buffer<Float>
  let passesPerStep: Double
  let objective: @Sendable (Int) -> Double
  private(set) var iteration = 0
  private(set) var dataPasses = 0.0
  /// Never checked: a scripted step does no work to cut short.
  var interruption: Interruption?

  init(kind: OptimizerKind, theta: Buffer<Float>, passesPerStep: Double, objective: @escaping @Sendable (Int) -> Double) {
    self.kind = kind
    self.theta = theta
    self.passesPerStep = passesPerStep
    self.objective = objective
  }

  func step(observer: (HFEvent) -> HFDirective) -> IterationReport? {
    let k = iteration + 1
    if observer(.iterationStarted(iteration: k, lambda: 0)) == .stop { return nil }
    iteration = k
    dataPasses += passesPerStep
    let f = objective(k)
    var r = IterationReport(
      iteration: k, objective: f, error: f / 2, objectiveBefore: objective(k - 1), testObjective: nil, testError: nil,
      lambdaBefore: 0, lambdaAfter: 0, rho: .nan, rhoModel: .undamped, cgIterations: 0, cgChosen: 0, cgReason: .converged,
      stepRate: 1, accepted: true, gradientNorm: 1, stepNorm: 0.5, layerGradientNorms: [], layerStepNorms: [],
      curvatureProducts: 0, dataPasses: dataPasses, curvatureBatch: 0, curvatureType: .gaussNewton, times: PhaseTimes())
    r.optimizer = kind
    r.learningRate = 0.01
    r.momentum = 0.9
    _ = observer(.iterationFinished(r))
    return r
  }
}

/// Passes per step of the scripted racers: SGD-N 0.3, Adam 0.7, L-BFGS 1.1 (others 0.5).
func scriptedPasses(_ kind: OptimizerKind) -> Double {
  switch kind {
  case .sgd: 0.3
  case .adam: 0.7
  case .lbfgs: 1.1
  default: 0.5
  }
}

/// A factory of scripted racers (objective 10/k, or NaN from `nanFrom` on for `nanKind`).
func scriptedFactory(nanKind: OptimizerKind? = nil, nanFrom: Int = .max)
  -> @Sendable (TrainingSetup, OptimizerKind) throws -> any TrainingOptimizer<Float>
{
  { setup, kind in
    ScriptedOptimizer(kind: kind, theta: setup.optimizer.theta, passesPerStep: scriptedPasses(kind)) { k in
      kind == nanKind && k >= nanFrom ? .nan : 10 / Double(Swift.max(k, 1))
    }
  }
}

/// A factory that races real HF optimizers under another name, with max CG `maxCG(kind)`:
/// deterministic numbers on the real problem until the first-order racers exist.
func relabeledHFFactory(maxCG: @escaping @Sendable (OptimizerKind) -> Int)
  -> @Sendable (TrainingSetup, OptimizerKind) throws -> any TrainingOptimizer<Float>
{
  { setup, kind in
    var config = setup.optimizer.config
    config.cg.maxIterations = maxCG(kind)
    config.cg.minIterations = Swift.min(config.cg.minIterations, config.cg.maxIterations)
    return RelabeledHF(kind: kind, HFOptimizer(problem: setup.problem, config: config, initialTheta: setup.optimizer.theta.array))
  }
}

/// An HF optimizer racing under another name.
final class RelabeledHF: TrainingOptimizer {
  let kind: OptimizerKind
  let inner: HFOptimizer<Float>
  init(kind: OptimizerKind, _ inner: HFOptimizer<Float>) {
    self.kind = kind
    self.inner = inner
  }
  var theta: Buffer<Float> { inner.theta }
  var iteration: Int { inner.iteration }
  var dataPasses: Double { inner.dataPasses }
  var interruption: Interruption? {
    get { inner.interruption }
    set { inner.interruption = newValue }
  }
  func step(observer: (HFEvent) -> HFDirective) -> IterationReport? { inner.step(observer: observer) }
}

extension Sequence where Element == SessionEvent {
  /// The racers' finished iterations, in order.
  var racerReports: [(OptimizerKind, IterationReport)] {
    compactMap { if case .racer(let k, .iterationFinished(let r)) = $0 { (k, r) } else { nil } }
  }
  /// The description of the first `.started`.
  var firstDescription: SessionDescription? {
    for e in self { if case .started(let d) = e { return d } }
    return nil
  }
}
