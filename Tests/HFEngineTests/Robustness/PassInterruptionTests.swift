import Testing

@testable import HFEngine

/// A stop cuts the long passes outside CG (the gradient over the training set, the objective
/// evaluations) at their next block of rows, so a signal never waits for a whole pass; the test
/// set's evaluation, which a completed iteration reports, is never cut.
@Suite("Interruption inside a pass over the data")
struct PassInterruptionTests {
  static let arch = NetworkArchitecture(
    layerSizes: [6, 8, 3, 8, 6], hiddenActivations: [.logistic, .linear, .logistic], output: .logisticCrossEntropy)

  static func model() -> (FeedForwardModel<Double>, DataMatrix<Double>, Buffer<Double>) {
    let ds = Fixtures.data(cases: 256, inputs: 6, targets: 6, output: .logisticCrossEntropy, seed: 11)
    let model = FeedForwardModel<Double>(architecture: arch, shards: 2, blockRows: 16)
    return (model, DataMatrix(ds), Buffer(Fixtures.theta(arch.layout, seed: 3, scale: 1)))
  }

  @Test("a requested stop ends the feed-forward gradient and evaluation passes before their next block; without one they see every row")
  func feedForwardPassesStopAtABlock() {
    let (model, data, theta) = Self.model()
    let g = Buffer<Double>(count: theta.count)
    let stop = Interruption()
    #expect(model.gradient(theta: theta, data: data, rows: 0..<256, into: g, stop: stop).count == 256)
    #expect(model.evaluate(theta: theta, data: data, rows: 0..<256, stop: stop).count == 256)
    stop.request()
    #expect(model.gradient(theta: theta, data: data, rows: 0..<256, into: g, stop: stop).count == 0)
    #expect(model.evaluate(theta: theta, data: data, rows: 0..<256, stop: stop).count == 0)
  }

  @Test("a requested stop ends the recurrent gradient and evaluation passes before their next block of sequences")
  func recurrentPassesStopAtABlock() {
    let arch = RecurrentArchitecture(inputs: 2, hidden: 3, outputs: 1, output: .logisticCrossEntropy)
    let batch = RecurrentFixtures.batch(arch, lengths: [4, 3, 4, 4, 2, 4], seed: 21) { _, _ in true }
    let model = RecurrentModel<Double>(architecture: arch, maxSteps: 4, shards: 1, blockRows: 2)
    let theta = Buffer(RecurrentFixtures.vector(arch.layout.count, seed: 9, scale: 0.6))
    let g = Buffer<Double>(count: theta.count)
    let stop = Interruption()
    let full = model.gradient(theta: theta, batch: batch, rows: 0..<6, into: g, stop: stop).count
    #expect(full == 4 + 3 + 4 + 4 + 2 + 4)
    #expect(model.evaluate(theta: theta, batch: batch, rows: 0..<6, stop: stop).count == full)
    stop.request()
    #expect(model.gradient(theta: theta, batch: batch, rows: 0..<6, into: g, stop: stop).count == 0)
    #expect(model.evaluate(theta: theta, batch: batch, rows: 0..<6, stop: stop).count == 0)
  }

  @Test("the optimizer hands its interruption to the problem, whose training passes it cuts and whose test evaluation it never cuts")
  func problemCutsTrainingPassesOnly() {
    let (model, data, theta) = Self.model()
    let hf = HFOptimizer(model: model, train: data, test: data, config: HFConfig(), initialTheta: theta.array)
    let stop = Interruption()
    hf.interruption = stop
    #expect(hf.problem.interruption === stop)
    hf.problem.beginIteration(1, config: hf.config)
    stop.request()
    #expect(hf.problem.evaluate(theta: theta).count == 0)
    #expect(hf.problem.evaluateTest(theta: theta)?.count == 256)
    hf.interruption = nil
    #expect(hf.problem.interruption == nil)
    #expect(hf.problem.evaluate(theta: theta).count == 256)
  }
}
