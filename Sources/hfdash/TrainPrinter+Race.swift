import Foundation
import HFEngine
import HFSession
import HFRecording

/// `hfdash train` output for runs of other optimizers and for races.
extension TrainPrinter {
  static let firstOrderWidths = [5, 11, 10, 10, 9, 6, 9, 9, 7]
  static let raceWidths = [6, 5, 11, 10, 10, 9, 28, 7]

  /// The header of a single run of another optimizer, or of a race.
  func otherHeader(_ d: SessionDescription, recording: String?, optimizerSettings: String?) -> String {
    var lines = [
      "hfdash \(HFDashVersion.string) — " + (d.racers.isEmpty ? "\(d.optimizer.displayName) training" : "a race against Hessian-free optimization"),
      "preset    \(d.preset): \(d.model)",
      "params    \(d.parameterCount)",
      "data      \(d.data): \(d.trainCases) train" + (d.testCases.map { ", \($0) test" } ?? ", no test set"),
    ]
    if d.racers.isEmpty {
      lines.append("optimizer \(d.optimizer.displayName)" + (optimizerSettings.map { ": " + $0 } ?? "") + ", seed \(d.seed), threads \(d.config.threads)")
    } else {
      lines.append("race      \(d.racers.map(\.kind.displayName).joined(separator: " vs ")), seed \(d.seed), threads \(d.config.threads);"
        + " one at a time, in equal slices of data passes")
      for r in d.racers { lines.append("  \(r.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))\(r.settings)") }
    }
    lines.append("error     \(d.errorName)")
    if let resumed = d.resumedFrom { lines.append("resumed   after iteration \(resumed)") }
    lines.append("recording \(recording ?? "off")")
    lines.append("")
    if d.racers.isEmpty {
      lines.append(zip(["iter", "objective", "error", "test err", "lr", "mom.", "passes", "‖∇f‖", "sec"], Self.firstOrderWidths)
        .map { pad($0, $1) }.joined(separator: " "))
    } else {
      lines.append(zip(["racer", "iter", "objective", "error", "test err", "passes", "step", "sec"], Self.raceWidths)
        .map { pad($0, $1) }.joined(separator: " "))
    }
    return lines.joined(separator: "\n")
  }

  /// A row of a first-order or quasi-Newton run: learning rate, momentum and passes instead of λ, ρ and CG.
  func firstOrderRow(_ r: IterationReport) -> String {
    let w = Self.firstOrderWidths
    return [
      pad(String(r.iteration), w[0]), pad(fmt(r.objective, 5), w[1]), pad(fmt(r.error, 4), w[2]),
      pad(r.testError.map { fmt($0, 4) } ?? "—", w[3]), pad(r.learningRate.map { fmt($0) } ?? "—", w[4]),
      pad(r.momentum.map { NumberFormat.fixed($0, decimals: 3) } ?? "—", w[5]), pad(fmt(r.dataPasses, 4), w[6]),
      pad(fmt(r.gradientNorm), w[7]), pad(NumberFormat.fixed(r.times.total, decimals: 2), w[8]),
    ].joined(separator: " ") + (r.nonFinite.map { "  non-finite: " + $0.description } ?? "")
  }

  /// A race row: the racer's name, then what it reached and spent; the step column holds λ/ρ/CG
  /// for HF and the learning rate and momentum for the others.
  func raceRow(_ r: IterationReport, racer: OptimizerKind) -> String {
    let w = Self.raceWidths
    let step: String
    if racer == .hf {
      step = "λ \(fmt(r.lambdaAfter)) ρ \(NumberFormat.fixed(r.rho, decimals: 2)) CG \(r.cgIterations)"
    } else {
      step = [r.learningRate.map { "lr \(fmt($0))" }, r.momentum.map { "μ \(NumberFormat.fixed($0, decimals: 3))" }]
        .compactMap { $0 }.joined(separator: " ")
    }
    return [
      pad(racer.rawValue, w[0]), pad(String(r.iteration), w[1]), pad(fmt(r.objective, 5), w[2]), pad(fmt(r.error, 4), w[3]),
      pad(r.testError.map { fmt($0, 4) } ?? "—", w[4]), pad(fmt(r.dataPasses, 4), w[5]), pad(step, w[6]),
      pad(NumberFormat.fixed(r.times.total, decimals: 2), w[7]),
    ].joined(separator: " ") + (r.nonFinite.map { "  non-finite: " + $0.description } ?? "")
  }

  /// The table that ends a race: each racer's final objective and error, the passes it used, and
  /// the passes it needed to reach the best objective of the others.
  func raceSummary(_ standings: [RaceStanding]) {
    if json {
      writeJSON(RaceSummary(standings: standings))
      return
    }
    let widths = [7, 6, 11, 10, 9, 11, 18]
    var lines = ["", "race summary (passes = passes over the training set)"]
    lines.append(zip(["racer", "iters", "objective", "error", "passes", "others' best", "passes to reach it"], widths)
      .map { pad($0, $1) }.joined(separator: " "))
    for s in standings {
      lines.append(
        [
          pad(s.kind.rawValue, widths[0]), pad(String(s.iterations), widths[1]), pad(fmt(s.finalObjective, 5), widths[2]),
          pad(fmt(s.finalError, 4), widths[3]), pad(fmt(s.dataPasses, 4), widths[4]), pad(s.othersBest.map { fmt($0, 4) } ?? "—", widths[5]),
          pad(s.passesToOthersBest.map { fmt($0, 4) } ?? "never", widths[6]),
        ].joined(separator: " "))
    }
    writeLine(lines.joined(separator: "\n"))
  }

  /// The `--json` line that ends a race: every racer's standing.
  struct RaceSummary: Encodable {
    var k = "race_summary"
    var standings: [RaceStanding]
  }
}
