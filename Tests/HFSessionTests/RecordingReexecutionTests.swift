import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite("Recording re-execution")
struct RecordingReexecutionTests {
  /// Posts `pause` once, from the engine thread, right after the first run's iteration 2.
  final class PauseOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    func take() -> Bool {
      lock.withLock {
        defer { done = true }
        return !done
      }
    }
  }

  @Test("a live session with scheduled and posted controls, an iteration abandoned mid-CG, a continue and a restart re-executes identically")
  func liveSessionReexecutes() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let url = scratch.file("live.hfrec.jsonl")
    var options = SessionOptions(maxIterations: 4)
    options.scheduledControls = ControlSchedule([2: [ControlRequest(.setMaxCG(8), source: "recording")]])
    let session = Session(setup: try tinySetup(), makeSetup: { try tinySetup() }, options: options)
    let recorder = try LiveRecorder.create(
      session: session, setup: try tinySetup(), url: url, toolVersion: "test", checkpointEvery: nil)
    let once = PauseOnce()
    session.setIterationHook { _, report in
      if report.iteration == 2 && once.take() { session.post(ControlRequest(.pause, source: "test")) }
      return []
    }
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitState(.paused))  // paused inside iteration 3, at its first CG step
    session.post(ControlRequest(.stop, source: "test"))
    #expect(log.waitFinished(count: 1))
    session.post(ControlRequest(.scaleLambda(0.5), source: "test"))
    session.post(ControlRequest(.continueRun(extraIterations: 2), source: "test"))
    #expect(log.waitFinished(count: 2))
    session.post(ControlRequest(.restart, source: "test"))
    #expect(log.waitFinished(count: 3))
    session.close()
    #expect(session.awaitClosed(timeout: 30))
    recorder.finish(session: session)

    let timeline = try RecordingReader.open(url)
    #expect(timeline.faults.isClean)
    let reexecution = RecordingReexecution(timeline: timeline)
    let plan = reexecution.plan
    #expect(plan.steps.filter { $0 == .freshRun }.count == 2)
    #expect(plan.abandonedIterations == [3])
    #expect(plan.steps.contains(.controls([.scaleLambda(0.5)], iteration: 3)))
    #expect(plan.steps.filter { $0 == .controls([.setMaxCG(8)], iteration: 2) }.count == 2)
    // The λ change comes after the abandoned attempt and before the second one.
    let abandoned = try #require(plan.steps.firstIndex { if case .iteration(3, _, false) = $0 { true } else { false } })
    let lambda = try #require(plan.steps.firstIndex(of: .controls([.scaleLambda(0.5)], iteration: 3)))
    let retried = try #require(plan.steps.firstIndex { if case .iteration(3, _, true) = $0 { true } else { false } })
    #expect(abandoned < lambda && lambda < retried)

    var attempts: [Int] = []
    let outcome = try reexecution.run { attempts.append($0) }
    #expect(outcome.divergence == nil)
    #expect(outcome.checkedEvents == outcome.expectedEvents && outcome.expectedEvents == plan.engineEventCount)
    #expect(outcome.runs == 2 && outcome.lastIteration == 4)
    #expect(attempts == [1, 2, 3, 3, 4, 1, 2, 3, 4])
    #expect(outcome.summary == "identical through iteration 4 (\(outcome.expectedEvents) engine events in 2 runs)")
  }

  @Test("one altered metric in an iter line is the first divergence, with both values")
  func alteredMetric() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let run = try recordTinyRun(to: scratch.file("run.hfrec.jsonl"), iterations: 5)
    #expect(try RecordingReexecution(timeline: RecordingReader.open(run.url)).run().isIdentical)

    var text = try String(contentsOf: run.url, encoding: .utf8)
    let original = run.reports[3].objective
    let line = try #require(text.split(separator: "\n").first { $0.contains(#""k":"iter","i":4,"#) })
    let edited = line.replacingOccurrences(of: #""objective":\#(original.description)"#, with: #""objective":18.5"#)
    #expect(edited != String(line))
    text = text.replacingOccurrences(of: line, with: edited)
    try text.write(to: run.url, atomically: true, encoding: .utf8)

    let outcome = try RecordingReexecution(timeline: RecordingReader.open(run.url)).run()
    let d = try #require(outcome.divergence)
    #expect(d.iteration == 4 && d.cgStep == nil && d.field == "objective")
    #expect(d.recorded == "18.5" && d.reexecuted == original.description)
    #expect(outcome.lastIteration == 3)
    #expect(outcome.summary == "diverged at iteration 4: objective is 18.5 in the recording but \(original.description) re-executed.")
  }

  @Test("the plan: runs, resumes, controls in file order, finished and abandoned attempts")
  func plan() throws {
    let d = try tinySetup().optimizer.config
    func started(_ resumed: Int?) -> SessionEvent {
      .started(SessionDescription(
        preset: "tiny", model: "m", data: "generated:tiny", parameterCount: 1, trainCases: 1, testCases: nil, seed: 1,
        config: d, groupNames: [], errorName: "e", resumedFrom: resumed))
    }
    func control(_ c: SessionControl, _ i: Int) -> SessionEvent {
      .control(AppliedControl(control: c, setting: "", old: "", new: "", iteration: i, cgStep: nil, source: "t"))
    }
    let step = CGStep(hfIteration: 2, i: 1, phi: -1, relativeProgress: .nan, stored: false)
    let report = IterationReport(
      iteration: 1, objective: 1, error: 1, objectiveBefore: 1, testObjective: nil, testError: nil, lambdaBefore: 1,
      lambdaAfter: 1, rho: 1, rhoModel: .undamped, cgIterations: 1, cgChosen: 1, cgReason: .converged, stepRate: 1,
      accepted: true, gradientNorm: 1, stepNorm: 1, layerGradientNorms: [], layerStepNorms: [], curvatureProducts: 1,
      dataPasses: 1, curvatureBatch: 1, curvatureType: .gaussNewton, times: PhaseTimes())
    let events: [SessionEvent] = [
      .state(.starting), started(nil), control(.setMaxCG(5), 1), control(.setLambda(2), 1), .engine(.iterationStarted(iteration: 1, lambda: 2)),
      .engine(.cgStep(step)), .engine(.iterationFinished(report)),
      .engine(.iterationStarted(iteration: 2, lambda: 2)), .engine(.warning(iteration: 2, message: "w")), .engine(.cgStep(step)),
      control(.pause, 2), control(.stop, 2), .finished(reason: .stopped, iteration: 1, message: ""),
      control(.setMinCG(2), 2), .engine(.iterationStarted(iteration: 2, lambda: 2)), .engine(.iterationFinished(report)),
      .checkpoint(iteration: 2, path: "p"), started(2), .engine(.iterationStarted(iteration: 3, lambda: 2)),
      .engine(.cgStep(step)), started(nil), .engine(.iterationStarted(iteration: 1, lambda: 2)),
    ]
    let plan = ReexecutionPlan(events: events)
    #expect(plan.steps == [
      .freshRun, .controls([.setMaxCG(5), .setLambda(2)], iteration: 1), .iteration(1, recordedEvents: 3, finished: true),
      .iteration(2, recordedEvents: 3, finished: false), .controls([.setMinCG(2)], iteration: 2),
      .iteration(2, recordedEvents: 2, finished: true), .resume(afterIteration: 2), .iteration(3, recordedEvents: 2, finished: false),
      .freshRun, .iteration(1, recordedEvents: 1, finished: false),
    ])
    #expect(plan.engineEventCount == 11 && plan.abandonedIterations == [2, 3, 1])
  }

  @Test("training data that differs from the recording's fingerprint is refused in one sentence")
  func differentData() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let run = try recordTinyRun(to: scratch.file("run.hfrec.jsonl"), iterations: 1)
    let timeline = try RecordingReader.open(run.url)
    var header = timeline.header
    header.dataFingerprint = String(repeating: "ab", count: 32)
    let altered = RecordingTimeline(header: header, events: timeline.events)
    #expect(throws: RecordingError.self) { try RecordingReexecution(timeline: altered).run() }
    do {
      _ = try RecordingReexecution(timeline: altered).run()
    } catch {
      #expect(error.message.hasPrefix("The training data differs from the recording's"))
      #expect(error.message.contains("abababababab"))
    }
  }

  @Test("a recording cut off inside an iteration verifies up to the last complete line")
  func truncated() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let run = try recordTinyRun(to: scratch.file("run.hfrec.jsonl"), iterations: 3)
    let bytes = try Data(contentsOf: run.url)
    // Cut in the middle of iteration 3's cg_end line (a crash while writing it).
    let tag = try #require(bytes.range(of: Data(#""k":"cg_end","i":3"#.utf8)))
    let lineStart = try #require(bytes[..<tag.lowerBound].lastIndex(of: 0x0A)) + 1
    try bytes.prefix(upTo: lineStart + 40).write(to: run.url)
    let timeline = try RecordingReader.open(run.url)
    #expect(timeline.faults.truncatedLastLine)
    let reexecution = RecordingReexecution(timeline: timeline)
    #expect(reexecution.plan.abandonedIterations == [3])
    let outcome = try reexecution.run()
    #expect(outcome.isIdentical && outcome.lastIteration == 2)
    #expect(outcome.checkedEvents == outcome.expectedEvents)
  }
}
