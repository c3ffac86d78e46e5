import Foundation
import Testing

@Suite("hfdash sessions")
struct SessionsCommandTests {
  @Test("lists recorded sessions newest first, aligned, with iterations, objective and finish")
  func lists() throws {
    let state = try CLIRunner.temporaryDirectory()
    let env = ["XDG_STATE_HOME": state.path]
    let empty = try CLIRunner.run(["sessions"], environment: env)
    let dir = state.appendingPathComponent("hfdash/sessions").path
    #expect(empty.status == 0 && empty.stdout == "no recorded sessions in \(dir)\n")
    #expect(try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "3"], environment: env).status == 0)
    #expect(try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "5"], environment: env).status == 0)
    let r = try CLIRunner.run(["sessions"], environment: env)
    #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines[0].hasPrefix("DATE") && lines[0].contains("PRESET") && lines[0].contains("ITERATIONS"))
    #expect(lines[0].contains("OBJECTIVE") && lines[0].contains("FINISH") && lines[0].hasSuffix("PATH"))
    let newest = lines[1].split(separator: " ", omittingEmptySubsequences: true)
    let older = lines[2].split(separator: " ", omittingEmptySubsequences: true)
    #expect(newest[2] == "tiny" && newest[3] == "5" && newest[5] == "iterations" && newest[6].hasPrefix(dir))
    #expect(older[3] == "3" && Double(older[4]) != nil)
    // Aligned: every column starts at the same place on every line.
    let pathColumn = lines[0].range(of: "PATH")!.lowerBound.utf16Offset(in: lines[0])
    for line in lines.dropFirst() { #expect(line.range(of: dir)!.lowerBound.utf16Offset(in: line) == pathColumn) }
    let finishColumn = lines[0].range(of: "FINISH")!.lowerBound.utf16Offset(in: lines[0])
    for line in lines.dropFirst() { #expect(line.range(of: "iterations")!.lowerBound.utf16Offset(in: line) == finishColumn) }
  }

  @Test("--dir: an empty or missing directory has no sessions; a file is an error")
  func directoryOption() throws {
    let dir = try CLIRunner.temporaryDirectory()
    let r = try CLIRunner.run(["sessions", "--dir", dir.path])
    #expect(r.status == 0 && r.stdout == "no recorded sessions in \(dir.path)\n")
    let file = dir.appendingPathComponent("x.txt")
    try "x".write(to: file, atomically: true, encoding: .utf8)
    let bad = try CLIRunner.run(["sessions", "--dir", file.path])
    #expect(bad.status == 1 && bad.errorLines.count == 1 && bad.stderr.contains("is not a directory"))
  }
}

@Suite("hfdash verify")
struct VerifyCommandTests {
  @Test("a recorded run re-executes identically; after one number in an iter line is edited, verify names it and exits 1")
  func verifiesAndFindsAnEdit() throws {
    let run = try RecordedRun(iterations: 5, arguments: ["--max-cg", "20"])
    let ok = try CLIRunner.run(["verify", run.url.path])
    #expect(ok.status == 0 && ok.stderr.isEmpty, "\(ok.stderr)")
    #expect(ok.stdout.hasPrefix("identical through iteration 5 (") && ok.stdout.hasSuffix(" engine events)\n"))

    var lines = try run.lines()
    let k = try run.index(of: "iter", iteration: 3)
    let match = try #require(lines[k].range(of: #""rho":[-0-9.e]+"#, options: .regularExpression))
    let original = String(lines[k][match].dropFirst(6))
    lines[k].replaceSubrange(match, with: #""rho":0.123"#)
    try run.write(lines: lines)
    let bad = try CLIRunner.run(["verify", run.url.path])
    #expect(bad.status == 1)
    #expect(bad.stdout == "diverged at iteration 3: rho is 0.123 in the recording but \(Double(original)!.description) re-executed.\n")
  }

  @Test("a resumed recording (cut back to its checkpoint, then continued) verifies as one run")
  func resumed() throws {
    let run = try RecordedRun(iterations: 4, arguments: ["--checkpoint-every", "3"])
    let resume = try CLIRunner.run(["train", "--resume", run.url.path, "--iterations", "3"])
    #expect(resume.status == 0, "\(resume.stderr)")
    #expect(try run.lines().contains { $0.contains(#""k":"start""#) && $0.contains(#""resumed_from":4"#) })
    let r = try CLIRunner.run(["verify", run.url.path])
    #expect(r.status == 0 && r.stdout.hasPrefix("identical through iteration 7 ("), "\(r.stdout) \(r.stderr)")
  }

  @Test("--iterations N re-executes only the first N iterations: a divergence after them is not reached")
  func firstIterations() throws {
    let run = try RecordedRun(iterations: 5, arguments: ["--max-cg", "20"])
    var lines = try run.lines()
    let k = try run.index(of: "iter", iteration: 4)
    let match = try #require(lines[k].range(of: #""rho":[-0-9.e]+"#, options: .regularExpression))
    lines[k].replaceSubrange(match, with: #""rho":0.123"#)
    try run.write(lines: lines)
    let first = try CLIRunner.run(["verify", run.url.path, "--iterations", "3"])
    #expect(first.status == 0, "\(first.stdout) \(first.stderr)")
    #expect(first.stdout.hasPrefix("identical through iteration 3 (") && first.stdout.contains("; the first 3 of 5 iterations re-executed)"))
    let all = try CLIRunner.run(["verify", run.url.path, "--iterations", "4"])
    #expect(all.status == 1 && all.stdout.hasPrefix("diverged at iteration 4: rho is 0.123"), "\(all.stdout)")
    let zero = try CLIRunner.run(["verify", run.url.path, "--iterations", "0"])
    #expect(zero.status == 2 && zero.stderr == "hfdash: --iterations must be at least 1 (got 0).\n")
  }

  @Test("a --tolerance that is not a number ≥ 0 is a usage error")
  func badTolerance() throws {
    let run = try RecordedRun(iterations: 1)
    let r = try CLIRunner.run(["verify", run.url.path, "--tolerance", "-1"])
    #expect(r.status == 2 && r.errorLines.count == 1 && r.stderr.contains("--tolerance"))
  }
}
