import ArgumentParser
import Foundation
import HFEngine

/// `hfdash spectrum`: HF iterations headless, each with the curvature spectrum CG's own α and β
/// give, and optionally an explicit Lanczos run on the undamped curvature afterwards.
struct SpectrumCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "spectrum",
    abstract: "Train headless and print each HF iteration's curvature spectrum from CG's own step sizes.",
    discussion: """
      Each row: λ, the CG steps k, the smallest and largest Ritz value of CG's Lanczos tridiagonal \
      (the damped matrix G + (λ + wc)I, or M⁻¹ times it with the preconditioner), κ = θ_max/θ_min, \
      and how many of the k Ritz values have converged (residual bound ≤ 1e-3·θ). Without the \
      preconditioner the last column is θ_max − (λ + wc), the largest eigenvalue estimate of G itself. \
      --lanczos K then runs K Lanczos steps (full reorthogonalization) on the undamped curvature of \
      the last iteration's batch. Not recorded; the run's other flags are those of train.
      """)

  @OptionGroup var options: RunOptions
  @Option(parsing: .unconditional, help: "HF iterations to run.")
  var iterations: Int = 10
  @Option(parsing: .unconditional, help: "Lanczos steps on the undamped curvature after the last iteration (0 = none; at most 500).")
  var lanczos: Int = 0

  func run() throws {
    guard iterations >= 1 else { fail("--iterations must be at least 1 (got \(iterations)).", code: 2) }
    guard lanczos >= 0, lanczos <= LanczosProbe.maximumSteps else {
      fail("--lanczos must be between 0 and \(LanczosProbe.maximumSteps) (got \(lanczos)).", code: 2)
    }
    guard options.race == nil, options.optimizer == .hf else {
      fail("spectrum shows HF's curvature; it takes neither --race nor another --optimizer.", code: 2)
    }
    let setup: TrainingSetup
    do { setup = try TrainingSetup(try options.runSpec()) } catch { fail(error.message) }
    let hf = setup.optimizer
    let c = hf.config
    writeLine("spectrum  \(setup.spec.preset.name) · \(setup.modelSummary) · \(setup.dataDescription) · seed \(options.seed)")
    writeLine("          \(c.preconditioner ? "M⁻¹(G + (λ + wc)I), preconditioner α \(c.preconditionerExponent)" : "G + (λ + wc)I, no preconditioner"), wc \(c.weightCost), CG ≤ \(c.cg.maxIterations)")
    writeLine(Self.row(["HF", "λ", "k", "θ_min", "θ_max", "κ", "conv", c.preconditioner ? "" : "θ_max−λ−wc"]))
    for _ in 0..<iterations {
      var summary: CGSummary?
      let report = hf.step { event in
        if case .cgFinished(let s) = event { summary = s }
        return .proceed
      }
      guard let report else { break }
      guard let s = summary?.spectrum else {
        writeLine(Self.row(["\(report.iteration)", Self.number(report.lambdaBefore), "\(report.cgIterations)", "no CG step"]))
        continue
      }
      writeLine(
        Self.row([
          "\(report.iteration)", Self.number(s.lambda), "\(s.steps)", Self.number(s.smallestValue),
          Self.number(s.largestValue), Self.number(s.conditionNumber), "\(s.convergedCount)/\(s.steps)",
          s.undampedLargest.map { Self.number($0[0]) } ?? "",
        ]))
    }
    guard lanczos > 0 else { return }
    do {
      let s = try hf.lanczosSpectrum(steps: lanczos)
      writeLine("")
      writeLine("Lanczos, \(s.steps) steps on the undamped curvature at θ after iteration \(hf.iteration) (\(s.convergedCount) converged):")
      writeLine("  smallest  " + s.smallest.map { Self.number($0.value) + ($0.converged ? "" : "?") }.joined(separator: "  "))
      writeLine("  largest   " + s.largest.map { Self.number($0.value) + ($0.converged ? "" : "?") }.joined(separator: "  "))
    } catch { fail(error.message) }
  }

  /// Right-aligned columns.
  static func row(_ cells: [String]) -> String {
    let widths = [4, 10, 5, 11, 11, 11, 9, 12]
    return zip(cells, widths).map { cell, w in
      String(repeating: " ", count: Swift.max(0, w - cell.count)) + cell
    }.joined()
  }

  /// Three significant digits, scientific.
  static func number(_ v: Double) -> String { v.isFinite ? String(format: "%.3g", v) : "\(v)" }
}
