import HFEngine
import Testing

/// A stop requested through a racer's `interruption` (a signal's way in) abandons the running
/// step wherever it is — between mini-batches, inside a pass, in a line search — with the racer's
/// whole state put back, so a resumed run continues as if the step had never started.
@Suite("Interruption of a racer's step")
struct RacerInterruptionTests {
  static let kinds: [OptimizerKind] = [.sgd, .momentum, .adam, .ncg, .lbfgs]

  @Test("a stop requested once a step has started abandons it unreported with the state unchanged; the next step matches an uninterrupted run bit for bit", arguments: kinds)
  func abandonedStepChangesNothing(kind: OptimizerKind) throws {
    let reference = try RacerSetupTests.setup().makeOptimizer(kind)
    reference.step(observer: { _ in .proceed })
    let expected = try #require(reference.step(observer: { _ in .proceed }))

    let racer = try RacerSetupTests.setup().makeOptimizer(kind)
    racer.step(observer: { _ in .proceed })
    let before = try #require(RacerSetupTests.state(racer))
    let stop = Interruption()
    racer.interruption = stop
    var finished = 0
    let report = racer.step { event in
      // Requested after the step's start event, as a signal mid-step would be: the step runs on
      // with every pass cut short, and is undone.
      if case .iterationStarted = event { stop.request() }
      if case .iterationFinished = event { finished += 1 }
      return .proceed
    }
    #expect(report == nil && finished == 0, "\(kind)")
    let after = try #require(RacerSetupTests.state(racer))
    #expect(after == before, "\(kind): the abandoned step changed the racer's state")
    #expect(racer.iteration == 1 && racer.dataPasses == before.counters.dataPasses, "\(kind)")

    racer.interruption = nil
    let again = try #require(racer.step(observer: { _ in .proceed }))
    #expect(again.objective == expected.objective && again.dataPasses == expected.dataPasses, "\(kind)")
    #expect(racer.theta.array == reference.theta.array, "\(kind): θ after the resumed step differs")
  }

  @Test("a step whose report went out stands, even when the stop arrives right after it", arguments: [OptimizerKind.sgd, .lbfgs])
  func reportedStepStands(kind: OptimizerKind) throws {
    let racer = try RacerSetupTests.setup().makeOptimizer(kind)
    let stop = Interruption()
    racer.interruption = stop
    let report = racer.step { event in
      if case .iterationFinished = event { stop.request() }
      return .proceed
    }
    #expect(report?.iteration == 1 && racer.iteration == 1)
    #expect(racer.step(observer: { _ in .proceed }) == nil && racer.iteration == 1)
  }
}
