import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite("Recording export")
struct RecordingExportTests {
  /// Two real iterations of tiny with the test set evaluated every second iteration, as a timeline.
  func timeline() throws -> RecordingTimeline {
    let setup = try tinySetup { $0.testInterval = 2 }
    let header = RecordingHeader(setup: setup, toolVersion: "test", created: fixedDate)
    var events: [RecordedEvent] = []
    for k in 1...2 {
      setup.optimizer.step { events.append(RecordedEvent(time: Double(k) + 0.5, event: .engine($0))); return .proceed }
    }
    return RecordingTimeline(header: header, events: events)
  }

  func parseCSV(_ text: String) -> [[String]] {
    text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
  }

  @Test("CSV: a header row of every metric with per-layer columns, one row per iteration, blanks for absent test metrics")
  func csv() throws {
    let t = try timeline()
    let rows = parseCSV(RecordingExporter.csv(t))
    let groups = (1...6).map { "W\($0)" }
    let expected =
      ["run", "t", "optimizer", "iteration", "objective", "error", "objective_before", "test_objective", "test_error", "lambda_before",
       "lambda_after", "rho", "rho_model", "cg_iterations", "cg_chosen", "cg_reason", "step_rate", "accepted", "grad_norm",
       "step_norm", "kappa", "theta_max", "theta_min"] + groups.map { "grad_norm_" + $0 } + groups.map { "step_norm_" + $0 }
      + ["curvature_products", "data_passes", "curvature_batch", "curvature", "time_gradient", "time_cg", "time_backtracking",
         "time_line_search", "time_evaluation", "time_total", "learning_rate", "momentum"]
    #expect(rows.first == expected)
    #expect(RecordingExporter.columns(t) == expected)
    #expect(rows.count == 3)
    for (row, r) in zip(rows.dropFirst(), t.reports) {
      #expect(row.count == expected.count)
      func cell(_ name: String) -> String { row[expected.firstIndex(of: name)!] }
      #expect(cell("run") == "1")
      #expect(cell("optimizer") == "hf")
      #expect(cell("learning_rate") == "" && cell("momentum") == "")
      #expect(cell("iteration") == String(r.iteration))
      #expect(Double(cell("objective")) == r.objective)
      #expect(Double(cell("lambda_after")) == r.lambdaAfter)
      #expect(Double(cell("rho")) == r.rho)
      #expect(cell("cg_reason") == r.cgReason.rawValue)
      #expect(cell("accepted") == (r.accepted ? "true" : "false"))
      #expect(Double(cell("grad_norm_W3")) == r.layerGradientNorms[2])
      #expect(Double(cell("step_norm_W6")) == r.layerStepNorms[5])
      #expect(Double(cell("time_cg")) == r.times.cg)
      let extremes = try #require(r.spectrumExtremes)
      #expect(Double(cell("kappa")) == extremes.kappa && Double(cell("theta_max")) == extremes.thetaMax)
      #expect(Double(cell("theta_min")) == extremes.thetaMin && extremes.kappa == extremes.thetaMax / extremes.thetaMin)
      #expect(Double(cell("t")) == Double(r.iteration) + 0.5)
      if r.iteration == 1 {
        #expect(cell("test_objective") == "" && cell("test_error") == "")
      } else {
        #expect(Double(cell("test_objective")) == r.testObjective && Double(cell("test_error")) == r.testError)
      }
    }
  }

  @Test("JSONL: one object per iteration with the CSV's keys; null for absent test metrics")
  func jsonl() throws {
    let t = try timeline()
    let lines = RecordingExporter.jsonl(t).split(separator: "\n")
    #expect(lines.count == 2)
    for (line, r) in zip(lines, t.reports) {
      let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(Set(o.keys) == Set(RecordingExporter.columns(t)))
      #expect(o["iteration"] as? Int == r.iteration)
      // Foundation's JSONSerialization may round the last bit when it parses; the text itself is
      // the shortest round-tripping form (checked exactly in the codec tests).
      #expect(abs((o["objective"] as? Double ?? .nan) - r.objective) <= 1e-14 * abs(r.objective))
      #expect(abs((o["grad_norm_W1"] as? Double ?? .nan) - r.layerGradientNorms[0]) <= 1e-14 * abs(r.layerGradientNorms[0]))
      #expect(o["accepted"] as? Bool == r.accepted)
      if r.iteration == 1 { #expect(o["test_objective"] is NSNull) } else { #expect(abs((o["test_objective"] as? Double ?? .nan) - (r.testObjective ?? .nan)) <= 1e-14 * abs(r.testObjective ?? 1)) }
    }
  }

  @Test("asciicast v2: a header object, then [t, \"o\", frame] and [t, \"m\", label] events with non-decreasing times")
  func asciicast() throws {
    let writer = AsciicastWriter(width: 20, height: 3, title: "tiny run", timestamp: fixedDate)
    let frames = [
      AsciicastFrame(time: 0, lines: ["loss 1.0", "λ 1", "iter 1"]),
      AsciicastFrame(time: 0.5, lines: ["loss 0.5", "λ 0.7", "iter 2", "clipped"], markers: ["note: λ settles"]),
      AsciicastFrame(time: 0.4, lines: ["loss \"q\""]),
    ]
    let lines = writer.document(frames).split(separator: "\n")
    #expect(lines.count == 5)
    let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(header["version"] as? Int == 2 && header["width"] as? Int == 20 && header["height"] as? Int == 3)
    #expect(header["timestamp"] as? Int == 1_795_914_123 && header["title"] as? String == "tiny run")
    let events = try lines.dropFirst().map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [Any]) }
    #expect(events.map { $0.count } == [3, 3, 3, 3])
    #expect(events.map { $0[1] as? String } == ["o", "m", "o", "o"])
    #expect(events.map { $0[0] as? Double } == [0, 0.5, 0.5, 0.5])
    #expect(events[0][2] as? String == "\u{1B}[2J\u{1B}[Hloss 1.0\u{1B}[K\r\nλ 1\u{1B}[K\r\niter 1\u{1B}[K\u{1B}[J")
    #expect(events[1][2] as? String == "note: λ settles")
    #expect(events[2][2] as? String == "\u{1B}[Hloss 0.5\u{1B}[K\r\nλ 0.7\u{1B}[K\r\niter 2\u{1B}[K\u{1B}[J")
    #expect(events[3][2] as? String == "\u{1B}[Hloss \"q\"\u{1B}[K\u{1B}[J")
  }
}
