import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite("Session with another optimizer")
struct SessionOptimizerTests {
  @Test("a single run of another optimizer: its reports, the description, HF's controls refused, pause at its boundaries")
  func singleRun() throws {
    var options = SessionOptions(maxIterations: 3, optimizer: .adam)
    options.startPaused = true
    let session = Session(makeSetup: makeTiny, options: options)
    session.setOptimizerFactory(scriptedFactory())
    #expect(session.post(ControlRequest(.setLambda(1), source: "t")) == "λ applies to HF; this run uses Adam.")
    #expect(session.post(ControlRequest(.setMaxCG(5), source: "t")) == "max CG applies to HF; this run uses Adam.")
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitState(.paused))
    session.post(ControlRequest(.stepOnce, source: "t"))
    #expect(log.waitState(.paused, count: 2))
    #expect(session.snapshot.iteration == 1)
    #expect(session.snapshot.optimizer == .adam)
    session.post(ControlRequest(.resume, source: "t"))
    #expect(log.waitFinished())
    session.close()
    let description = try #require(log.events.firstDescription)
    #expect(description.optimizer == .adam)
    #expect(description.racers.isEmpty)
    let reports = log.events.reports
    #expect(reports.map(\.iteration) == [1, 2, 3])
    #expect(reports.allSatisfy { $0.optimizer == .adam && $0.learningRate == 0.01 })
    #expect(zip(reports.map(\.dataPasses), [0.7, 1.4, 2.1]).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect(log.events.racerReports.isEmpty)
    // λ is 0 and ρ NaN for Adam: none of HF's λ/ρ alarms fire.
    #expect(log.events.alarms.isEmpty)
  }

  @Test("another optimizer's non-finite objective raises the non-finite alarm, named after it")
  func nonFiniteAlarm() throws {
    let session = Session(makeSetup: makeTiny, options: SessionOptions(maxIterations: 3, optimizer: .sgd))
    session.setOptimizerFactory(scriptedFactory(nanKind: .sgd, nanFrom: 2))
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitFinished())
    session.close()
    #expect(log.events.alarms.map(\.kind) == [.nonFinite])
    #expect(log.events.alarms.first?.message == "SGD-N: The training objective is not finite (NaN).")
  }

  @Test("the alarm monitor raises only the non-finite alarm for reports of other optimizers")
  func alarmMonitorSkipsHFAlarms() throws {
    var report = EnginePrototypeReport.make()
    report.optimizer = .adam
    report.lambdaAfter = 0
    report.rho = .nan
    report.accepted = false
    report.cgReason = .maxIterations
    var monitor = AlarmMonitor(bounds: AlarmBounds())
    for k in 1...5 {
      report.iteration = k
      #expect(monitor.observe(report).isEmpty)
    }
    report.objective = .infinity
    #expect(monitor.observe(report).map(\.kind) == [.nonFinite])
    #expect(monitor.observe(report).isEmpty, "fires once while it holds")
    report.optimizer = .hf
    report.objective = 1
    #expect(!monitor.observe(report).isEmpty, "the same report from HF raises HF's alarms")
  }
}

/// A plain report for alarm tests.
enum EnginePrototypeReport {
  static func make() -> IterationReport {
    IterationReport(
      iteration: 1, objective: 1, error: 0.5, objectiveBefore: 2, testObjective: nil, testError: nil, lambdaBefore: 1,
      lambdaAfter: 1, rho: 0.5, rhoModel: .undamped, cgIterations: 3, cgChosen: 3, cgReason: .converged, stepRate: 1,
      accepted: true, gradientNorm: 1, stepNorm: 1, layerGradientNorms: [1], layerStepNorms: [1], curvatureProducts: 3,
      dataPasses: 1, curvatureBatch: 10, curvatureType: .gaussNewton, times: PhaseTimes())
  }
}
