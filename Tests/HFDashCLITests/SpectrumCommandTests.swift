import Foundation
import Testing

/// `hfdash spectrum`: per-iteration Ritz values from CG, the explicit Lanczos run, and bad input.
@Suite("hfdash spectrum")
struct SpectrumCommandTests {
  /// The numeric columns of the iteration rows: [HF, λ, k, θ_min, θ_max, κ].
  static func rows(_ stdout: String) -> [[Double]] {
    stdout.split(separator: "\n").compactMap { line in
      let cells = line.split(separator: " ").map(String.init)
      guard cells.count >= 7, Int(cells[0]) != nil else { return nil }
      return cells.prefix(6).compactMap(Double.init)
    }
  }

  @Test("three iterations on tiny without the preconditioner, then 12 Lanczos steps")
  func tinyRun() throws {
    let r = try CLIRunner.run(["spectrum", "--preset", "tiny", "--iterations", "3", "--no-preconditioner", "--lanczos", "12"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("G + (λ + wc)I, no preconditioner"))
    let rows = Self.rows(r.stdout)
    #expect(rows.count == 3 && rows.map { $0[0] } == [1, 2, 3])
    for row in rows {
      // θ_min ≥ λ + wc (the damped matrix's floor), θ_max ≥ θ_min, κ their ratio (3 digits).
      #expect(row.count == 6 && row[3] >= row[1] * 0.999 && row[4] >= row[3])
      #expect(abs(row[5] - row[4] / row[3]) <= 0.01 * row[5] + 0.01)
    }
    #expect(r.stdout.contains("Lanczos, 12 steps on the undamped curvature"))
    #expect(r.stdout.contains("  largest   ") && r.stdout.contains("  smallest  "))
  }

  @Test("bad input is one sentence and a non-zero exit", arguments: [
    (["--lanczos", "501"], "--lanczos must be between 0 and 500 (got 501)."),
    (["--iterations", "0"], "--iterations must be at least 1 (got 0)."),
    (["--race", "sgd"], "spectrum shows HF's curvature; it takes neither --race nor another --optimizer."),
    (["--preset", "nope"], "Unknown preset 'nope'"),
  ])
  func badInput(arguments: [String], message: String) throws {
    let r = try CLIRunner.run(["spectrum"] + arguments)
    #expect(r.status != 0)
    #expect(r.stderr.hasPrefix("hfdash: ") && r.stderr.contains(message), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1)
  }
}
