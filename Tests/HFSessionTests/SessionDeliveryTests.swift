import HFEngine
import HFSession
import Testing
import HFRecording

/// What subscribers receive from a running session, and re-execution from a recording.
@Suite(.serialized) struct SessionDeliveryTests {
  @Test func aStalledLossySubscriberLosesOnlyCGStepsWhileTheRecorderGetsEverything() throws {
    let session = Session(makeSetup: makeTiny, options: SessionOptions(maxIterations: 5))
    let screen = session.subscribe(.lossy(capacity: 8))  // never drained while the run goes on
    let recorder = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(recorder.waitFinished())
    session.close()
    #expect(session.awaitClosed(timeout: 10))
    recorder.wait { _ in recorder.subscription.isClosed && recorder.subscription.pendingCount == 0 }
    let all = recorder.events
    let shown = screen.drain()

    // The lossless stream: iterations in order, every CG step of every iteration between its start and CG summary.
    let reports = all.reports
    #expect(reports.map(\.iteration) == [1, 2, 3, 4, 5])
    for report in reports {
      let k = report.iteration
      let start = try #require(all.firstIndex(of: .engine(.iterationStarted(iteration: k, lambda: report.lambdaBefore))))
      let end = try #require(all.firstIndex { if case .engine(.cgFinished(let s)) = $0 { s.hfIteration == k } else { false } })
      let steps = all[start..<end].cgSteps
      #expect(steps.map(\.i) == Array(1...report.cgIterations))
      #expect(steps.allSatisfy { $0.hfIteration == k })
    }
    #expect(all.cgSteps.count == reports.map(\.cgIterations).reduce(0, +))

    // The lossy stream: every non-CG event, in the same order; the CG steps it kept in order; the rest counted.
    #expect(shown.filter { !$0.isCGStep } == all.filter { !$0.isCGStep })
    let kept = shown.cgSteps
    #expect(screen.droppedCount == all.cgSteps.count - kept.count)
    #expect(screen.droppedCount > 0)
    var cursor = all.cgSteps[...]
    for step in kept {
      let at = try #require(cursor.firstIndex(of: step))
      cursor = cursor[(at + 1)...]
    }
  }

  @Test func recordedControlsReExecuteToTheSameNumbers() throws {
    // A live session with controls posted at whatever iteration the engine happened to reach…
    let session = Session(makeSetup: makeTiny, options: SessionOptions())
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.wait { $0.reports.count >= 2 })
    session.post(ControlRequest(.scaleLambda(4), source: "key ["))
    session.post(ControlRequest(.setMaxCG(6), source: "command :maxcg 6"))
    #expect(log.wait { $0.controls.count == 2 })
    session.post(ControlRequest(.setPreconditioner(false), source: "command :precond off"))
    #expect(log.wait { events in events.controls.count == 3 && events.reports.count >= events.controls[2].iteration })
    session.post(ControlRequest(.stop, source: "key s"))
    #expect(log.waitFinished())
    session.close()
    let live = log.events
    let applied = live.controls.filter(\.control.isHyperparameter)
    let n = live.reports.count
    #expect(applied.map(\.setting) == ["λ", "max CG", "preconditioner"])

    // …re-executes headlessly from the recorded iterations alone, bit for bit.
    let schedule = ControlSchedule(recorded: live)
    #expect(ControlSchedule.runs(in: live) == [schedule])
    let replayed = try headlessReports(n, schedule: schedule)
    #expect(replayed.map(\.objective) == live.reports.map(\.objective))
    #expect(replayed.map(\.lambdaAfter) == live.reports.map(\.lambdaAfter))

    // …and through a session driven by the same schedule, with the same recorded controls.
    let again = Session(makeSetup: makeTiny, options: SessionOptions(maxIterations: n, scheduledControls: schedule))
    let log2 = EventLog(again.subscribe(.lossless))
    again.start()
    #expect(log2.waitFinished())
    again.close()
    #expect(log2.events.reports.map(\.objective) == live.reports.map(\.objective))
    #expect(log2.events.controls.map(\.iteration) == applied.map(\.iteration))
    #expect(log2.events.controls.allSatisfy { $0.source == "recording" })
  }

  @Test func scheduledControlsApplyOncePerRunEvenWhenTheIterationIsRetried() throws {
    // λ ×2 scheduled at iteration 3, a pause inside iteration 3, a stop there, then continue:
    // iteration 3 runs again, but λ is doubled only once.
    let schedule = ControlSchedule([
      3: [ControlRequest(.scaleLambda(2), source: "plan"), ControlRequest(.pause, source: "plan")]
    ])
    let session = Session(makeSetup: makeTiny, options: SessionOptions(scheduledControls: schedule))
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitState(.paused))
    session.post(ControlRequest(.stop, source: "key s"))
    #expect(log.waitFinished())
    session.post(ControlRequest(.continueRun(extraIterations: 2), source: "key c"))
    #expect(log.waitFinished(count: 2))
    session.close()
    let expected = try headlessReports(4, schedule: ControlSchedule([3: [ControlRequest(.scaleLambda(2), source: "plan")]]))
    #expect(log.events.reports.map(\.objective) == expected.map(\.objective))
    #expect(log.events.controls.filter { $0.setting == "λ" }.count == 1)
  }
}
