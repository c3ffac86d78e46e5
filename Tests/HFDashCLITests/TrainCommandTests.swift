import Foundation
import HFEngine
import HFRecording
import Testing

@Suite("hfdash train")
struct TrainCommandTests {
  @Test("train prints a header and one aligned line per iteration with a falling objective")
  func trainsTiny() throws {
    let r = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "5"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("preset    tiny:") })
    #expect(lines.contains { $0.hasPrefix("params    5412") })
    let rows = lines.filter { $0.range(of: #"^\s+\d+\s+\d"#, options: .regularExpression) != nil }
    #expect(rows.count == 5)
    let objectives = rows.compactMap { Double($0.split(separator: " ")[1]) }
    #expect(objectives.count == 5)
    #expect(objectives.last! < objectives.first!)
    #expect(r.stderr.isEmpty)
  }

  @Test("--json writes each iteration as the recording's iter line: snake_case keys, read by the recording decoder")
  func jsonLines() throws {
    let recording = recordingPath("json")
    let r = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "3", "--json", "--record", recording])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 3)
    var reports: [IterationReport] = []
    for (k, line) in lines.enumerated() {
      let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(obj["iteration"] as? Int == k + 1 && obj["k"] as? String == "iter")
      for key in ["objective", "error", "lambda_before", "lambda_after", "rho", "cg_iterations", "cg_chosen", "cg_reason",
                  "step_rate", "gradient_norm", "step_norm", "layer_gradient_norms", "layer_step_norms", "times", "test_error"] {
        #expect(obj[key] != nil, "missing \(key)")
      }
      #expect(obj.keys.allSatisfy { $0 == $0.lowercased() }, "camelCase key in \(line)")
      guard case .event(let e) = try RecordingCodec.decode(line: Array(line.utf8)), case .engine(.iterationFinished(let report)) = e.event else {
        Issue.record("the recording decoder does not read \(line)")
        continue
      }
      reports.append(report)
    }
    // The same reports as the recording made alongside, field for field.
    let recorded = try RecordingReader.open(URL(fileURLWithPath: recording)).reports
    #expect(reports.map(\.objective) == recorded.map(\.objective) && reports.map(\.layerGradientNorms) == recorded.map(\.layerGradientNorms))
  }

  /// A fresh recording path under the test's state directory.
  func recordingPath(_ name: String) -> String {
    CLIRunner.stateHome.appendingPathComponent("\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).hfrec.jsonl").path
  }
}

@Suite("hfdash train: recording")
struct TrainRecordingTests {
  @Test("train records by default into $XDG_STATE_HOME/hfdash/sessions with checkpoints, and --no-record does not")
  func recordsByDefault() throws {
    let state = try CLIRunner.temporaryDirectory()
    let r = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "3", "--checkpoint-every", "2"], environment: ["XDG_STATE_HOME": state.path])
    #expect(r.status == 0, "\(r.stderr)")
    let dir = state.appendingPathComponent("hfdash/sessions")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    let recording = try #require(files.first { $0.hasSuffix(".hfrec.jsonl") })
    #expect(recording.contains("tiny"))
    #expect(r.stdout.contains(recording))
    let lines = try String(contentsOf: dir.appendingPathComponent(recording), encoding: .utf8).split(separator: "\n")
    #expect(lines.first!.contains("\"format\":\"hfdash-recording\""))
    #expect(lines.filter { $0.contains("\"k\":\"iter\",") }.count == 3)
    #expect(lines.last!.contains("\"k\":\"checkpoint\""))  // the final checkpoint comes last
    let checkpoints = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(recording.replacingOccurrences(of: ".hfrec.jsonl", with: ".checkpoints")).path)
    #expect(checkpoints.sorted() == ["iter-000002", "iter-000003"])

    let none = try CLIRunner.temporaryDirectory()
    let q = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "1", "--no-record"], environment: ["XDG_STATE_HOME": none.path])
    #expect(q.status == 0)
    #expect(!FileManager.default.fileExists(atPath: none.appendingPathComponent("hfdash").path))
    #expect(q.stdout.contains("recording off"))
  }

  @Test("--record PATH chooses the file; an existing file is never overwritten")
  func recordPath() throws {
    let file = try CLIRunner.temporaryDirectory().appendingPathComponent("run.hfrec.jsonl")
    let r = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "1", "--record", file.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(FileManager.default.fileExists(atPath: file.path))
    let again = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "1", "--record", file.path])
    #expect(again.status != 0)
    #expect(again.stderr.split(separator: "\n").count == 1)
  }
}
