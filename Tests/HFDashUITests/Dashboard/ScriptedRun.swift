#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

import HFDashUI
import HFEngine
import HFSession
import HFRecording

/// A deterministic, plausible CURVES session as the session would publish it: 40 finished HF
/// iterations (a user λ change at 15, a rejected step and its alarm at 23, a note at 27, a `:lambda`
/// command at 30, a NaN test objective at 31, CG at its cap at 36), then iteration 41 with a live CG run.
enum ScriptedRun {
  static let iterations = 40
  static let startTime = 1000.0
  static let secondsPerIteration = 4.5

  static var description: SessionDescription { description(preconditioned: true) }

  static func description(preconditioned: Bool) -> SessionDescription {
    var config = HFConfig()
    config.chunks = 4
    config.preconditioner = preconditioned
    let sizes = [784, 400, 200, 100, 50, 25, 6, 25, 50, 100, 200, 400, 784]
    let params = zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
    return SessionDescription(
      preset: "curves", model: sizes.map(String.init).joined(separator: "-") + " linear/logistic, logistic+CE",
      data: "generated CURVES", parameterCount: params, trainCases: 20000, testCases: 10000, seed: 1, config: config,
      groupNames: (1...12).map { "W\($0)" }, errorName: "squared error")
  }

  /// The events with the time each one arrives (`preconditioned`: whether CG's spectra are of
  /// M⁻¹(G + λI) or of G + λI).
  static func events(
    liveSteps: Int = 117, finishLive: Bool = false, preconditioned: Bool = true
  ) -> [(time: Double, event: SessionEvent)] {
    var out: [(Double, SessionEvent)] = []
    var t = startTime
    func emit(_ e: SessionEvent) { out.append((t, e)) }
    emit(.started(description(preconditioned: preconditioned)))
    emit(.state(.running))
    var lambda = 45.0
    var objective = 62.0
    var passes = 0.0
    for k in 1...iterations {
      if k == 15 {
        let new = lambda * 1.5
        emit(.control(applied(.scaleLambda(1.5), "λ", lambda, new, k, "key ]")))
        lambda = new
      }
      if k == 30 {
        emit(.control(applied(.setLambda(1), "λ", lambda, 1, k, "command :lambda 1")))
        lambda = 1
      }
      emit(.engine(.iterationStarted(iteration: k, lambda: lambda)))
      let computed = k == 36 ? 250 : min(240, 10 + k * 4 + Int(8 * sin(Double(k))))
      for step in cgSteps(hf: k, count: computed, lambda: lambda, preconditioned: preconditioned) {
        emit(.engine(.cgStep(step)))
      }
      let summary = cgSummary(
        hf: k, computed: computed, reason: k == 36 ? .maxIterations : .converged, lambda: lambda,
        preconditioned: preconditioned)
      emit(.engine(.cgFinished(summary)))
      let rejected = k == 23
      let rho = rejected ? -0.8 : 0.7 + 0.25 * sin(Double(k) * 0.45) + 0.1 * sin(Double(k) * 2.1)
      let before = objective
      if !rejected { objective = 2.4 + (objective - 2.4) * (0.84 + 0.04 * sin(Double(k))) }
      var after = lambda
      if rho < 0.25 { after = lambda * 1.5 } else if rho > 0.75 { after = lambda * 2 / 3 }
      passes += 1.6 + Double(computed) * 0.5 / 4 * 2 / 1
      let r = report(
        k, objective: objective, before: before, lambda: lambda, after: after, rho: rho, computed: computed,
        chosen: summary.chosen, reason: summary.reason, accepted: !rejected, passes: passes)
      t += secondsPerIteration
      emit(.engine(.iterationFinished(r)))
      if rejected {
        emit(.alarm(Alarm(kind: .rejectedStep, iteration: k, message: "the line search rejected the step; λ raised")))
      }
      if k == 20 { emit(.checkpoint(iteration: 20, path: "sessions/curves-1/ckpt-20.bin")) }
      if k == 27 { emit(.note(iteration: 27, text: "plateau after the λ bump")) }
      if k == 31 { emit(.engine(.warning(iteration: 31, message: "the test objective is not finite (nan)"))) }
      lambda = after
    }
    emit(.engine(.iterationStarted(iteration: iterations + 1, lambda: lambda)))
    for step in cgSteps(hf: iterations + 1, count: liveSteps, lambda: lambda, preconditioned: preconditioned) {
      t += 0.02
      emit(.engine(.cgStep(step)))
    }
    if finishLive {
      let s = cgSummary(
        hf: iterations + 1, computed: liveSteps, reason: .converged, lambda: lambda, preconditioned: preconditioned)
      emit(.engine(.cgFinished(s)))
    }
    return out
  }

  /// The state after feeding `events` through the reducer, with `now` 0.4 s after the last event.
  static func state(liveSteps: Int = 117, finishLive: Bool = false, preconditioned: Bool = true) -> DashboardState {
    var state = DashboardState()
    for (time, event) in events(liveSteps: liveSteps, finishLive: finishLive, preconditioned: preconditioned) {
      state.now = time
      state.apply(event)
    }
    state.now += 0.4
    return state
  }

  static func applied(_ c: SessionControl, _ setting: String, _ old: Double, _ new: Double, _ it: Int, _ source: String)
    -> AppliedControl
  {
    AppliedControl(
      control: c, setting: setting, old: Format.compact(old), new: Format.compact(new), iteration: it, cgStep: nil,
      source: source)
  }

