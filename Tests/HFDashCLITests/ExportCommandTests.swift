import Foundation
import Testing

@Suite("hfdash export")
struct ExportCommandTests {
  @Test("csv: one row per HF iteration, every metric a column")
  func csv() throws {
    let run = try RecordedRun(iterations: 5)
    let r = try CLIRunner.run(["export", run.url.path, "--format", "csv"])
    #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
    let rows = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    #expect(rows.count == 6)
    let header = rows[0].map(String.init)
    #expect(Array(header.prefix(6)) == ["run", "t", "optimizer", "iteration", "objective", "error"])
    for column in ["lambda_before", "lambda_after", "rho", "cg_iterations", "cg_reason", "accepted", "grad_norm_W1", "grad_norm_W6",
                   "step_norm_W6", "data_passes", "time_total"] {
      #expect(header.contains(column), "missing column \(column)")
    }
    for (k, row) in rows.dropFirst().enumerated() {
      #expect(row.count == header.count)
      #expect(row[0] == "1" && row[2] == "hf" && row[3] == Substring(String(k + 1)))
      #expect(Double(row[4]) != nil)
    }
  }

  @Test("jsonl: one object per iteration with the csv's keys; --output writes a file")
  func jsonl() throws {
    let run = try RecordedRun(iterations: 4)
    let out = run.directory.appendingPathComponent("out.jsonl")
    let r = try CLIRunner.run(["export", run.url.path, "--format", "jsonl", "--output", out.path])
    #expect(r.status == 0 && r.stdout.isEmpty && r.stderr.isEmpty, "\(r.stderr)")
    let csv = try CLIRunner.run(["export", run.url.path, "--format", "csv"]).stdout
    let columns = Set(csv.split(separator: "\n")[0].split(separator: ",").map(String.init))
    let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 4)
    for (k, line) in lines.enumerated() {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(object["iteration"] as? Int == k + 1 && object["run"] as? Int == 1)
      #expect(object["objective"] is Double)
      #expect(Set(object.keys) == columns)
    }
  }

  @Test("asciicast: a v2 header, then [t, \"o\"|\"m\", text] events with non-decreasing t and the note as a marker")
  func asciicast() throws {
    let run = try RecordedRun(iterations: 4)
    var lines = try run.lines()
    let after = try run.index(of: "iter", iteration: 2)
    lines.insert(#"{"iteration":2,"k":"note","t":0.05,"text":"λ settles"}"#, at: after + 1)
    try run.write(lines: lines)
    let r = try CLIRunner.run(["export", run.url.path, "--format", "asciicast", "--width", "100", "--height", "30"])
    #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
    let cast = r.stdout.split(separator: "\n")
    let header = try #require(try JSONSerialization.jsonObject(with: Data(cast[0].utf8)) as? [String: Any])
    #expect(header["version"] as? Int == 2 && header["width"] as? Int == 100 && header["height"] as? Int == 30)
    var last = 0.0
    var outputs = 0
    var markers: [String] = []
    for line in cast.dropFirst() {
      let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], "not an array: \(line)")
      #expect(event.count == 3)
      let t = try #require((event[0] as? NSNumber)?.doubleValue)
      let code = try #require(event[1] as? String)
      let text = try #require(event[2] as? String)
      #expect(t >= last, "time went back: \(line.prefix(40))")
      last = t
      #expect(code == "o" || code == "m")
      if code == "o" { outputs += 1 } else { markers.append(text) }
    }
    #expect(outputs >= 5)  // the start and every iteration (frames that change nothing write only their markers)
    #expect(markers == ["note (iteration 2): λ settles"])
    #expect(cast[1].contains("REPLAY"))
    // The first frame clears the screen and draws from the top left.
    #expect(cast[1].hasPrefix(#"[0,"o","\u001b[2J\u001b[H"#))
  }

  @Test("bad export options and outputs are one sentence")
  func badOptions() throws {
    let run = try RecordedRun(iterations: 1)
    let same = try CLIRunner.run(["export", run.url.path, "--format", "csv", "--output", run.url.path])
    #expect(same.status == 1 && same.errorLines.count == 1 && same.stderr.contains("is the recording itself"))
    let narrow = try CLIRunner.run(["export", run.url.path, "--format", "asciicast", "--width", "10"])
    #expect(narrow.status == 2 && narrow.errorLines.count == 1 && narrow.stderr.contains("--width"))
    let format = try CLIRunner.run(["export", run.url.path, "--format", "pdf"])
    #expect(format.status == 2 && format.errorLines.count == 1 && format.stderr.contains("pdf"))
    let dir = try CLIRunner.run(["export", run.url.path, "--format", "csv", "--output", "/nonexistent/dir/out.csv"])
    #expect(dir.status == 1 && dir.errorLines.count == 1 && dir.stderr.contains("/nonexistent/dir/out.csv"))
  }
}
