import Foundation
@testable import hfdash
import HFEngine
import Testing

/// `file` compressed by the gzip tool (`gzip -n -c`), written beside it as `<name>.gz`.
func gzipped(_ file: URL) throws -> URL {
  let out = URL(fileURLWithPath: file.path + ".gz")
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["gzip", "-n", "-c", file.path]
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  #expect(process.terminationStatus == 0 && data.count > 20, "gzip failed")
  try data.write(to: out)
  return out
}

@Suite("hfdash and gzip-compressed recordings (.hfrec.jsonl.gz)")
struct CompressedRecordingCLITests {
  @Test("export csv and jsonl of a .gz give the plain recording's bytes, with nothing on stderr")
  func export() throws {
    let run = try RecordedRun(iterations: 4)
    let packed = try gzipped(run.url)
    for format in ["csv", "jsonl"] {
      let plain = try CLIRunner.run(["export", run.url.path, "--format", format])
      let gz = try CLIRunner.run(["export", packed.path, "--format", format])
      #expect(gz.status == 0 && gz.stderr.isEmpty, "\(gz.stderr)")
      #expect(gz.stdout == plain.stdout && plain.stdout.split(separator: "\n").count == (format == "csv" ? 5 : 4))
    }
  }

  @Test("verify re-executes a .gz recording identically (and --iterations N its first N)")
  func verify() throws {
    let run = try RecordedRun(iterations: 4, arguments: ["--max-cg", "20"])
    let packed = try gzipped(run.url)
    let all = try CLIRunner.run(["verify", packed.path])
    #expect(all.status == 0 && all.stderr.isEmpty && all.stdout.hasPrefix("identical through iteration 4 ("), "\(all.stdout) \(all.stderr)")
    let first = try CLIRunner.run(["verify", packed.path, "--iterations", "2"])
    #expect(first.status == 0 && first.stdout.hasPrefix("identical through iteration 2 ("), "\(first.stdout) \(first.stderr)")
  }

  @Test("sessions lists a .gz beside plain recordings, with its preset, iterations and objective")
  func sessions() throws {
    let state = try CLIRunner.temporaryDirectory()
    let env = ["XDG_STATE_HOME": state.path]
    #expect(try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "3"], environment: env).status == 0)
    let dir = state.appendingPathComponent("hfdash/sessions")
    let name = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasSuffix(".hfrec.jsonl") })
    let plain = dir.appendingPathComponent(name)
    let packed = try gzipped(plain)
    let r = try CLIRunner.run(["sessions"], environment: env)
    #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    let gzRow = try #require(lines.first { $0.hasSuffix(packed.path) }).split(separator: " ")
    let plainRow = try #require(lines.first { $0.hasSuffix(plain.path) }).split(separator: " ")
    #expect(gzRow[2] == "tiny" && gzRow[3] == "3" && gzRow[5] == "iterations")
    #expect(Array(gzRow.dropLast()) == Array(plainRow.dropLast()))
  }

  @Test("a truncated .gz: export writes the iterations that inflated and says so in one warning; replay and verify read it too")
  func truncated() throws {
    let run = try RecordedRun(iterations: 6)
    let packed = try gzipped(run.url)
    let bytes = try Data(contentsOf: packed)
    let cut = run.directory.appendingPathComponent("cut.hfrec.jsonl.gz")
    try bytes.prefix(bytes.count * 7 / 10).write(to: cut)
    let full = try CLIRunner.run(["export", run.url.path, "--format", "csv"]).stdout.split(separator: "\n")
    let r = try CLIRunner.run(["export", cut.path, "--format", "csv"])
    #expect(r.status == 0)
    let rows = r.stdout.split(separator: "\n")
    #expect(rows.count >= 2 && rows.count < full.count)
    #expect(Array(full.prefix(rows.count)) == rows, "the rows kept are the full recording's first ones")
    let warnings = r.errorLines.filter { $0.contains("truncated gzip") }
    #expect(warnings.count == 1 && warnings[0].hasPrefix("hfdash: warning: cut.hfrec.jsonl.gz: The file is a truncated gzip file (the compressed data ends early); the "))
    #expect(r.errorLines.allSatisfy { $0.hasPrefix("hfdash: warning: cut.hfrec.jsonl.gz: ") }, "\(r.stderr)")
    // verify re-executes what was read.
    let v = try CLIRunner.run(["verify", cut.path])
    #expect(v.status == 0 && v.stdout.hasPrefix("identical through iteration \(rows.count - 1) ("), "\(v.stdout) \(v.stderr)")
  }

  @Test("a .gz with nothing readable, or one that is not gzip at all, is one sentence and exit 1")
  func unreadable() throws {
    let run = try RecordedRun(iterations: 1)
    let packed = try gzipped(run.url)
    let cut = run.directory.appendingPathComponent("head.hfrec.jsonl.gz")
    try (try Data(contentsOf: packed)).prefix(30).write(to: cut)
    for command in [["export", cut.path, "--format", "csv"], ["verify", cut.path], ["replay", cut.path]] {
      let r = try CLIRunner.run(command)
      #expect(r.status == (command[0] == "verify" ? 2 : 1), "\(command[0]): \(r.stderr)")
      #expect(
        r.errorLines == [
          "hfdash: \(cut.path) is a truncated gzip file (the compressed data ends early); nothing that inflated before the damage is a readable recording."
        ], "\(command[0])")
    }
    let resume = try CLIRunner.run(["train", "--resume", packed.path, "--iterations", "1"])
    #expect(
      resume.status != 0 && resume.errorLines == [
        "hfdash: Cannot resume run.hfrec.jsonl.gz: it is gzip-compressed and --resume appends to the file; decompress it first (gunzip -k \(packed.path))."
      ], "\(resume.stderr)")
  }
}

