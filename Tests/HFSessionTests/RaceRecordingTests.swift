import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite("Race recordings")
struct RaceRecordingTests {
  /// Records a race of HF against two relabeled HF racers (max CG 3 and 6), with SGD-N held after HF iteration 1.
  func recordRace(_ url: URL) throws {
    var options = SessionOptions(maxIterations: 3, race: [.sgd, .adam])
    options.startPaused = true
    let setup = try tinySetup()
    let session = Session(setup: setup, makeSetup: { try tinySetup() }, options: options)
    session.setOptimizerFactory(raceFactory)
    let recorder = try LiveRecorder.create(session: session, setup: setup, url: url, toolVersion: "test", checkpointEvery: nil)
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitState(.paused))
    session.post(ControlRequest(.stepOnce, source: "test"))
    #expect(log.waitState(.paused, count: 2))
    session.post(ControlRequest(.setRacerPaused(.sgd, true), source: "test"))
    session.post(ControlRequest(.scaleLambda(0.5), source: "test"))
    session.post(ControlRequest(.resume, source: "test"))
    #expect(log.waitFinished())
    session.close()
    #expect(session.awaitClosed(timeout: 30))
    recorder.finish(session: session)
  }

  let raceFactory = relabeledHFFactory { $0 == .sgd ? 3 : 6 }

  @Test("a race is recorded with every racer's lines, read back per racer, and re-executes identically")
  func recordReadVerify() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let url = scratch.file("race.hfrec.jsonl")
    try recordRace(url)

    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(text.contains(#""racers":[{"kind":"hf","#))
    #expect(text.contains(#""racer":"adam""#))
    let timeline = try RecordingReader.open(url)
    #expect(timeline.faults.isClean)
    #expect(timeline.racers.map(\.kind) == [.hf, .sgd, .adam])
    #expect(timeline.reports.count == 3)
    let sgd = try #require(timeline.racerReports[.sgd])
    let adam = try #require(timeline.racerReports[.adam])
    #expect(!sgd.isEmpty && !adam.isEmpty)
    #expect(sgd.allSatisfy { $0.optimizer == .sgd })
    // SGD-N was held from HF iteration 2 on: it only caught up with iteration 1.
    #expect(sgd.last!.dataPasses >= timeline.reports[0].dataPasses)
    #expect(sgd.last!.dataPasses < timeline.reports[1].dataPasses)
    #expect(adam.last!.dataPasses >= timeline.reports[2].dataPasses)
    #expect(timeline.appliedControls.map(\.confirmation).contains("SGD-N paused (from HF iteration 2)"))

    var reexecution = RecordingReexecution(timeline: timeline)
    reexecution.optimizerFactory = { try raceFactory($0, $1) }
    #expect(reexecution.plan.steps.contains(.optimizers(.hf, race: [.sgd, .adam])))
    #expect(reexecution.plan.engineEventCount == timeline.events.filter {
      switch $0.event {
      case .engine, .racer: true
      default: false
      }
    }.count)
    let outcome = try reexecution.run()
    #expect(outcome.isIdentical, "\(outcome.summary)")
    #expect(outcome.lastIteration == 3)

    // A racer that re-executes differently is caught, named and placed.
    var other = RecordingReexecution(timeline: timeline)
    other.optimizerFactory = { try relabeledHFFactory { $0 == .sgd ? 3 : 1 }($0, $1) }
    let diverged = try other.run()
    #expect(!diverged.isIdentical)
  }

  @Test("export: one row per iteration of every racer, in file order, with an optimizer column")
  func exportRace() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let url = scratch.file("race.hfrec.jsonl")
    try recordRace(url)
    let timeline = try RecordingReader.open(url)
    let columns = RecordingExporter.columns(timeline)
    #expect(Array(columns.prefix(4)) == ["run", "t", "optimizer", "iteration"])
    #expect(Array(columns.suffix(2)) == ["learning_rate", "momentum"])
    let rows = RecordingExporter.csv(timeline).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    let total = timeline.reports.count + timeline.racerIterations.count
    #expect(rows.count == total)
    let optimizers = rows.map { String($0[2]) }
    #expect(optimizers.filter { $0 == "hf" }.count == 3)
    #expect(optimizers.filter { $0 == "sgd" }.count == timeline.racerReports[.sgd]?.count)
    #expect(optimizers.first == "hf", "HF's first iteration comes before the racers' turns")
    #expect(RecordingExporter.jsonl(timeline).split(separator: "\n").count == total)
  }

  @Test("the re-execution plan holds each racer's steps in file order, after the optimizers are built")
  func planFromEvents() throws {
    func report(_ k: Int) -> IterationReport {
      var r = EnginePrototypeReport.make()
      r.iteration = k
      return r
    }
    var d = SessionDescription(
      preset: "tiny", model: "m", data: "d", parameterCount: 1, trainCases: 1, testCases: nil, seed: 1, config: HFConfig(),
      groupNames: [], errorName: "e")
    d.racers = [RacerDescription(kind: .hf, settings: "a"), RacerDescription(kind: .adam, settings: "b")]
    let events: [SessionEvent] = [
      .started(d), .engine(.iterationStarted(iteration: 1, lambda: 1)), .engine(.iterationFinished(report(1))),
      .racer(.adam, .iterationStarted(iteration: 1, lambda: 0)), .racer(.adam, .iterationFinished(report(1))),
      .racer(.adam, .iterationStarted(iteration: 2, lambda: 0)),
      .engine(.iterationStarted(iteration: 2, lambda: 1)),
    ]
    let plan = ReexecutionPlan(events: events)
    #expect(
      plan.steps == [
        .freshRun, .optimizers(.hf, race: [.adam]), .iteration(1, recordedEvents: 2, finished: true),
        .racerIteration(.adam, 1, recordedEvents: 2, finished: true), .racerIteration(.adam, 2, recordedEvents: 1, finished: false),
        .iteration(2, recordedEvents: 1, finished: false),
      ])
    #expect(plan.engineEventCount == 6)
  }

  @Test("a single run of another optimizer re-executes with that optimizer")
  func singleRunVerify() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let url = scratch.file("adam.hfrec.jsonl")
    let setup = try tinySetup()
    let session = Session(setup: setup, makeSetup: { try tinySetup() }, options: SessionOptions(maxIterations: 2, optimizer: .adam))
    session.setOptimizerFactory(raceFactory)
    let recorder = try LiveRecorder.create(session: session, setup: setup, url: url, toolVersion: "test", checkpointEvery: 1)
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitFinished())
    session.close()
    #expect(session.awaitClosed(timeout: 30))
    recorder.finish(session: session)
    let timeline = try RecordingReader.open(url)
    #expect(timeline.optimizer == .adam)
    #expect(timeline.reports.allSatisfy { $0.optimizer == .adam })
    #expect(!timeline.events.contains { if case .checkpoint = $0.event { true } else { false } }, "no HF checkpoint of an Adam run")
    var reexecution = RecordingReexecution(timeline: timeline)
    reexecution.optimizerFactory = { try raceFactory($0, $1) }
    #expect(try reexecution.run().isIdentical)
    // Re-executed with the real Adam instead, it cannot match (or cannot be built).
    #expect((try? RecordingReexecution(timeline: timeline).run())?.isIdentical != true)
  }
}
