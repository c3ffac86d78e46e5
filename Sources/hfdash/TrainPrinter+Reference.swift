import HFEngine
import HFRecording
import HFSession

/// `train --reference`: the reference's error beside each HF row (a column, or `reference_*`
/// JSON members), and at the end where both left the plateau and how far apart they finished.
extension TrainPrinter {
  /// The width of the reference's column.
  static let referenceWidth = 10

  /// "paper err" (the reference's label, cut to fit).
  static func referenceHeading(_ reference: ComparisonRun) -> String {
    String(reference.label.prefix(referenceWidth - 4)) + " err"
  }

  /// The reference's row at exactly `iteration` (nil when it has none there).
  static func referenceRow(_ reference: ComparisonRun, iteration: Int) -> Int? {
    guard let k = reference.index(atOrBefore: iteration), reference.iterations[k] == iteration else { return nil }
    return k
  }

  /// The reference's error at `iteration` and a space, padded to the column (blank where it has
  /// no row or no error; nothing at all without a reference).
  func referenceCell(iteration: Int) -> String {
    guard let reference else { return "" }
    let value = Self.referenceRow(reference, iteration: iteration).flatMap { reference.trainError[$0] }
    return pad(value.map { fmt($0, 4) } ?? "", Self.referenceWidth) + " "
  }

  /// The members a JSON row gets from the reference's row at `iteration` (nil without one).
  func referenceFields(iteration: Int) -> ReferenceFields? {
    guard let reference, let k = Self.referenceRow(reference, iteration: iteration) else { return nil }
    let cg = reference.cgIterations[k].flatMap { $0.isFinite ? Int(exactly: $0.rounded()) : nil }
    return ReferenceFields(
      referenceError: reference.trainError[k], referenceTestError: reference.testError[k], referenceLambda: reference.lambda[k],
      referenceRho: reference.rho[k], referenceCgIterations: cg)
  }

  /// A reference's values at one iteration (absent members: the reference has no such value).
  struct ReferenceFields: Encodable {
    var referenceError: Double?
    var referenceTestError: Double?
    /// λ the reference's iteration ran with (as `lambda_before`).
    var referenceLambda: Double?
    var referenceRho: Double?
    var referenceCgIterations: Int?
  }

  /// An `iter` line with the reference's members added to the same object.
  struct ReferencedRow: Encodable {
    let event: RecordedEvent
    let reference: ReferenceFields

    func encode(to encoder: any Encoder) throws {
      try event.encode(to: encoder)
      try reference.encode(to: encoder)
    }
  }

  /// The `--json` line that ends a run compared with a reference.
  struct ReferenceSummaryLine: Encodable {
    var k = "reference_summary"
    var reference: String
    var label: String
    var plateauIteration: Int?
    var plateauError: Double?
    var plateauLeft: Int?
    var referencePlateauIteration: Int?
    var referencePlateauError: Double?
    var referencePlateauLeft: Int?
    var lastCommonIteration: Int?
    var error: Double?
    var referenceError: Double?
    var iterations: Int
    var referenceIterations: Int
  }

  /// Prints how HF's `reports` stand against the reference (nothing without one).
  func referenceSummary(_ reports: [IterationReport]) {
    guard let reference else { return }
    let s = ComparisonSummary(run: ComparisonRun(reports: reports, title: "this run", label: "run"), reference: reference)
    if json {
      return writeJSON(
        ReferenceSummaryLine(
          reference: reference.title, label: reference.label, plateauIteration: s.plateau?.iteration, plateauError: s.plateau?.error,
          plateauLeft: s.plateau?.leftAt, referencePlateauIteration: s.referencePlateau?.iteration,
          referencePlateauError: s.referencePlateau?.error, referencePlateauLeft: s.referencePlateau?.leftAt,
          lastCommonIteration: s.lastCommonIteration, error: s.error, referenceError: s.referenceError, iterations: s.iterations,
          referenceIterations: s.referenceIterations))
    }
    let label = reference.label
    var lines = ["", "against \(label) (\(reference.title)):"]
    lines.append(
      "  plateau       " + Self.plateauText(s.plateau, last: s.iterations) + " · \(label) "
        + Self.plateauText(s.referencePlateau, last: s.referenceIterations))
    if let at = s.lastCommonIteration, let mine = s.error, let theirs = s.referenceError {
      let place = "iteration \(at)"
      lines.append("  " + place + String(repeating: " ", count: max(1, 14 - place.count)) + "error \(fmt(mine, 4)) · \(label) \(fmt(theirs, 4))")
    } else {
      lines.append("  last common   no iteration with an error in both")
    }
    lines.append("  reached       iteration \(s.iterations) of the \(label)'s \(s.referenceIterations)")
    writeLine(lines.joined(separator: "\n"))
  }

  /// "16.95 from iteration 7, left at iteration 40" (or "not left by iteration 20", or no plateau).
  static func plateauText(_ p: Plateau?, last: Int) -> String {
    guard let p else { return "none by iteration \(last)" }
    let left = p.leftAt.map { "left at iteration \($0)" } ?? "not left by iteration \(last)"
    return "\(fmt(p.error, 4)) from iteration \(p.iteration), \(left)"
  }
}
