import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite("Session races")
struct SessionRaceTests {
  /// Runs a race of HF against scripted racers to DONE and returns its events.
  func runRace(
    _ race: [OptimizerKind], iterations: Int, factory: @escaping @Sendable (TrainingSetup, OptimizerKind) throws -> any TrainingOptimizer<Float>
  ) throws -> (events: [SessionEvent], snapshot: SessionSnapshot) {
    let session = Session(makeSetup: makeTiny, options: SessionOptions(maxIterations: iterations, race: race))
    session.setOptimizerFactory(factory)
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitFinished())
    let snapshot = session.snapshot
    session.close()
    #expect(session.awaitClosed(timeout: 30))
    return (log.events, snapshot)
  }

  @Test("racers take turns after each HF iteration, furthest behind first, until each has spent HF's passes (and at most one step more)")
  func turnOrderAndEqualSlices() throws {
    let race: [OptimizerKind] = [.sgd, .adam, .lbfgs]
    let (events, snapshot) = try runRace(race, iterations: 4, factory: scriptedFactory())
    let description = try #require(events.firstDescription)
    #expect(description.racers.map(\.kind) == [.hf, .sgd, .adam, .lbfgs])
    #expect(description.optimizer == .hf)

    var passes: [OptimizerKind: Double] = [.sgd: 0, .adam: 0, .lbfgs: 0]
    var hfPasses = 0.0
    var hfIterations = 0
    var insideHF = false
    var runningRacer: OptimizerKind?
    func checkSlice() {
      for (kind, p) in passes {
        #expect(p >= hfPasses, "\(kind) caught up with HF's \(hfPasses) passes")
        #expect(p - scriptedPasses(kind) < hfPasses + 1e-12, "\(kind) ran at most one step ahead")
      }
    }
    for event in events {
      switch event {
      case .engine(.iterationStarted):
        #expect(runningRacer == nil)
        if hfIterations > 0 { checkSlice() }
        insideHF = true
      case .engine(.iterationFinished(let r)):
        insideHF = false
        hfPasses = r.dataPasses
        hfIterations += 1
      case .racer(let kind, .iterationStarted):
        #expect(!insideHF, "a racer never steps inside an HF iteration")
        #expect(runningRacer == nil, "one racer at a time")
        runningRacer = kind
        let mine = try #require(passes[kind])
        #expect(mine < hfPasses)
        for other in race where other != kind {
          let theirs = try #require(passes[other])
          guard theirs < hfPasses else { continue }
          // The furthest behind goes first; on a tie, the earlier in race order.
          #expect(mine < theirs || (mine == theirs && race.firstIndex(of: kind)! < race.firstIndex(of: other)!))
        }
      case .racer(let kind, .iterationFinished(let r)):
        #expect(runningRacer == kind)
        runningRacer = nil
        #expect(r.optimizer == kind)
        #expect(abs(r.dataPasses - (passes[kind]! + scriptedPasses(kind))) < 1e-12)
        passes[kind] = r.dataPasses
      default:
        break
      }
    }
    #expect(hfIterations == 4)
    #expect(hfPasses > 0)
    checkSlice()  // the last HF iteration's slice is run before DONE
    #expect(snapshot.racers.map(\.kind) == race)
    for r in snapshot.racers {
      #expect(r.status == .racing)
      #expect(r.dataPasses == passes[r.kind])
      #expect(r.iteration == events.racerReports.filter { $0.0 == r.kind }.count)
    }
  }

  @Test("a racer held or dropped at a turn boundary takes no more turns; the confirmations name it and HF's iteration")
  func racerPauseAndDrop() throws {
    var options = SessionOptions(maxIterations: 3, race: [.sgd, .adam, .lbfgs])
    options.startPaused = true
    let session = Session(makeSetup: makeTiny, options: options)
    session.setOptimizerFactory(scriptedFactory())
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitState(.paused))
    #expect(session.post(ControlRequest(.stepOnce, source: "test")) == nil)
    #expect(log.waitState(.paused, count: 2))  // after HF iteration 1 and the racers' turns
    let afterOne = session.snapshot.racers
    #expect(session.post(ControlRequest(.setRacerPaused(.sgd, true), source: "key p")) == nil)
    #expect(session.post(ControlRequest(.dropRacer(.adam), source: "command")) == nil)
    #expect(log.wait { $0.controls.count >= 3 })
    #expect(session.post(ControlRequest(.resume, source: "test")) == nil)
    #expect(log.waitFinished())
    let snapshot = session.snapshot
    session.close()

    let racerControls = log.events.controls.filter { $0.control.isRacerControl }
    #expect(racerControls.map(\.confirmation) == ["SGD-N paused (from HF iteration 2)", "Adam dropped (from HF iteration 2)"])
    #expect(racerControls.map(\.old) == ["racing", "racing"])
    let byKind = Dictionary(grouping: log.events.racerReports, by: \.0).mapValues(\.count)
    let one = Dictionary(uniqueKeysWithValues: afterOne.map { ($0.kind, $0.iteration) })
    #expect(byKind[.sgd] == one[.sgd], "SGD-N took no turns after it was held")
    #expect(byKind[.adam] == one[.adam], "Adam took no turns after it was dropped")
    #expect((byKind[.lbfgs] ?? 0) > (one[.lbfgs] ?? 0), "L-BFGS raced on")
    #expect(snapshot.racers.map(\.status) == [.paused, .dropped, .racing])
  }

  @Test("racer controls that cannot apply are refused with one sentence")
  func refusedRacerControls() throws {
    let race = Session(makeSetup: makeTiny, options: SessionOptions(race: [.sgd, .adam]))
    #expect(race.post(ControlRequest(.dropRacer(.hf), source: "t")) == "HF cannot be dropped from its own race; stop the run instead.")
    #expect(race.post(ControlRequest(.setRacerPaused(.hf, true), source: "t"))?.hasPrefix("HF sets the race's pace") == true)
    #expect(race.post(ControlRequest(.setRacerPaused(.ncg, true), source: "t")) == "NCG is not in this race (racing: HF, SGD-N, Adam).")
    #expect(race.post(ControlRequest(.setLambda(2), source: "t")) == nil, "λ applies to HF in a race")
    let single = Session(makeSetup: makeTiny, options: SessionOptions())
    #expect(single.post(ControlRequest(.dropRacer(.adam), source: "t")) == "This run is not a race, so there is no Adam racer to hold or drop.")
    race.close()
    single.close()
  }

  @Test("a racer whose objective turns non-finite is stopped with an alarm naming it; the race goes on")
  func nonFiniteRacerStopped() throws {
    let (events, snapshot) = try runRace([.sgd, .adam], iterations: 3, factory: scriptedFactory(nanKind: .adam, nanFrom: 2))
    let adam = events.racerReports.filter { $0.0 == .adam }
    #expect(adam.count == 2)
    #expect(adam.last?.1.objective.isNaN == true)
    let alarms = events.alarms.filter { $0.message.hasPrefix("Adam stopped") }
    #expect(alarms.count == 1)
    #expect(alarms.first?.kind == .nonFinite)
    #expect(events.reports.count == 3)
    #expect(events.finishedEvents.last?.reason == .iterationLimit)
    #expect(snapshot.racers.map(\.status) == [.racing, .stopped])
  }

  @Test("options that cannot race end the run at once with one sentence")
  func badRaceOptions() throws {
    for (options, message) in [
      (SessionOptions(race: [.hf, .sgd]), "HF always runs in a race; list only its rivals (sgd, momentum, adam, ncg, lbfgs)."),
      (SessionOptions(race: [.adam, .sgd, .adam]), "adam is listed twice in the race; list each optimizer once."),
      (SessionOptions(optimizer: .adam, race: [.sgd]), "A race is always led by HF; choose either --optimizer adam or --race, not both."),
    ] {
      #expect(options.optimizerError == message)
      let session = Session(makeSetup: makeTiny, options: options)
      let log = EventLog(session.subscribe(.lossless))
      session.start()
      #expect(log.waitFinished())
      #expect(log.events.finishedEvents.first?.reason == .failed)
      #expect(log.events.finishedEvents.first?.message == message)
      session.close()
    }
  }

  @Test("restart rebuilds the race from the same initial weights: the second run repeats the first")
  func restartRebuildsRace() throws {
    let session = Session(makeSetup: makeTiny, options: SessionOptions(maxIterations: 2, race: [.sgd]))
    session.setOptimizerFactory(relabeledHFFactory { _ in 4 })
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitFinished())
    session.post(ControlRequest(.restart, source: "test"))
    #expect(log.waitFinished(count: 2))
    session.close()
    let firstEnd = try #require(log.events.firstIndex { if case .finished = $0 { true } else { false } })
    let first = log.events[..<firstEnd].racerReports.map { timeless($0.1) }
    let second = log.events[firstEnd...].racerReports.map { timeless($0.1) }
    #expect(!first.isEmpty)
    #expect(first == second)
    #expect(log.events.startedCount == 2)
  }
}

