import HFEngine
import HFSession
import Testing
import HFRecording

/// Where controls land: hyperparameters at the next boundary, pause/step/stop at CG steps.
@Suite(.serialized) struct SessionControlTimingTests {
  @Test func lambdaPostedDuringIterationHoldsFromTheNextOne() throws {
    // The scheduled pause deterministically stops iteration 2 at its first CG step.
    let options = SessionOptions(
      maxIterations: 4, scheduledControls: ControlSchedule([2: [ControlRequest(.pause, source: "test")]]))
    let session = Session(makeSetup: makeTiny, options: options)
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitState(.paused))
    let paused = session.snapshot
    #expect(paused.state == .paused && paused.runningIteration == 2 && paused.cgStep == 1 && paused.iteration == 1)

    #expect(session.post(ControlRequest(.setLambda(0.125), source: "key")) == nil)
    session.post(ControlRequest(.resume, source: "key"))
    #expect(log.waitFinished())
    let reports = log.events.reports
    try #require(reports.count == 4)
    let lambdaChange = try #require(log.events.controls.first { $0.setting == "λ" })
    #expect(lambdaChange.iteration == 3 && lambdaChange.cgStep == nil && lambdaChange.source == "key")
    #expect(lambdaChange.old == NumberFormat.compact(reports[1].lambdaAfter) && lambdaChange.new == "0.125")
    #expect(reports[2].lambdaBefore == 0.125)
    #expect(reports[1].lambdaBefore != 0.125)
    #expect(session.snapshot.finishReason == .iterationLimit)
    session.close()
    #expect(session.awaitClosed(timeout: 10))
  }

  @Test func lambdaPostedWhileRunningHoldsFromTheIterationItNames() throws {
    let session = Session(makeSetup: makeTiny, options: SessionOptions())
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.wait { $0.reports.count >= 2 })
    let postedDuring = session.snapshot.iteration
    session.post(ControlRequest(.setLambda(0.3), source: "key ]"))
    var change: AppliedControl?
    #expect(log.wait { events in
      change = events.controls.first { $0.setting == "λ" }
      return change.map { c in events.reports.count >= c.iteration } ?? false
    })
    session.post(ControlRequest(.stop, source: "key s"))
    #expect(log.waitFinished())
    let applied = try #require(change)
    #expect(applied.iteration > postedDuring && applied.new == "0.3")
    let reports = log.events.reports
    #expect(reports[applied.iteration - 1].lambdaBefore == 0.3)
    #expect(reports[applied.iteration - 2].lambdaBefore != 0.3)
    // The control is published right before the iteration it holds from starts.
    let index = try #require(log.events.firstIndex(of: .control(applied)))
    #expect(log.events[index + 1] == .engine(.iterationStarted(iteration: applied.iteration, lambda: 0.3)))
    session.close()
  }

  @Test func pauseStopsAtCGStepStepRunsOneIterationResumeContinues() throws {
    let session = Session(makeSetup: makeTiny, options: SessionOptions())
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.wait { !$0.reports.isEmpty })
    session.post(ControlRequest(.pause, source: "key space"))
    #expect(log.waitState(.paused))
    let paused = session.snapshot
    let k = try #require(paused.runningIteration)
    #expect(paused.state == .paused && paused.cgStep != nil && paused.iteration == k - 1)
    let pause = try #require(log.events.controls.last)
    #expect(pause.control == .pause && pause.iteration == k && pause.cgStep == paused.cgStep)
    #expect(pause.old == "RUNNING" && pause.new == "PAUSED")
    session.addNote("paused here")

    // Step: finishes the interrupted iteration k, then pauses at the boundary.
    session.post(ControlRequest(.stepOnce, source: "key ."))
    #expect(log.waitState(.paused, count: 2))
    #expect(session.snapshot.iteration == k && session.snapshot.runningIteration == nil)
    // Step again: exactly iteration k + 1.
    session.post(ControlRequest(.stepOnce, source: "key ."))
    #expect(log.waitState(.paused, count: 3))
    #expect(session.snapshot.iteration == k + 1)
    session.post(ControlRequest(.resume, source: "key space"))
    #expect(log.wait { $0.reports.count >= k + 3 })
    session.post(ControlRequest(.stop, source: "key s"))
    #expect(log.waitFinished())

    let events = log.events
    // While paused nothing ran: no engine event between a PAUSED state and the next control.
    var pausedNow = false
    for event in events {
      switch event {
      case .state(let s): pausedNow = s == .paused
      case .control: pausedNow = false
      case .engine: #expect(!pausedNow, "engine event while paused: \(event)")
      default: break
      }
    }
    #expect(events.contains(.note(iteration: k, text: "paused here")))
    // Each step ran exactly one HF iteration.
    let steps = events.indices.filter { if case .control(let c) = events[$0] { c.control == .stepOnce } else { false } }
    #expect(steps.count == 2)
    for (n, start) in steps.enumerated() {
      let end = try #require(events[start...].firstIndex(of: .state(.paused)))
      let finished = events[start..<end].reports.map(\.iteration)
      #expect(finished == [k + n])
    }
    let ran = events.reports.map(\.iteration)
    #expect(ran == Array(1...ran.count))
    session.close()
  }

  @Test func stopAbandonsTheRunningIterationWithThetaUnchanged() throws {
    let options = SessionOptions(scheduledControls: ControlSchedule([3: [ControlRequest(.pause, source: "test")]]))
    let session = Session(makeSetup: makeTiny, options: options)
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitState(.paused))
    let thetaPaused = try #require(session.withSetupWhileIdle { $0.optimizer.theta.array })
    session.post(ControlRequest(.stop, source: "key s"))
    #expect(log.waitFinished())
    let finished = try #require(log.events.finishedEvents.last)
    #expect(finished.reason == .stopped && finished.iteration == 2)
    let stop = try #require(log.events.controls.last)
    #expect(stop.control == .stop && stop.iteration == 3 && stop.cgStep == 1 && stop.new == "DONE")
    #expect(session.snapshot.state == .done && session.snapshot.iteration == 2)
    let thetaDone = try #require(session.withSetupWhileIdle { $0.optimizer.theta.array })
    #expect(thetaDone == thetaPaused)
    #expect(thetaDone == (try headlessTheta(2)))

    // Continuing re-runs iteration 3 from scratch: the numbers are those of an uninterrupted run.
    session.post(ControlRequest(.continueRun(extraIterations: 2), source: "command :continue 2"))
    #expect(log.waitFinished(count: 2))
    #expect(log.events.finishedEvents.last?.reason == .iterationLimit)
    #expect(log.events.controls.last?.new == "4")
    let expected = try headlessReports(4).map(\.objective)
    #expect(log.events.reports.map(\.objective) == expected)
    session.close()
    #expect(session.awaitClosed(timeout: 10))
  }
}
