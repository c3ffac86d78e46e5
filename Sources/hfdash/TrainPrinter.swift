import Foundation
import HFEngine
import HFSession
import HFRecording

/// Formats `hfdash train` output: an aligned table, or JSON lines in the recordings' encoding
/// (`--json`: each iteration is the recording's `iter` line, a race's rivals with `racer`; the
/// success and race-summary lines have kinds `success` and `race_summary`).
struct TrainPrinter {
  let json: Bool
  /// When the run started (the `t` of JSON lines).
  private let start = DispatchTime.now()
  static let widths = [5, 11, 10, 10, 9, 7, 13, 5, 9, 7]
  /// Which table the rows form: HF's, another optimizer's, or a race's (set by `header`).
  var layout = RowLayout.hf
  /// The published run HF's rows are compared with (`--reference`): a column, JSON fields, a summary.
  var reference: ComparisonRun?

  /// The table of a run: HF's columns, a first-order method's, or a race's with a racer column.
  enum RowLayout {
    case hf
    case single(OptimizerKind)
    case race
  }

  /// The header lines of a run (not printed with --json), and the layout of its rows.
  mutating func header(_ d: SessionDescription, recording: String?, optimizerSettings: String?, ranks: Int = 1) {
    layout = !d.racers.isEmpty ? .race : d.optimizer == .hf ? .hf : .single(d.optimizer)
    guard !json else { return }
    if case .hf = layout {
      header(d, recording: recording, ranks: ranks)
    } else {
      writeLine(otherHeader(d, recording: recording, optimizerSettings: optimizerSettings))
    }
  }

  /// Prints one finished iteration (HF's, a single run's, or racer `racer`'s in a race).
  func row(_ r: IterationReport, racer: OptimizerKind?) {
    if json {
      let event: SessionEvent = racer.map { .racer($0, .iterationFinished(r)) } ?? .engine(.iterationFinished(r))
      let line = RecordedEvent(time: elapsed, event: event)
      if racer == nil, case .hf = layout, let fields = referenceFields(iteration: r.iteration) {
        return writeJSON(ReferencedRow(event: line, reference: fields))
      }
      return writeJSON(line)
    }
    switch layout {
    case .hf: row(r)
    case .single: writeLine(firstOrderRow(r))
    case .race: writeLine(raceRow(r, racer: racer ?? .hf))
    }
  }

  func header(_ d: SessionDescription, recording: String?, ranks: Int = 1) {
    let c = d.config
    var lines = [
      "hfdash \(HFDashVersion.string) — Hessian-free optimization (Martens 2010)",
      "preset    \(d.preset): \(d.model)",
      "params    \(d.parameterCount)",
      "data      \(d.data): \(d.trainCases) train" + (d.testCases.map { ", \($0) test" } ?? ", no test set"),
      "settings  λ₀ \(fmt(c.initialLambda))\(c.adaptiveLambda ? " (LM)" : " (frozen)"), \(c.curvature.shortName), CG ≤ \(c.cg.maxIterations), "
        + "curvature batch \(c.curvatureBatchSize ?? d.trainCases / max(1, c.chunks)), precond \(c.preconditioner ? "on" : "off"), "
        + "backtrack \(c.backtracking ? "on" : "off"), line search \(c.lineSearch ? "on" : "off"), wc \(fmt(c.weightCost)), "
        + "ρ \(c.rhoModel.rawValue), seed \(d.seed), threads \(c.threads)"
        + (d.hasStructuralDamping ? ", μ \(fmt(c.structuralDamping)), gradient batch \(c.gradientBatchSize ?? 1000)" : ""),
      "error     \(d.errorName)" + (d.hasStructuralDamping ? ", SUCCESS when the test error < 0.001" : ""),
    ]
    if let resumed = d.resumedFrom { lines.append("resumed   after iteration \(resumed)") }
    if let reference { lines.append("reference \(reference.label): \(reference.title)") }
    if ranks > 1 { lines.append("ranks     \(ranks) MPI ranks, \(c.threads) thread(s) each; sec includes the comm share shown") }
    lines.append("recording \(recording ?? "off")")
    lines.append("")
    var headings = zip(["iter", "objective", "error", "test err", "λ", "ρ", "CG/chosen", "step", "‖∇f‖", "sec"], Self.widths)
      .map { pad($0, $1) }
    if let reference { headings.insert(pad(Self.referenceHeading(reference), Self.referenceWidth), at: 3) }
    lines.append(headings.joined(separator: " "))
    writeLine(lines.joined(separator: "\n"))
  }

