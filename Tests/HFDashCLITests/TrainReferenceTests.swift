import Foundation
import Testing

@Suite("hfdash train --reference")
struct TrainReferenceTests {
  /// A small reference: no row at iteration 4; on the plateau from iteration 5 (9.95, then 9.92),
  /// below 0.9 × 9.95 = 8.955 at iteration 7.
  static let csv = """
    # hfdash reference run: fixture
    # title: A small test reference
    # label: paper
    iteration,train_error,test_error,lambda,rho,cg_steps
    1,50,51,45,0.8,13
    2,20,21,30,0.9,12
    3,10,10.5,20,1,12
    5,9.95,10.1,8,1.05,14
    6,9.92,10,5,-inf,20
    7,8.5,8.7,3,0.7,30
    8,7,7.2,2,0.6,40

    """

  func reference(_ csv: String = Self.csv) throws -> URL {
    let dir = try CLIRunner.temporaryDirectory()
    let url = dir.appendingPathComponent("small.csv")
    try csv.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  /// The cells of a table row split on runs of spaces.
  func cells(_ line: Substring) -> [String] { line.split(separator: " ").map(String.init) }

  @Test("each row gets the reference's error at its iteration (blank where it has no row), and a comparison ends the table")
  func table() throws {
    let r = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "6", "--no-record", "--reference", try reference().path])
    #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.contains("reference paper: A small test reference"))
    let heading = try #require(lines.first { $0.contains("objective") && $0.contains("iter") })
    #expect(cells(heading).prefix(6) == ["iter", "objective", "error", "paper", "err", "test"])
    let rows = lines.filter { $0.range(of: #"^\s+\d+\s+\d"#, options: .regularExpression) != nil }
    #expect(rows.count == 6)
    // The paper's column: 50, 20, 10, nothing at 4, 9.95, 9.92 — under its heading, right-aligned.
    let end = heading.distance(from: heading.startIndex, to: try #require(heading.range(of: "paper err")).upperBound)
    let column = rows.map { String(Array($0)[(end - 10)..<end]).trimmingCharacters(in: .whitespaces) }
    #expect(column == ["50", "20", "10", "", "9.95", "9.92"])
    // The test error still follows it (row 4 has one cell fewer: its reference cell is blank).
    #expect(cells(rows[0]).count == cells(rows[3]).count + 1)
    let errors = rows.compactMap { Double(cells($0)[2]) }
    let summary = lines.drop { !$0.hasPrefix("against paper") }
    #expect(summary.first == "against paper (A small test reference):")
    let lastError = try #require(errors.last)
    let plateau = try #require(summary.first { $0.hasPrefix("  plateau") })
    #expect(plateau.hasSuffix(" · paper 9.95 from iteration 5, left at iteration 7"), "\(plateau)")
    #expect(summary.contains("  iteration 6   error \(rows[5].split(separator: " ")[2]) · paper 9.92"), "\(summary)")
    #expect(summary.contains("  reached       iteration 6 of the paper's 8"))
    #expect(lastError < errors[0])
  }

  @Test("--json: rows carry reference_error, reference_test_error, reference_lambda, reference_rho, reference_cg_iterations; a summary line ends")
  func json() throws {
    let r = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "6", "--no-record", "--json", "--reference", try reference().path])
    #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
    let objects = try r.stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    #expect(objects.count == 7)
    let rows = objects.prefix(6)
    #expect(rows.map { $0["reference_error"] as? Double } == [50, 20, 10, nil, 9.95, 9.92])
    #expect(rows.map { $0["reference_test_error"] as? Double } == [51, 21, 10.5, nil, 10.1, 10])
    #expect(rows.map { $0["reference_lambda"] as? Double } == [45, 30, 20, nil, 8, 5])
    #expect(rows.map { $0["reference_cg_iterations"] as? Int } == [13, 12, 12, nil, 14, 20])
    #expect(rows[5]["reference_rho"] as? String == "-Infinity" && rows[0]["reference_rho"] as? Double == 0.8)
    #expect(!rows[3].keys.contains { $0.hasPrefix("reference") })
    #expect(rows.allSatisfy { $0["k"] as? String == "iter" && $0["error"] is Double })
    let s = try #require(objects.last)
    #expect(s["k"] as? String == "reference_summary" && s["reference"] as? String == "A small test reference" && s["label"] as? String == "paper")
    #expect(s["reference_plateau_iteration"] as? Int == 5 && s["reference_plateau_error"] as? Double == 9.95)
    #expect(s["reference_plateau_left"] as? Int == 7)
    #expect(s["last_common_iteration"] as? Int == 6 && s["reference_error"] as? Double == 9.92)
    #expect(s["error"] as? Double == rows[5]["error"] as? Double)
    #expect(s["iterations"] as? Int == 6 && s["reference_iterations"] as? Int == 8)
  }

