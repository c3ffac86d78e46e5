import Foundation
import HFEngine
import HFRecording
import HFSession
import Testing

/// A session contains non-finite iterations: the run goes on after a transient one, and ends in
/// DONE (reason `nonFinite`) after `HFConfig.failureLimit` in a row; the alarm, the report field
/// and the recording carry what went non-finite where.
@Suite("Session: non-finite iterations")
struct SessionNonFiniteTests {
  static func tiny(limit: Int? = nil) -> @Sendable () throws -> TrainingSetup {
    { () throws -> TrainingSetup in
      var spec = RunSpec(preset: Preset.named("tiny")!, seed: 1)
      spec.config.consecutiveFailureLimit = limit
      return try TrainingSetup(spec)
    }
  }

  @Test("NaN injected into θ after iteration 3: iterations 4, 5, 6 are rejected and the run stops in DONE, one alarm")
  func nanThetaStopsAfterTheLimit() throws {
    let session = Session(makeSetup: Self.tiny(limit: 3), options: SessionOptions(maxIterations: 40))
    session.setIterationHook { setup, report in
      if report.iteration == 3 { setup.optimizer.theta[11] = .nan }
      return []
    }
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitFinished())
    session.close()
    let reports = log.events.reports
    #expect(reports.map(\.iteration) == [1, 2, 3, 4, 5, 6])
    #expect(reports.prefix(3).allSatisfy { $0.nonFinite == nil })
    for r in reports.suffix(3) {
      #expect(r.nonFinite?.quantity == .objective && r.nonFinite?.phase == .gradient && !r.accepted)
    }
    let finished = try #require(log.events.finishedEvents.last)
    #expect(finished.reason == .nonFinite)
    #expect(finished.iteration == 6)
    #expect(
      finished.message
        == "Stopped after 3 consecutive HF iterations rejected for non-finite values (the last: the objective was NaN in the gradient phase).")
    #expect(session.snapshot.state == .done && session.snapshot.finishReason == .nonFinite)
    let alarms = log.events.alarms.filter { $0.kind == .nonFinite }
    #expect(alarms.count == 1, "the alarm fires once while the condition holds")
    #expect(alarms.first?.iteration == 4)
    #expect(alarms.first?.message == "Iteration 4 was rejected: the objective was NaN in the gradient phase; θ is unchanged and λ is now \(NumberFormat.compact(reports[3].lambdaAfter)).")
    #expect(!log.events.alarms.contains { $0.kind == .rejectedStep }, "the non-finite alarm stands for the rejection")
  }

  @Test("the default limit is 10 iterations")
  func defaultLimit() throws {
    let session = Session(makeSetup: Self.tiny(), options: SessionOptions(maxIterations: 40))
    session.setIterationHook { setup, report in
      if report.iteration == 1 { setup.optimizer.theta[0] = .infinity }
      return []
    }
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitFinished())
    session.close()
    #expect(log.events.reports.count == 11)
    #expect(log.events.finishedEvents.last?.reason == .nonFinite)
    #expect(log.events.finishedEvents.last?.message.hasPrefix("Stopped after 10 consecutive HF iterations") == true)
  }

  @Test("a NaN warm start after iteration 2 costs one rejected iteration; the run goes on to its limit")
  func transientFailureIsContained() throws {
    let session = Session(makeSetup: Self.tiny(limit: 2), options: SessionOptions(maxIterations: 6))
    session.setIterationHook { setup, report in
      if report.iteration == 2 { for j in 0..<setup.optimizer.warmStart.count { setup.optimizer.warmStart[j] = .nan } }
      return []
    }
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitFinished())
    session.close()
    let reports = log.events.reports
    #expect(reports.map(\.iteration) == [1, 2, 3, 4, 5, 6])
    #expect(reports.map { $0.nonFinite?.quantity } == [nil, nil, .noUsableStep, nil, nil, nil])
    #expect(log.events.finishedEvents.last?.reason == .iterationLimit)
    #expect(reports[3].accepted && reports[5].objective < reports[1].objective)
  }

  @Test("the non-finite field round-trips through the recording; recordings without it still read")
  func recordingCarriesIt() throws {
    guard case .iterationFinished(var r) = try realTinyEvents().last! else {
      Issue.record("the last event of an iteration is its report")
      return
    }
    r.nonFinite = NonFiniteValue(.curvatureProduct, in: .rho, value: -.infinity)
    let line = RecordingCodec.line(for: RecordedEvent(time: 1, event: .engine(.iterationFinished(r))))
    #expect(String(decoding: line, as: UTF8.self).contains(#""non_finite":{"phase":"rho","quantity":"curvatureProduct","value":"-Infinity"}"#))
    guard case .event(let back) = try RecordingCodec.decode(line: line), case .engine(.iterationFinished(let decoded)) = back.event else {
      Issue.record("not decoded as a report")
      return
    }
    #expect(decoded.nonFinite == r.nonFinite)
    r.nonFinite = nil
    let plain = RecordingCodec.line(for: RecordedEvent(time: 1, event: .engine(.iterationFinished(r))))
    #expect(!String(decoding: plain, as: UTF8.self).contains("non_finite"))
    guard case .event(let old) = try RecordingCodec.decode(line: plain), case .engine(.iterationFinished(let clean)) = old.event else {
      Issue.record("not decoded as a report")
      return
    }
    #expect(clean.nonFinite == nil)
    // The end reason and the data alarm are recorded too.
    let end = RecordingCodec.line(for: RecordedEvent(time: 2, event: .finished(reason: .nonFinite, iteration: 6, message: "m")))
    guard case .event(let ended) = try RecordingCodec.decode(line: end), case .finished(let reason, _, _) = ended.event else {
      Issue.record("not decoded as the end")
      return
    }
    #expect(reason == .nonFinite)
  }

  @Test("CSV data near 3e38: a data-overflow alarm when the run starts, then the run stops after its failure limit")
  func overflowingData() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hfdash-nonfinite-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("huge.csv").path
    let rows = (0..<30).map { r in (0..<5).map { c in "\(3.0e38 + Double(r * 5 + c) * 1e35)" }.joined(separator: ",") }
    try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    let session = Session(
      makeSetup: {
        var spec = RunSpec(preset: Preset.named("tiny")!, data: .csv(path: path), seed: 1)
        spec.config.consecutiveFailureLimit = 2
        return try TrainingSetup(spec)
      }, options: SessionOptions(maxIterations: 10))
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitFinished())
    session.close()
    let data = log.events.alarms.filter { $0.kind == .dataOverflow }
    #expect(data.count == 1 && data.first?.iteration == 0)
    #expect(data.first?.message.hasPrefix("The training data (csv:\(path)) holds values up to 3.1e+38 in magnitude") == true)
    #expect(log.events.reports.count == 2)
    #expect(log.events.finishedEvents.last?.reason == .nonFinite)
  }

  @Test("a racer whose steps stay non-finite is stopped after the limit; HF races on")
  func racerStoppedAfterTheLimit() throws {
    let session = Session(
      makeSetup: {
        var spec = RunSpec(preset: Preset.named("tiny")!, seed: 1)
        spec.config.consecutiveFailureLimit = 2
        spec.racers.learningRate = 1e30
        return try TrainingSetup(spec)
      }, options: SessionOptions(maxIterations: 4, race: [.sgd]))
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitFinished())
    session.close()
    let sgd = log.events.racerReports.filter { $0.0 == .sgd }.map(\.1)
    #expect(sgd.count == 2)
    #expect(sgd.allSatisfy { $0.nonFinite != nil && !$0.accepted })
    #expect(sgd.map(\.learningRate) == [1e30, 5e29])
    let stopped = log.events.alarms.filter { $0.message.hasPrefix("SGD-N stopped: 2 steps in a row were rejected for non-finite values") }
    #expect(stopped.count == 1)
    #expect(log.events.reports.count == 4 && log.events.finishedEvents.last?.reason == .iterationLimit)
    #expect(session.snapshot.racers.map(\.status) == [.stopped])
  }
}
