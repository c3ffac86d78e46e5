import Foundation
import Testing

@Suite("hfdash train --race and --optimizer")
struct RaceCommandTests {
  @Test("a tiny race runs headless and records every racer's iterations; it verifies and exports")
  func tinyRace() throws {
    let directory = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("race.hfrec.jsonl")
    let racers = ["sgd", "adam", "ncg", "lbfgs"]
    let r = try CLIRunner.run(
      ["train", "--preset", "tiny", "--race", racers.joined(separator: ","), "--iterations", "5", "--threads", "1", "--record", file.path])
    #expect(r.status == 0, "\(r.stderr)")
    let out = r.stdout.split(separator: "\n").map(String.init)
    #expect(out.contains { $0.hasPrefix("race      HF vs SGD-N vs Adam vs NCG vs L-BFGS") })
    for name in ["hf"] + racers {
      #expect(out.contains { $0.range(of: #"^\s*\#(name)\s+\d+\s"#, options: .regularExpression) != nil }, "rows of \(name)")
    }
    let summary = try #require(out.firstIndex { $0.hasPrefix("race summary") })
    let table = out[(summary + 2)...].map { $0.split(separator: " ").first.map(String.init) ?? "" }
    #expect(table == ["hf"] + racers)

    let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
    let start = try #require(lines.first { $0.contains(#""k":"start""#) })
    #expect(start.contains(#""racers":[{"kind":"hf""#))
    #expect(lines.filter { $0.contains(#""k":"iter","#) && !$0.contains(#""racer""#) }.count == 5)
    for name in racers {
      #expect(lines.contains { $0.contains(#""k":"iter","#) && $0.contains(#""racer":"\#(name)""#) }, "\(name)'s iteration lines")
    }

    let verify = try CLIRunner.run(["verify", file.path])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    #expect(verify.stdout.hasPrefix("identical through iteration 5"))

    let csv = try CLIRunner.run(["export", file.path, "--format", "csv"])
    #expect(csv.status == 0, "\(csv.stderr)")
    let rows = csv.stdout.split(separator: "\n")
    let column = try #require(rows.first?.split(separator: ",").firstIndex(of: "optimizer"))
    let kinds = Set(rows.dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[column]) })
    #expect(kinds == Set(["hf"] + racers))
  }

  /// A recording's iteration lines without what depends on the wall clock (`t`, `times`).
  static func iterationLines(_ file: URL) throws -> [String] {
    try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
      .filter { $0.contains(#""k":"iter","#) }
      .map { $0.replacingOccurrences(of: #""t":[^,]*,"#, with: "", options: .regularExpression)
        .replacingOccurrences(of: #""times":\{[^}]*\}"#, with: "", options: .regularExpression) }
  }

  @Test(
    "train --resume continues a race (or a single run of another optimizer) recorded with checkpoints: verify says identical and the iteration lines equal an uninterrupted run's",
    arguments: [
      (["--race", "sgd,adam,lbfgs"], 4, 4), (["--race", "sgd,adam,lbfgs"], 3, 2), (["--optimizer", "adam"], 3, 2),
    ])
  func resumes(choice: [String], stop: Int, every: Int) throws {
    let directory = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let total = 6
    let whole = directory.appendingPathComponent("whole.hfrec.jsonl")
    let part = directory.appendingPathComponent("part.hfrec.jsonl")
    let common = ["train", "--preset", "tiny", "--threads", "1"] + choice
    let full = try CLIRunner.run(common + ["--iterations", String(total), "--record", whole.path])
    #expect(full.status == 0, "\(full.stderr)")
    let first = try CLIRunner.run(common + ["--iterations", String(stop), "--record", part.path, "--checkpoint-every", String(every)])
    #expect(first.status == 0, "\(first.stderr)")
    let resume = try CLIRunner.run(["train", "--resume", part.path, "--iterations", String(total - stop)])
    #expect(resume.status == 0, "\(resume.stderr)")
    #expect(resume.stdout.contains("resumed   after iteration \(stop)"))
    let verify = try CLIRunner.run(["verify", part.path])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    #expect(verify.stdout.hasPrefix("identical through iteration \(total)"))
    if choice.first == "--race" {
      // The summary counts the iterations before the checkpoint too.
      func summary(_ out: String) -> [Substring] { Array(out.split(separator: "\n").drop { !$0.hasPrefix("race summary") }) }
      #expect(!summary(resume.stdout).isEmpty)
      #expect(summary(resume.stdout) == summary(full.stdout))
    }
    let resumed = try Self.iterationLines(part)
    #expect(resumed.count >= total)
    #expect(resumed == (try Self.iterationLines(whole)))
  }

  @Test("train --optimizer adam runs alone with learning-rate columns, and its recording says adam")
  func singleOptimizer() throws {
    let directory = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("adam.hfrec.jsonl")
    let r = try CLIRunner.run(["train", "--preset", "tiny", "--optimizer", "adam", "--iterations", "3", "--threads", "1", "--record", file.path])
    #expect(r.status == 0, "\(r.stderr)")
    let out = r.stdout.split(separator: "\n").map(String.init)
    #expect(out.contains { $0.hasPrefix("optimizer Adam") })
    #expect(out.contains { $0.contains("lr") && $0.contains("passes") && !$0.contains("CG/chosen") })
    let rows = out.filter { $0.range(of: #"^\s+\d+\s+\d"#, options: .regularExpression) != nil }
    #expect(rows.count == 3)
    let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.contains(#""k":"start""#) && $0.contains(#""optimizer":"adam""#) })
    #expect(lines.filter { $0.contains(#""k":"iter","#) && $0.contains(#""optimizer":"adam""#) }.count == 3)
    let json = try CLIRunner.run(["train", "--preset", "tiny", "--optimizer", "adam", "--iterations", "2", "--json", "--no-record"])
    #expect(json.status == 0, "\(json.stderr)")
    for line in json.stdout.split(separator: "\n") {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(object["optimizer"] as? String == "adam")
    }
  }

  @Test("bad optimizer choices are one sentence and a non-zero exit")
  func badInput() throws {
    let cases: [([String], String)] = [
      (["--optimizer", "rmsprop"],
       "hfdash: The value 'rmsprop' is invalid for '--optimizer <optimizer>'. Please provide one of the following: hf, sgd, momentum, adam, ncg, lbfgs. (see hfdash --help)"),
      (["--race", "hf"], "hfdash: HF always runs in a race; list only its rivals (sgd, momentum, adam, ncg, lbfgs). (see hfdash --help)"),
      (["--race", "sgd,adam,sgd"], "hfdash: sgd is listed twice in the race; list each optimizer once. (see hfdash --help)"),
      (["--race", "sgd,bfgs"],
       "hfdash: The value 'sgd,bfgs' is invalid for '--race <list>'. Please provide one of 'sgd', 'momentum', 'adam', 'ncg' or 'lbfgs'. (see hfdash --help)"),
      (["--race", "sgd", "--optimizer", "adam"],
       "hfdash: A race is always led by HF; choose either --optimizer adam or --race, not both. (see hfdash --help)"),
      (["--race", "sgd", "--resume", "/nonexistent.hfrec.jsonl"],
       "hfdash: --race and --optimizer cannot be combined with --resume: a resumed session goes on with the recording's optimizers, whose state its checkpoint holds."),
    ]
    for (arguments, message) in cases {
      let r = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "1", "--no-record"] + arguments)
      #expect(r.status != 0, "\(arguments)")
      #expect(r.errorLines == [message], "\(arguments)")
      #expect(r.stdout.isEmpty)
    }
  }

  @Test("run --optimizer without a race is refused in one sentence that names both ways to watch it")
  func dashboardNeedsHF() throws {
    let r = try CLIRunner.run(["run", "--preset", "tiny", "--optimizer", "adam", "--no-record"])
    #expect(r.status == 2)
    #expect(r.errorLines.count == 1)
    #expect(r.errorLines.first?.contains("hfdash run --race adam") == true)
    #expect(r.errorLines.first?.contains("hfdash train --optimizer adam") == true)
    #expect(r.stdout.isEmpty)
  }
}
