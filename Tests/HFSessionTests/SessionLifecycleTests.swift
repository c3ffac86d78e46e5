import HFEngine
import HFSession
import Testing
import HFRecording

/// Starting, finishing, restarting, failing, alarms and closing.
@Suite(.serialized) struct SessionLifecycleTests {
  @Test func publishesStartedFirstAndFinishesAtTheLimit() throws {
    let session = Session(makeSetup: makeTiny, options: SessionOptions(maxIterations: 3))
    #expect(session.snapshot.state == .starting && session.description == nil)
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitFinished())
    guard case .started(let description) = log.events.first else {
      Issue.record("first event is \(String(describing: log.events.first))")
      return
    }
    #expect(description.preset == "tiny" && description.seed == 1 && description.data == "generated:tiny")
    #expect(description.parameterCount == (64 * 32 + 32) + (32 * 16 + 16) + (16 * 4 + 4) + (4 * 16 + 16) + (16 * 32 + 32) + (32 * 64 + 64))
    #expect(description.groupNames == ["W1", "W2", "W3", "W4", "W5", "W6"])
    #expect(session.description == description)
    #expect(log.events[1] == .state(.running))
    let finished = try #require(log.events.finishedEvents.first)
    #expect(finished.reason == .iterationLimit && finished.iteration == 3)
    #expect(log.events.suffix(2).first == .state(.done))
    let snapshot = session.snapshot
    #expect(snapshot.state == .done && snapshot.iteration == 3 && snapshot.finishReason == .iterationLimit)
    #expect(snapshot.lambda == log.events.reports.last?.lambdaAfter)
    #expect(log.events.reports.map(\.objective) == (try headlessReports(3)).map(\.objective))
    session.close()
    #expect(session.awaitClosed(timeout: 10))
    #expect(log.subscription.isClosed)
  }

  @Test func restartReproducesTheFirstRunBitForBit() throws {
    let session = Session(makeSetup: makeTiny, options: SessionOptions(maxIterations: 4))
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitFinished())
    let first = log.events.reports
    session.post(ControlRequest(.restart, source: "key R"))
    #expect(log.waitFinished(count: 2))
    let second = Array(log.events.reports.dropFirst(first.count))
    #expect(first.count == 4 && second.count == 4)
    #expect(first.map(\.objective) == second.map(\.objective))
    #expect(first.map(\.lambdaAfter) == second.map(\.lambdaAfter))
    #expect(first.map(\.cgIterations) == second.map(\.cgIterations))
    #expect(log.events.startedCount == 2 && session.snapshot.runs == 2)
    let restart = try #require(log.events.controls.last)
    #expect(restart.control == .restart && restart.old == "DONE")
    session.close()
  }

  @Test func stopThenRestartPostedTogetherRestartsARunningSession() throws {
    // Every run pauses inside iteration 2, so the stop surely lands in a running iteration.
    let pause = ControlSchedule([2: [ControlRequest(.pause, source: "test")]])
    let session = Session(makeSetup: makeTiny, options: SessionOptions(maxIterations: 3, scheduledControls: pause))
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitState(.paused))
    session.post(ControlRequest(.stop, source: "key R"))
    session.post(ControlRequest(.restart, source: "key R"))
    #expect(log.waitState(.paused, count: 2))
    #expect(log.events.startedCount == 2)
    session.post(ControlRequest(.resume, source: "key space"))
    #expect(log.waitFinished(count: 2))
    #expect(log.events.finishedEvents.map(\.reason) == [.stopped, .iterationLimit])
    let second = log.events.split { if case .started = $0 { true } else { false } }.last ?? []
    #expect(second.reports.map(\.objective) == (try headlessReports(3)).map(\.objective))
    session.close()
  }

  @Test func aFailingSetupEndsDoneWithItsMessage() throws {
    let session = Session(makeSetup: { throw DataError("The data file x.csv does not exist.") }, options: SessionOptions())
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitFinished())
    let finished = try #require(log.events.finishedEvents.first)
    #expect(finished.reason == .failed && finished.message == "The data file x.csv does not exist.")
    #expect(session.snapshot.state == .done && session.description == nil)
    // Without a setup there is nothing to continue; the session still closes cleanly.
    session.post(ControlRequest(.continueRun(extraIterations: 1), source: "key c"))
    session.close()
    #expect(session.awaitClosed(timeout: 10))
    #expect(log.events.finishedEvents.count == 1)
  }

  @Test func pauseOnAlarmPausesAfterTheAlarmingIteration() throws {
    // λ falls from 1 to 0.667 once ρ > ¾: below the bound 0.8.
    let options = SessionOptions(pauseOnAlarm: true, alarmBounds: AlarmBounds(lambdaMin: 0.8))
    let session = Session(makeSetup: makeTiny, options: options)
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    let k = try #require(try headlessReports(5).first { $0.lambdaAfter < 0.8 }).iteration
    #expect(log.waitState(.paused))
    let alarm = try #require(log.events.alarms.first)
    #expect(alarm.kind == .lambdaBelowBound && alarm.iteration == k)
    #expect(session.snapshot.iteration == k && session.snapshot.runningIteration == nil)
    session.post(ControlRequest(.stop, source: "key s"))
    #expect(log.waitFinished())
    #expect(log.events.finishedEvents.last?.iteration == k)
    #expect(log.events.alarms.count == 1)
    session.close()
  }

  @Test func startPausedWaitsBeforeTheFirstIteration() throws {
    let session = Session(makeSetup: makeTiny, options: SessionOptions(maxIterations: 2, startPaused: true))
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitState(.paused))
    #expect(log.events.reports.isEmpty && session.snapshot.iteration == 0)
    // Settings changed while paused at a boundary hold from the iteration about to run.
    session.post(ControlRequest(.setMaxCG(3), source: "command :maxcg 3"))
    #expect(log.wait { $0.controls.count == 1 })
    #expect(session.snapshot.config.cg.maxIterations == 3)
    #expect(log.events.controls[0].iteration == 1 && log.events.controls[0].confirmation == "max CG 50 → 3 (from iteration 1)")
    #expect(session.withSetupWhileIdle { $0.optimizer.config.cg.maxIterations } == 3)
    session.post(ControlRequest(.resume, source: "key space"))
    #expect(log.waitFinished())
    #expect(log.events.reports.allSatisfy { $0.cgIterations <= 3 })
    session.close()
  }

  @Test func invalidControlsAreRefusedAtOnce() {
    let session = Session(makeSetup: makeTiny, options: SessionOptions())
    #expect(session.post(ControlRequest(.setLambda(-1), source: "test")) == "λ must be ≥ 0 (got -1).")
    #expect(session.post(ControlRequest(.setMaxCG(0), source: "test")) == "max CG must be from 1 to 10000 (got 0).")
    #expect(session.post(ControlRequest(.setMaxCG(1_000_000_000), source: "test")) == "max CG must be from 1 to 10000 (got 1000000000).")
    #expect(session.post(ControlRequest(.pause, source: "test")) == nil)
    session.close()
    #expect(session.awaitClosed(timeout: 1))
  }

  @Test func closeBySignalFinishesWithReasonSignalNamingItAndKeepsTheLastCompletedIteration() throws {
    let session = Session(makeSetup: makeTiny, options: SessionOptions())
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.wait { $0.reports.count >= 2 })
    session.close(signal: "SIGTERM")
    session.close(signal: "SIGINT")  // a second signal changes nothing
    #expect(session.awaitClosed(timeout: 10))
    log.wait { _ in log.subscription.isClosed && log.subscription.pendingCount == 0 }
    let finished = try #require(log.events.finishedEvents.last)
    #expect(finished.reason == .signal)
    #expect(finished.message.hasPrefix("Ended by SIGTERM after iteration \(finished.iteration)"))
    #expect(finished.iteration == log.events.reports.last?.iteration)
    let theta = session.withSetupWhileIdle { $0.optimizer.theta.array }
    #expect(theta == (try headlessTheta(finished.iteration)))
  }

  @Test func closeWhileRunningFinishesAsQuitAndClosesSubscriptions() throws {
    let session = Session(makeSetup: makeTiny, options: SessionOptions())
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.wait { $0.reports.count >= 1 })
    session.close()
    #expect(session.awaitClosed(timeout: 10))
    log.wait { _ in log.subscription.isClosed && log.subscription.pendingCount == 0 }
    let finished = try #require(log.events.finishedEvents.last)
    #expect(finished.reason == .quit)
    #expect(session.snapshot.state == .done)
    #expect(!log.subscription.waitForEvents(timeout: 10))
  }
}