  /// Seconds since the run started, to the millisecond.
  var elapsed: Double { RecordingCodec.roundedTime(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9) }

  /// Prints `value` as one line of the recordings' JSON.
  func writeJSON(_ value: some Encodable) {
    writeLine(String(decoding: RecordingJSON.bytes(value), as: UTF8.self))
  }

  /// The `--json` line that ends a run with a success criterion.
  struct Outcome: Encodable {
    var k = "success"
    var success: Bool
    var iterations: Int
    var cgIterations: Int
    var seconds: Double
    var testError: Double?
  }

  /// HF's table row.
  func row(_ r: IterationReport) {
    let cg = "\(r.cgIterations)/\(r.cgChosen) \(r.cgReason.shortName)"
    writeLine(
      pad(String(r.iteration), 5) + " " + pad(fmt(r.objective, 5), 11) + " " + pad(fmt(r.error, 4), 10) + " "
        + referenceCell(iteration: r.iteration) + pad(r.testError.map { fmt($0, 4) } ?? "—", 10) + " " + pad(fmt(r.lambdaAfter), 9) + " " + pad(fmtRho(r.rho), 7)
        + " " + pad(cg, 13) + " " + pad(r.accepted ? fmt(r.stepRate, 2) : "rej", 5) + " " + pad(fmt(r.gradientNorm), 9)
        + " " + pad(NumberFormat.fixed(r.times.total, decimals: 2), 7)
        + (r.times.communication > 0 ? "  comm " + NumberFormat.fixed(100 * r.times.communication / max(r.times.total, 1e-12), decimals: 0) + "%" : "")
        + (r.nonFinite.map { "  non-finite: " + $0.description } ?? ""))
  }

  /// The line that ends a run whose test error met the success criterion.
  func success(_ r: IterationReport, threshold: Double, cgIterations: Int, seconds: Double) {
    if json {
      writeJSON(
        Outcome(success: true, iterations: r.iteration, cgIterations: cgIterations, seconds: (seconds * 100).rounded() / 100, testError: r.testError))
    } else {
      writeLine(
        "SUCCESS: test error \(fmt(r.testError ?? 0, 3)) < \(fmt(threshold)) after \(r.iteration) HF iterations, "
          + "\(cgIterations) CG iterations, \(NumberFormat.fixed(seconds, decimals: 1)) s")
    }
  }

  /// The line that ends a run with a success criterion that was not met.
  func noSuccess(iterations: Int, threshold: Double, cgIterations: Int, seconds: Double) {
    if json {
      writeJSON(Outcome(success: false, iterations: iterations, cgIterations: cgIterations, seconds: (seconds * 100).rounded() / 100))
    } else {
      writeLine(
        "no success: test error not below \(fmt(threshold)) after \(iterations) HF iterations, \(cgIterations) CG iterations, "
          + "\(NumberFormat.fixed(seconds, decimals: 1)) s")
    }
  }


  func pad(_ s: String, _ w: Int) -> String {
    let n = s.count
    return n >= w ? s : String(repeating: " ", count: w - n) + s
  }
  private func fmtRho(_ x: Double) -> String { NumberFormat.fixed(x, decimals: 3) }
}

/// Numbers in tables: the program's one format (`NumberFormat.compact`) with `digits` significant digits.
func fmt(_ x: Double, _ digits: Int = 3) -> String { NumberFormat.compact(x, significant: digits) }

/// Writes one line to stdout unbuffered, so piped output appears as iterations finish.
func writeLine(_ s: String) {
  FileHandle.standardOutput.write(Data((s + "\n").utf8))
}
