import Foundation
import Testing

/// Damaged, foreign and newer recordings; resumes and re-executions that cannot be done.
@Suite("hfdash replay/verify/export: bad input")
struct RecordingBadInputTests {
  @Test("a cut-off last line: verify and export work and warn; replay warns, then needs a terminal")
  func truncatedLastLine() throws {
    let run = try RecordedRun(iterations: 3)
    var lines = try run.lines()
    let k = try run.index(of: "iter", iteration: 3)
    lines = Array(lines[...k])
    lines[k] = String(lines[k].prefix(lines[k].count / 2))  // a crash while writing iteration 3's line
    try run.write(lines: lines, finalNewline: false)
    let verify = try CLIRunner.run(["verify", run.url.path])
    #expect(verify.status == 0, "\(verify.stderr)")
    #expect(verify.stdout.hasPrefix("identical through iteration 2 ("))
    #expect(verify.errorLines == ["hfdash: warning: run.hfrec.jsonl: The last line (line \(k + 1)) is incomplete, as after a crash; everything before it was read."])
    let export = try CLIRunner.run(["export", run.url.path, "--format", "csv"])
    #expect(export.status == 0 && export.stdout.split(separator: "\n").count == 3 && export.errorLines.count == 1)
    let replay = try CLIRunner.run(["replay", run.url.path])
    #expect(replay.status == 1 && replay.errorLines.count == 2)
    #expect(replay.errorLines.first?.contains("incomplete") == true)
    #expect(replay.errorLines.last?.hasPrefix("hfdash: replay needs a terminal") == true)
  }

  @Test("an unreadable line in the middle is skipped and counted, and the rest is used")
  func damagedMiddleLine() throws {
    let run = try RecordedRun(iterations: 3)
    var lines = try run.lines()
    let cg = try #require(lines.indices.first { RecordedRun.isLine(lines[$0], kind: "cg", iteration: 2) })
    lines[cg] = #"{"hf_iteration":2,"i":"#
    let state = try #require(lines.indices.first { lines[$0].contains(#""k":"state","state":"RUNNING""#) })
    lines[state] = "garbage"
    try run.write(lines: lines)
    let export = try CLIRunner.run(["export", run.url.path, "--format", "csv"])
    #expect(export.status == 0 && export.stdout.split(separator: "\n").count == 4)
    let lineNumbers = [state, cg].sorted().map { String($0 + 1) }.joined(separator: ", ")
    #expect(export.errorLines == ["hfdash: warning: run.hfrec.jsonl: 2 damaged lines were skipped (line \(lineNumbers))."])
    // Verify re-executes; the missing CG line is where the recording and the re-execution part.
    let verify = try CLIRunner.run(["verify", run.url.path])
    #expect(verify.status == 1 && verify.stdout.hasPrefix("diverged at iteration 2"))
    #expect(verify.stderr.contains("2 damaged lines were skipped"))

    // A damaged line that holds no engine event does not stop verify.
    let clean = try RecordedRun(iterations: 2)
    var cleanLines = try clean.lines()
    let running = try #require(cleanLines.indices.first { cleanLines[$0].contains(#""k":"state","state":"RUNNING""#) })
    cleanLines[running] = "{not json"
    try clean.write(lines: cleanLines)
    let ok = try CLIRunner.run(["verify", clean.url.path])
    #expect(ok.status == 0 && ok.stdout.hasPrefix("identical through iteration 2") && ok.errorLines.count == 1)
  }

