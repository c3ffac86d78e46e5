#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

import HFDashUI
import HFEngine
import HFSession
import HFRecording

/// A deterministic CURVES race as the session would publish it: HF against SGD-N, Adam and
/// L-BFGS, the others catching up to HF's data passes after each HF iteration (12 HF iterations).
enum ScriptedRace {
  static let kinds: [OptimizerKind] = [.hf, .sgd, .adam, .lbfgs]
  static let hfIterations = 12

  static var description: SessionDescription {
    var d = ScriptedRun.description
    d.racers = [
      RacerDescription(kind: .hf, settings: "λ₀ 45, CG ≤ 250"),
      RacerDescription(kind: .sgd, settings: "lr 0.01, Nesterov μ ≤ 0.99, batch 200"),
      RacerDescription(kind: .adam, settings: "lr 1e-3, batch 200"),
      RacerDescription(kind: .lbfgs, settings: "history 10"),
    ]
    return d
  }

  /// The objective of a racer after `passes` data passes: HF falls fastest, then L-BFGS, Adam, SGD.
  static func objective(_ kind: OptimizerKind, passes: Double) -> Double {
    let rate = [OptimizerKind.hf: 0.035, .sgd: 0.006, .adam: 0.012, .lbfgs: 0.018][kind]!
    return 2.4 + 60 * exp(-rate * passes)
  }

  static func report(_ kind: OptimizerKind, iteration: Int, passes: Double) -> IterationReport {
    var r = ScriptedRun.report(
      iteration, objective: objective(kind, passes: passes), before: objective(kind, passes: max(0, passes - 1)),
      lambda: kind == .hf ? 45 * pow(0.8, Double(iteration)) : 0, after: kind == .hf ? 45 * pow(0.8, Double(iteration + 1)) : 0,
      rho: kind == .hf ? 0.8 : .nan, computed: kind == .hf ? 40 : 1, chosen: kind == .hf ? 35 : 1, reason: .converged,
      accepted: true, passes: passes)
    r.optimizer = kind
    r.times.total = kind == .hf ? 4.5 : 0.9
    if kind != .hf {
      r.cgIterations = 0
      r.learningRate = kind == .sgd ? 0.01 : kind == .adam ? 1e-3 : nil
      r.momentum = kind == .sgd ? 0.9 : nil
      // First-order gradients vanish in the first layers; HF's keep their spread.
      r.layerGradientNorms = r.layerGradientNorms.enumerated().map { g, v in v * pow(10, -Double(11 - g) * 0.3) }
    }
    return r
  }

  static func events() -> [(time: Double, event: SessionEvent)] {
    var out: [(Double, SessionEvent)] = []
    var t = ScriptedRun.startTime
    out.append((t, .started(description)))
    out.append((t, .state(.running)))
    var passes: [OptimizerKind: Double] = [:]
    var iterations: [OptimizerKind: Int] = [:]
    for k in 1...hfIterations {
      out.append((t, .engine(.iterationStarted(iteration: k, lambda: 45))))
      let hfPasses = Double(k) * 12
      passes[.hf] = hfPasses
      t += 4.5
      out.append((t, .engine(.iterationFinished(report(.hf, iteration: k, passes: hfPasses)))))
      for kind in kinds.dropFirst() {
        let step = kind == .lbfgs ? 1.7 : 1.0
        while passes[kind, default: 0] < hfPasses {
          let i = iterations[kind, default: 0] + 1
          iterations[kind] = i
          passes[kind, default: 0] += step
          t += 0.9
          out.append((t, .racer(kind, .iterationStarted(iteration: i, lambda: 0))))
          out.append((t, .racer(kind, .iterationFinished(report(kind, iteration: i, passes: passes[kind]!)))))
        }
      }
      if k == 8 {
        out.append(
          (t, .control(AppliedControl(control: .setRacerPaused(.adam, true), setting: "Adam", old: "racing", new: "paused", iteration: 9, cgStep: nil, source: "key z"))))
      }
    }
    // HF's 13th iteration waits while SGD takes its turn.
    out.append((t, .engine(.iterationStarted(iteration: hfIterations + 1, lambda: 2.47))))
    out.append((t, .racer(.sgd, .iterationStarted(iteration: iterations[.sgd, default: 0] + 1, lambda: 0))))
    return out
  }

  static func state() -> DashboardState {
    var state = DashboardState()
    for (time, event) in events() {
      state.now = time
      state.apply(event)
    }
    state.now += 0.4
    return state
  }
}
