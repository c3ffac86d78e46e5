import Foundation
import HFRecording
import Testing

@Suite("Reference runs")
struct ReferenceRunFileTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func shipped(_ name: String) throws -> ComparisonRun {
    let url = root.appendingPathComponent("assets/reference/\(name).csv")
    return try ReferenceRunFile.parse(try String(contentsOf: url, encoding: .utf8), name: url.lastPathComponent)
  }

  @Test("Martens' HF run on CURVES: 300 iterations with the published figures, λ shifted to the one each iteration ran with")
  func martensHF() throws {
    let run = try Self.shipped("martens-hf-curves")
    #expect(run.title == "Martens 2010 HF on CURVES" && run.label == "paper")
    #expect(run.iterations == Array(1...300))
    #expect(run.details.count == 3 && run.details[0].hasPrefix("source: the expected output shipped with James Martens'"))
    #expect(run.trainError[0] == 107.224 && run.testError[0] == 107.3)
    #expect(run.trainError[79] == 1.094 && run.cgChosen[79] == 117 && run.lambda[80] == 0.0011881)
    #expect(run.trainError[299] == 0.12531 && run.testError[299] == 0.18317)
    // train_log_likelihood −385.1432 is an objective of 385.1432.
    #expect(run.objective[0] == 385.1432)
    // λ₀ = 45 from the header; iteration 2 ran with iteration 1's λ after its update (30).
    #expect(run.lambda[0] == 45 && run.lambda[1] == 30 && run.lambda[2] == 20)
    #expect(run.cgIterations[0] == 13 && run.cgChosen[0] == 11 && run.cgIterations[299] == 250)
    #expect(run.rho.contains { $0 == -.infinity })
    #expect(run.dataPasses == nil)
  }

  @Test("K-FAC runs (CRLF lines): the mini-batch error before each update")
  func kfac() throws {
    let curves = try Self.shipped("martens-kfac-curves")
    #expect(curves.iterations.count == 6241 && curves.iterations.last == 6241)
    #expect(curves.trainError[0] == 279.3288 && curves.trainError.last == 0.072817)
    #expect(curves.lambda.allSatisfy { $0 == nil } && curves.cgIterations.allSatisfy { $0 == nil })
    let mnist = try Self.shipped("martens-kfac-mnist")
    #expect(mnist.iterations.count == 1547 && mnist.trainError.last == 0.60073)
  }

  @Test("a plain CSV without comment lines reads with default names; blank cells are absent values")
  func plain() throws {
    let run = try ReferenceRunFile.parse("iteration,train_error,rho\n1,10,\n3,5,-Inf\n", name: "mine.csv")
    #expect(run.title == "mine.csv" && run.label == "ref" && run.iterations == [1, 3])
    #expect(run.trainError == [10, 5] && run.rho == [nil, -.infinity] && run.lambda == [nil, nil])
    #expect(run.index(atOrBefore: 0) == nil && run.index(atOrBefore: 2) == 0 && run.index(atOrBefore: 9) == 1)
  }

  @Test(
    "bad CSV is one sentence naming the file, the line and the column",
    arguments: [
      ("", "r.csv has no header row (iteration,train_error,…)."),
      ("# title: x\n", "r.csv has no header row (iteration,train_error,…)."),
      ("step,error\n1,2\n", "r.csv has no 'iteration' column (its columns: step, error)."),
      ("iteration,train_error\n", "r.csv has a header row but no iterations."),
      ("iteration,train_error\n1,2\n1,3\n", "r.csv line 3: iteration '1' is not a whole number above the previous row's (1)."),
      ("iteration,train_error\n0,2\n", "r.csv line 2: iteration '0' is not a whole number above the previous row's (0)."),
      ("iteration,train_error\n1,abc\n", "r.csv line 2: 'abc' in column train_error is not a number."),
      ("iteration,train_error\n1,2,3\n", "r.csv line 2 has 3 cells where the header has 2."),
    ])
  func badInput(text: String, message: String) {
    #expect(throws: RecordingError(message)) { try ReferenceRunFile.parse(text, name: "r.csv") }
  }
}