  @Test("a newer format version is refused, naming both versions")
  func newerVersion() throws {
    let run = try RecordedRun(iterations: 1)
    var lines = try run.lines()
    lines[0] = lines[0].replacingOccurrences(of: #""version":2"#, with: #""version":7"#)
    try run.write(lines: lines)
    for args in [["verify"], ["export", "--format", "csv"], ["replay"]] {
      let r = try CLIRunner.run([args[0], run.url.path] + args.dropFirst())
      #expect(r.status != 0 && r.status < 128 && r.errorLines.count == 1, "\(args): \(r.stderr)")
      #expect(r.stderr.contains("version 7 is newer than this hfdash understands (2)"), "\(args): \(r.stderr)")
    }
  }

  @Test("a file that is not a recording, and a missing file, are one sentence")
  func notARecording() throws {
    let dir = try CLIRunner.temporaryDirectory()
    let text = dir.appendingPathComponent("notes.txt")
    try "some notes\nmore\n".write(to: text, atomically: true, encoding: .utf8)
    for command in [["verify"], ["export", "--format", "jsonl"], ["replay"]] {
      let r = try CLIRunner.run([command[0], text.path] + command.dropFirst())
      #expect(r.status != 0 && r.status < 128 && r.errorLines == ["hfdash: \(text.path) is not an hfdash recording (its first line is not a recording header)."])
      let missing = try CLIRunner.run([command[0], dir.appendingPathComponent("gone.hfrec.jsonl").path] + command.dropFirst())
      #expect(missing.status != 0 && missing.errorLines.count == 1 && missing.stderr.contains("gone.hfrec.jsonl does not exist"))
    }
    let speed = try CLIRunner.run(["replay", text.path, "--speed", "fast"])
    #expect(speed.status == 2 && speed.errorLines.count == 1 && speed.stderr.contains("--speed"))
  }

  @Test("resume with a damaged or missing checkpoint fails in one sentence and changes nothing")
  func resumeWithBadCheckpoint() throws {
    let run = try RecordedRun(iterations: 4, arguments: ["--checkpoint-every", "2"])
    let before = try Data(contentsOf: run.url)
    let checkpoints = run.directory.appendingPathComponent("run.checkpoints")
    let w1 = checkpoints.appendingPathComponent("iter-000004/W1.npy")
    let handle = try FileHandle(forWritingTo: w1)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data([1, 2, 3]))
    try handle.close()
    let damaged = try CLIRunner.run(["train", "--resume", run.url.path, "--iterations", "2"])
    #expect(damaged.status == 1 && damaged.errorLines.count == 1 && damaged.stdout.isEmpty)
    #expect(damaged.stderr.contains("iter-000004") && damaged.stderr.contains("W1.npy"))
    try FileManager.default.removeItem(at: checkpoints)
    let missing = try CLIRunner.run(["train", "--resume", run.url.path, "--iterations", "2"])
    #expect(missing.status == 1 && missing.errorLines.count == 1 && missing.stderr.contains("no checkpoints"))
    #expect(try Data(contentsOf: run.url) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: run.directory.path) == ["run.hfrec.jsonl"])
  }

  @Test("verify and resume refuse training data that differs from the recording's")
  func differentData() throws {
    let dir = try CLIRunner.temporaryDirectory()
    let csv = dir.appendingPathComponent("data.csv")
    var rows = (0..<40).map { r in (0..<6).map { c in String(format: "%.3f", Double((r * 7 + c * 3) % 11) / 11) }.joined(separator: ",") }
    try (rows.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
    let url = dir.appendingPathComponent("csv.hfrec.jsonl")
    let train = try CLIRunner.run(
      ["train", "--preset", "tiny", "--data", "csv:\(csv.path)", "--iterations", "3", "--checkpoint-every", "2", "--record", url.path])
    #expect(train.status == 0, "\(train.stderr)")
    let same = try CLIRunner.run(["verify", url.path])
    #expect(same.status == 0 && same.stdout.hasPrefix("identical through iteration 3"), "\(same.stderr)")

    rows[5] = "0.5,0.5,0.5,0.5,0.5,0.5"
    try (rows.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
    let before = try Data(contentsOf: url)
    let verify = try CLIRunner.run(["verify", url.path])
    #expect(verify.status == 2 && verify.errorLines.count == 1 && verify.stdout.isEmpty)
    #expect(verify.stderr.contains("The training data differs from the recording's"))
    let resume = try CLIRunner.run(["train", "--resume", url.path, "--iterations", "2"])
    #expect(resume.status == 1 && resume.errorLines.count == 1)
    #expect(resume.stderr.contains("The training data differs from the recording's"))
    #expect(try Data(contentsOf: url) == before)
  }
}
