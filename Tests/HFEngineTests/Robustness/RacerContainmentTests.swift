import HFEngine
import Testing

/// A racer's step that goes non-finite is undone (θ back where it began) and the step shrinks;
/// the line-search racers never move to a non-finite point.
@Suite("Non-finite containment: racers")
struct RacerContainmentTests {
  static func tiny(_ edit: (inout RacerSettings) -> Void) throws -> TrainingSetup {
    var spec = RunSpec(preset: try #require(Preset.named("tiny")), seed: 1)
    edit(&spec.racers)
    spec.config.testInterval = 0
    return try TrainingSetup(spec)
  }

  @Test("SGD at learning rate 1e30 overflows: θ restored bit for bit, the report names it, the rate halves")
  func sgdOverflowIsUndone() throws {
    let setup = try Self.tiny { $0.learningRate = 1e30 }
    let sgd = try setup.makeOptimizer(.sgd)
    let first = try #require(sgd.step(observer: { _ in .proceed }))
    #expect(first.nonFinite?.phase == .update)
    #expect(first.nonFinite?.quantity == .parameters || first.nonFinite?.quantity == .objective)
    #expect(!first.accepted && first.stepRate == 0)
    #expect(sgd.theta.array.map(\.bitPattern) == setup.initialTheta.map(\.bitPattern))
    #expect(first.objective.isFinite && first.objective == first.objectiveBefore)
    #expect(first.learningRate == 1e30)
    let second = try #require(sgd.step(observer: { _ in .proceed }))
    #expect(second.learningRate == 5e29, "the step is halved after a non-finite one")
  }

  @Test("Adam at α = 1e38 overflows: undone, and α halves")
  func adamOverflowIsUndone() throws {
    let setup = try Self.tiny { $0.adamRate = 1e38 }
    let adam = try setup.makeOptimizer(.adam)
    let first = try #require(adam.step(observer: { _ in .proceed }))
    #expect(first.nonFinite?.phase == .update)
    #expect(adam.theta.array.map(\.bitPattern) == setup.initialTheta.map(\.bitPattern))
    let second = try #require(adam.step(observer: { _ in .proceed }))
    #expect(second.learningRate == 5e37)
  }

  @Test("L-BFGS and NCG from a NaN θ: no trap, nothing moves, the report says the objective is NaN", arguments: [OptimizerKind.lbfgs, .ncg])
  func lineSearchRacerFromNaN(kind: OptimizerKind) throws {
    let setup = try Self.tiny { _ in }
    let racer = try setup.makeOptimizer(kind)
    racer.theta[3] = .nan
    let before = racer.theta.array.map(\.bitPattern)
    for _ in 0..<3 {
      let report = try #require(racer.step(observer: { _ in .proceed }))
      #expect(report.nonFinite?.phase == .update)
      #expect(report.nonFinite?.quantity == .parameters)
      #expect(!report.accepted)
      #expect(racer.theta.array.map(\.bitPattern) == before)
    }
  }

  @Test("clean racer steps carry no non-finite mark", arguments: [OptimizerKind.sgd, .adam, .ncg, .lbfgs])
  func cleanSteps(kind: OptimizerKind) throws {
    let setup = try Self.tiny { _ in }
    let racer = try setup.makeOptimizer(kind)
    for _ in 0..<2 {
      let report = try #require(racer.step(observer: { _ in .proceed }))
      #expect(report.nonFinite == nil && report.objective.isFinite)
    }
  }
}