@Suite("Session races: run controls")
struct SessionRaceRunControlTests {
  @Test("pause and stop act on the whole race at the next turn boundary, before any racer catches up")
  func pauseAndStopAtTurns() throws {
    let session = Session(makeSetup: makeTiny, options: SessionOptions(maxIterations: 5, race: [.sgd, .adam]))
    session.setOptimizerFactory(scriptedFactory())
    // The hook runs on the engine thread right after HF's iteration, before the racers' turns.
    session.setIterationHook { _, report in
      if report.iteration == 1 { session.post(ControlRequest(.pause, source: "test")) }
      if report.iteration == 2 { session.post(ControlRequest(.stop, source: "test")) }
      return []
    }
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitState(.paused))
    let paused = session.snapshot
    #expect(paused.iteration == 1)
    #expect(paused.racers.allSatisfy { $0.iteration == 0 }, "paused before the racers' first turn")
    #expect(log.events.controls.last?.confirmation == "state RUNNING → PAUSED (from iteration 2)")
    session.post(ControlRequest(.resume, source: "test"))
    #expect(log.waitFinished())
    session.close()
    let finished = try #require(log.events.finishedEvents.last)
    #expect(finished.reason == .stopped)
    #expect(finished.message == "Stopped (test) during the racers' turns after HF iteration 2.")
    // The racers caught up with HF iteration 1 after the resume, and took no turn after iteration 2.
    let hf = log.events.reports
    #expect(hf.count == 2)
    for kind in [OptimizerKind.sgd, .adam] {
      let last = try #require(log.events.racerReports.last { $0.0 == kind }?.1)
      #expect(last.dataPasses >= hf[0].dataPasses && last.dataPasses - scriptedPasses(kind) < hf[0].dataPasses)
    }
  }
}
