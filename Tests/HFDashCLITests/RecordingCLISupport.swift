import Foundation
import Testing

/// Recordings made by the real binary for the CLI tests, each in a fresh directory.
struct RecordedRun {
  let directory: URL
  let url: URL

  /// Trains `tiny` for `iterations` into `<fresh dir>/run.hfrec.jsonl` (extra flags in `arguments`).
  init(iterations: Int = 5, arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws {
    directory = try CLIRunner.temporaryDirectory()
    url = directory.appendingPathComponent("run.hfrec.jsonl")
    let r = try CLIRunner.run(
      ["train", "--preset", "tiny", "--iterations", String(iterations), "--threads", "1", "--record", url.path] + arguments)
    #expect(r.status == 0, "train failed: \(r.stderr)", sourceLocation: sourceLocation)
  }

  /// The recording's lines (without their newlines).
  func lines() throws -> [String] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      .filter { !$0.isEmpty }
  }

  /// Replaces the recording's lines.
  func write(lines: [String], finalNewline: Bool = true) throws {
    try (lines.joined(separator: "\n") + (finalNewline ? "\n" : "")).write(to: url, atomically: true, encoding: .utf8)
  }

  /// The index of the `k` line of HF iteration `i` ("iter", "iter_start", "cg_end", "cg").
  func index(of kind: String, iteration: Int) throws -> Int {
    try #require(lines().firstIndex { Self.isLine($0, kind: kind, iteration: iteration) })
  }

  /// Whether `line` is a `kind` line of HF iteration `iteration` (keys are sorted: `k` sits among the fields).
  static func isLine(_ line: String, kind: String, iteration: Int) -> Bool {
    let key = kind == "cg" || kind == "cg_end" ? "hf_iteration" : "iteration"
    return line.contains("\"k\":\"\(kind)\"") && line.contains("\"\(key)\":\(iteration),")
  }
}

extension CLIRunner.Result {
  /// stderr's lines.
  var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
}