  /// φ(i) falling towards −2.4 with relative progress over Martens' window, and the running
  /// Ritz range closing in on the final spectrum's on the steps CG reports it.
  static func cgSteps(hf: Int, count: Int, lambda: Double = 1, preconditioned: Bool = true) -> [CGStep] {
    let final = spectrum(hf: hf, computed: count, lambda: lambda, preconditioned: preconditioned)
    let grid = Set(CGSettings().storedIterationGrid)
    var phis: [Double] = []
    var steps: [CGStep] = []
    let depth = 2.4 / Double(hf).squareRoot()
    for i in 1...max(1, count) {
      let phi = -depth * (1 - 0.8 * exp(-Double(i) / 22))
      phis.append(phi)
      let k = max(10, Int((0.1 * Double(i)).rounded(.up)))
      let progress = i > k ? (phi - phis[i - 1 - k]) / phi : .nan
      let range = RitzRange(
        smallest: final.smallestValue * (1 + 2 * exp(-Double(i) / 15)),
        largest: final.largestValue * (1 - 0.5 * exp(-Double(i) / 4)))
      steps.append(
        CGStep(
          hfIteration: hf, i: i, phi: phi, relativeProgress: progress, stored: grid.contains(i),
          ritzRange: ConjugateGradient<Float>.estimatesRitzRange(atStep: i) ? range : nil))
    }
    return steps
  }

  static func cgSummary(
    hf: Int, computed: Int, reason: CGTermination, lambda: Double = 1, preconditioned: Bool = true
  ) -> CGSummary {
    let steps = cgSteps(hf: hf, count: computed, lambda: lambda, preconditioned: preconditioned)
    let stored = steps.filter(\.stored).map(\.i) + [computed]
    let chosen = stored.last { Double($0) <= Double(computed) * 0.85 } ?? computed
    let iterates = Array(Set(stored)).sorted().map { i in
      StoredIterate(i: i, phi: steps[i - 1].phi, objective: i >= chosen ? 2.4 + 40 / Double(hf) + Double(i - chosen) * 1e-3 : nil)
    }
    return CGSummary(
      hfIteration: hf, iterations: computed, reason: reason, stored: iterates, chosen: chosen,
      finalPhi: steps[computed - 1].phi,
      spectrum: spectrum(hf: hf, computed: computed, lambda: lambda, preconditioned: preconditioned))
  }

  /// A plausible CG spectrum: G's top eigenvalues growing with training, its small ones found
  /// further down the longer CG runs, shifted by λ + wc (and, preconditioned, scaled by M⁻¹);
  /// the top three converge once the run passes 20 steps, the bottom ones only in long runs.
  static func spectrum(hf: Int, computed: Int, lambda: Double, preconditioned: Bool) -> CurvatureSpectrum {
    let wc = 2e-5, shift = lambda + wc
    let growth = (1 + Double(hf) / 10) * (1 + 0.15 * sin(Double(hf)))
    let m = min(5, computed)
    let top = [60.0, 34, 21, 13, 8].prefix(m).map { $0 * growth }
    let bottom = [3e-4, 1e-3, 3e-3, 8e-3, 2e-2].prefix(m).map { $0 * 60 / Double(max(computed, 1)) }
    func value(_ g: Double) -> Double { preconditioned ? (0.08 * g + shift) / pow(shift, 0.75) : g + shift }
    func ritz(_ g: Double, converged: Bool) -> RitzValue {
      let v = value(g)
      return RitzValue(value: v, residualBound: (converged ? 1e-4 : 1e-1) * v, converged: converged)
    }
    let largest = top.enumerated().map { ritz($1, converged: $0 < 3 && computed >= 20) }
    let smallest = bottom.enumerated().map { ritz($1, converged: computed > 80 + 40 * $0) }
    let converged = (largest + smallest).filter(\.converged).count
    return CurvatureSpectrum(
      steps: computed, smallest: smallest, largest: largest, convergedCount: converged, preconditioned: preconditioned,
      warmStarted: hf > 1, lambda: lambda, weightCost: wc, structuralDamping: 0, source: .conjugateGradient)
  }

  static func report(
    _ k: Int, objective: Double, before: Double, lambda: Double, after: Double, rho: Double, computed: Int, chosen: Int,
    reason: CGTermination, accepted: Bool, passes: Double
  ) -> IterationReport {
    var times = PhaseTimes()
    times.gradient = 0.42
    times.cg = Double(computed) * 0.016
    times.backtracking = 0.2
    times.lineSearch = 0.05
    times.evaluation = 0.3
    times.total = times.gradient + times.cg + times.backtracking + times.lineSearch + times.evaluation
    let decay = pow(0.93, Double(k))
    // Gradient norms per weight matrix: the outer layers large, the first one vanishing.
    let groupScale = [3e-7, 4e-4, 2e-3, 6e-3, 1e-2, 2e-2, 3e-2, 2e-2, 1e-2, 8e-3, 5e-3, 4e-2]
    let groups = groupScale.enumerated().map { g, s in s * decay * (1 + 0.2 * sin(Double(k + g))) }
    return IterationReport(
      iteration: k, objective: objective, error: objective * 0.11, objectiveBefore: before,
      testObjective: k == 31 ? .nan : objective * 1.04 + 0.3, testError: objective * 0.118 + 0.03,
      lambdaBefore: lambda, lambdaAfter: after, rho: rho, rhoModel: .undamped, cgIterations: computed, cgChosen: chosen,
      cgReason: reason, stepRate: accepted ? 1 : 0, accepted: accepted, gradientNorm: 0.09 * decay,
      stepNorm: 0.5 * decay, layerGradientNorms: groups, layerStepNorms: groups.map { $0 * 10 },
      curvatureProducts: computed + 1, dataPasses: passes, curvatureBatch: 5000, curvatureType: .gaussNewton,
      times: times)
  }
}