@Suite("hfdash replay --demo")
struct ReplayDemoCLITests {
  static let fixture = CLIRunner.packageRoot.appendingPathComponent("Tests/HFSessionTests/Fixtures/gzip/sample-tiny.hfrec.jsonl.gz")

  @Test("--demo opens curves-300.hfrec.jsonl.gz from $HFDASH_RUNS_DIR first (here a gzipped tiny run)")
  func findsTheRecording() throws {
    let dir = try CLIRunner.temporaryDirectory()
    let demo = dir.appendingPathComponent("curves-300.hfrec.jsonl.gz")
    try FileManager.default.copyItem(at: Self.fixture, to: demo)
    // Without a terminal replay stops after opening the file, naming what it opened.
    let r = try CLIRunner.run(["replay", "--demo"], environment: ["HFDASH_RUNS_DIR": dir.path])
    #expect(r.status == 1)
    #expect(
      r.errorLines == [
        "hfdash: replay needs a terminal on stdin and stdout; hfdash export \(demo.path) --format asciicast renders it without one."
      ], "\(r.stderr)")
    let both = try CLIRunner.run(["replay", "--demo", demo.path])
    #expect(both.status == 2 && both.stderr.contains("--demo replays the shipped run; give --demo or \(demo.path), not both."), "\(both.stderr)")
    let neither = try CLIRunner.run(["replay"])
    #expect(neither.status == 2 && neither.stderr.contains("Missing expected argument '<file>' (or --demo for the shipped run)."), "\(neither.stderr)")
  }
}

@Suite("The demo recording's place and pace")
struct DemoRecordingTests {
  @Test("a missing demo recording is one sentence naming the folders looked in and HFDASH_RUNS_DIR")
  func missing() throws {
    let a = try CLIRunner.temporaryDirectory(), b = try CLIRunner.temporaryDirectory()
    #expect(
      throws: DataError(
        "The demo recording curves-300.hfrec.jsonl.gz is not installed (looked in \(a.path), \(b.path)); set HFDASH_RUNS_DIR to the folder that holds it, or replay any recording with hfdash replay FILE."
      )
    ) { try DemoRecording.locate(in: [a, b, a]) }
    try Data([0x1f, 0x8b]).write(to: b.appendingPathComponent("curves-300.hfrec.jsonl.gz"))
    #expect(try DemoRecording.locate(in: [a, b]).path == b.appendingPathComponent("curves-300.hfrec.jsonl.gz").path)
  }

  @Test("the environment variable's folder comes first, then the checkout's assets/runs (as for assets/reference)")
  func order() {
    let dirs = DemoRecording.directories(environment: ["HFDASH_RUNS_DIR": "/somewhere/runs"])
    #expect(dirs.first?.path == "/somewhere/runs")
    #expect(dirs.contains { $0.path == CLIRunner.packageRoot.appendingPathComponent("assets/runs").path })
    #expect(DemoRecording.directories(environment: [:]).first?.path != "/somewhere/runs")
    #expect(ReferenceLibrary.directories.contains { $0.path == CLIRunner.packageRoot.appendingPathComponent("assets/reference").path })
  }

  @Test("one HF iteration per frame: 300 iterations at 200 ms take a minute; short and long runs are bounded")
  func pace() {
    #expect(DemoRecording.frameMs(iterations: 300) == 200)
    #expect(DemoRecording.frameMs(iterations: 120) == 500)
    #expect(DemoRecording.frameMs(iterations: 5) == 1000 && DemoRecording.frameMs(iterations: 0) == 1000)
    #expect(DemoRecording.frameMs(iterations: 6000) == 50)
  }
}