  @Test("without --reference tiny has no paper column; a bad reference stops before training, in one sentence")
  func absentAndBad() throws {
    let plain = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "1", "--no-record"])
    #expect(plain.status == 0 && !plain.stdout.contains("paper") && !plain.stdout.contains("against"))
    let missing = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "1", "--no-record", "--reference", "nope"])
    #expect(missing.status == 2 && missing.stdout.isEmpty)
    #expect(missing.errorLines == ["hfdash: There is no reference run 'nope'; known: martens-hf-curves, martens-kfac-curves, martens-kfac-mnist, or a CSV path."])
    let both = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "1", "--reference", "martens-hf-curves", "--no-reference"])
    #expect(both.status == 2 && both.errorLines == ["hfdash: --reference and --no-reference contradict each other; give one."])
    let dir = try CLIRunner.temporaryDirectory()
    let bad = dir.appendingPathComponent("bad.csv")
    try "iteration,train_error\n1,abc\n".write(to: bad, atomically: true, encoding: .utf8)
    let r = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "1", "--no-record", "--reference", bad.path])
    #expect(r.status == 2 && r.errorLines == ["hfdash: bad.csv line 2: 'abc' in column train_error is not a number."] && r.stdout.isEmpty, "\(r.stderr)")
  }

  @Test("a race has no HF table to compare: --reference is dropped with one warning")
  func race() throws {
    let r = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "2", "--no-record", "--race", "adam", "--reference", try reference().path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.errorLines == ["hfdash: warning: --reference is shown beside a single HF run's table; a race or another optimizer's run is printed without it."])
    #expect(!r.stdout.contains("paper err"))
  }

  @Test("a resumed run's comparison counts the iterations before its checkpoint: it ends as the uninterrupted run's does")
  func resumed() throws {
    // The reference ends at iteration 3, the checkpoint resumed from: only the history has rows in common.
    let paper = try reference(Self.csv.split(separator: "\n").prefix(7).joined(separator: "\n") + "\n").path
    let whole = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "6", "--no-record", "--reference", paper])
    #expect(whole.status == 0, "\(whole.stderr)")
    let file = try CLIRunner.temporaryDirectory().appendingPathComponent("r.hfrec.jsonl").path
    let first = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "3", "--record", file, "--reference", paper])
    #expect(first.status == 0, "\(first.stderr)")
    // On a resume, --iterations counts the iterations still to run.
    let rest = try CLIRunner.run(["train", "--resume", file, "--iterations", "3", "--reference", paper])
    #expect(rest.status == 0, "\(rest.stderr)")
    let summary = { (out: String) in Array(out.split(separator: "\n").drop { !$0.hasPrefix("against paper") }) }
    #expect(summary(rest.stdout).count == 4)
    #expect(summary(rest.stdout) == summary(whole.stdout), "\(rest.stdout)")
    #expect(summary(rest.stdout).contains("  reached       iteration 6 of the paper's 3"))
    #expect(summary(rest.stdout).contains { $0.hasPrefix("  iteration 3   error ") && $0.hasSuffix(" · paper 10") })
  }

  @Test("a resumed race is still a race: no reference column or comparison, even when the preset has one")
  func resumedRace() throws {
    let file = try CLIRunner.temporaryDirectory().appendingPathComponent("race.hfrec.jsonl").path
    let first = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "1", "--race", "adam", "--record", file])
    #expect(first.status == 0, "\(first.stderr)")
    let rest = try CLIRunner.run(["train", "--resume", file, "--iterations", "2", "--reference", try reference().path])
    #expect(rest.status == 0, "\(rest.stderr)")
    #expect(rest.errorLines == ["hfdash: warning: --reference is shown beside a single HF run's table; a race or another optimizer's run is printed without it."])
    #expect(!rest.stdout.contains("paper err") && !rest.stdout.contains("against paper"))
    #expect(rest.stdout.contains("adam"))
  }
}
