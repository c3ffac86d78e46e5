import Foundation
import HFEngine

/// Formats `hfdash train` output: an aligned table or JSON lines.
struct TrainPrinter {
  let json: Bool
  static let widths = [5, 11, 10, 10, 9, 7, 13, 5, 9, 7]

  func header(_ setup: TrainingSetup) {
    let c = setup.optimizer.config
    let lines = [
      "hfdash \(HFDashVersion.string) — Hessian-free optimization (Martens 2010)",
      "preset    \(setup.spec.preset.name): \(setup.modelSummary)",
      "params    \(setup.problem.parameterCount)",
      "data      \(setup.dataDescription): \(setup.trainCases) train" + (setup.testCases.map { ", \($0) test" } ?? ", no test set"),
      "settings  λ₀ \(fmt(c.initialLambda))\(c.adaptiveLambda ? " (LM)" : " (frozen)"), \(c.curvature.shortName), CG ≤ \(c.cg.maxIterations), "
        + "curvature batch \(c.curvatureBatchSize ?? setup.trainCases / max(1, c.chunks)), precond \(c.preconditioner ? "on" : "off"), "
        + "backtrack \(c.backtracking ? "on" : "off"), line search \(c.lineSearch ? "on" : "off"), wc \(fmt(c.weightCost)), "
        + "ρ \(c.rhoModel.rawValue), seed \(setup.spec.seed), threads \(c.threads)",
      "",
      zip(["iter", "objective", "error", "test err", "λ", "ρ", "CG/chosen", "step", "‖∇f‖", "sec"], Self.widths)
        .map { pad($0, $1) }.joined(separator: " "),
    ]
    writeLine(lines.joined(separator: "\n"))
  }

  func row(_ r: IterationReport) {
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
      if let data = try? encoder.encode(r), let s = String(data: data, encoding: .utf8) { writeLine(s) }
    } else {
      let cg = "\(r.cgIterations)/\(r.cgChosen) \(r.cgReason.shortName)"
      writeLine(
        pad(String(r.iteration), 5) + " " + pad(fmt(r.objective, 5), 11) + " " + pad(fmt(r.error, 4), 10) + " "
          + pad(r.testError.map { fmt($0, 4) } ?? "—", 10) + " " + pad(fmt(r.lambdaAfter), 9) + " " + pad(fmtRho(r.rho), 7)
          + " " + pad(cg, 13) + " " + pad(r.accepted ? fmt(r.stepRate, 2) : "rej", 5) + " " + pad(fmt(r.gradientNorm), 9)
          + " " + pad(String(format: "%.2f", r.times.total), 7))
    }
  }

  private func pad(_ s: String, _ w: Int) -> String {
    let n = s.count
    return n >= w ? s : String(repeating: " ", count: w - n) + s
  }
  private func fmtRho(_ x: Double) -> String { x == -.infinity ? "-inf" : String(format: "%.3f", x) }
}

/// Compact number formatting for tables: `digits` significant digits, scientific when small or large.
func fmt(_ x: Double, _ digits: Int = 3) -> String {
  if x.isNaN { return "NaN" }
  if x.isInfinite { return x > 0 ? "+Inf" : "-Inf" }
  let a = abs(x)
  if a != 0 && (a < 1e-3 || a >= 1e5) { return String(format: "%.\(max(0, digits - 1))e", x) }
  return String(format: "%.\(digits)g", x)
}

/// Writes one line to stdout unbuffered, so piped output appears as iterations finish.
func writeLine(_ s: String) {
  FileHandle.standardOutput.write(Data((s + "\n").utf8))
}
