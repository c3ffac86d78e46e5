import Foundation
import Testing

/// The racer settings flags: bad values are one sentence naming the flag, good ones are accepted.
@Suite("hfdash train: racer flags")
struct RacerFlagTests {
  @Test("bad racer values name their flag", arguments: [
    (["--learning-rate", "0"], "--learning-rate"),
    (["--learning-rate", "-0.1"], "--learning-rate"),
    (["--momentum-max", "1"], "--momentum-max"),
    (["--momentum-max", "-0.5"], "--momentum-max"),
    (["--mini-batch", "0"], "--mini-batch"),
    (["--lr-decay", "0"], "--lr-decay"),
    (["--adam-rate", "nan"], "--adam-rate"),
    (["--lbfgs-history", "0"], "--lbfgs-history"),
    (["--ncg-restart", "-3"], "--ncg-restart"),
    (["--line-search-batch", "0"], "--line-search-batch"),
    (["--report-passes", "0"], "--report-passes"),
  ])
  func badValue(args: [String], flag: String) throws {
    try BadInputTests.expectFailure(["--preset", "tiny"] + args, contains: [flag])
  }

  @Test("good racer values are accepted by train")
  func goodValues() throws {
    let r = try CLIRunner.run([
      "train", "--preset", "tiny", "--iterations", "1", "--learning-rate", "0.01", "--momentum-max", "0.9",
      "--mini-batch", "50", "--lr-decay", "1000", "--adam-rate", "0.002", "--lbfgs-history", "5",
      "--ncg-restart", "20", "--line-search-batch", "100", "--report-passes", "0.5",
    ])
    #expect(r.status == 0, "\(r.stderr)")
  }
}
