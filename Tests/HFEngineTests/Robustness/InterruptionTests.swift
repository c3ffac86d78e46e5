import Testing

@testable import HFEngine

/// A stop requested through `HFOptimizer.interruption` outside CG (a signal's way in): the running
/// iteration is abandoned and changes nothing, so the run goes on as if it had never started it.
@Suite("Interruption of an HF iteration")
struct InterruptionTests {
  /// A small autoencoder whose CG stores several iterates (so backtracking and the line search run).
  static func optimizer() -> HFOptimizer<Double> {
    let arch = NetworkArchitecture(
      layerSizes: [6, 8, 3, 8, 6], hiddenActivations: [.logistic, .linear, .logistic], output: .logisticCrossEntropy)
    let ds = Fixtures.data(cases: 64, inputs: 6, targets: 6, output: .logisticCrossEntropy, seed: 11)
    var config = HFConfig()
    config.initialLambda = 1e-2
    config.chunks = 4
    config.cg.maxIterations = 40
    let model = FeedForwardModel<Double>(architecture: arch)
    return HFOptimizer(
      model: model, train: DataMatrix(ds), test: nil, config: config, initialTheta: Fixtures.theta(arch.layout, seed: 3, scale: 1))
  }

  /// θ, warm start, λ, iteration and data passes, exactly.
  static func state(_ hf: HFOptimizer<Double>) -> ([Double], [Double], Double, Int, Double) {
    (hf.theta.array, hf.warmStart.array, hf.lambda, hf.iteration, hf.dataPasses)
  }

  @Test("a stop requested at the iteration's start, during CG or after backtracking abandons it with nothing changed; the next steps match an uninterrupted run bit for bit")
  func abandonedIterationChangesNothing() throws {
    let reference = Self.optimizer()
    let expected = [try #require(reference.step()), try #require(reference.step())]
    // Where the request arrives: at the iteration's start (abandoned after the gradient), during
    // CG (CG ends, backtracking stops at its first check), and when backtracking has chosen (ρ is
    // computed, the line search skips its evaluations, the step is dropped before it is taken).
    let places: [(HFEvent) -> Bool] = [
      { if case .iterationStarted = $0 { true } else { false } },
      { if case .cgFinished = $0 { true } else { false } },
      { if case .cgStep(let s) = $0 { s.i >= 2 } else { false } },
    ]
    for (index, place) in places.enumerated() {
      let hf = Self.optimizer()
      _ = try #require(hf.step())
      let before = Self.state(hf)
      let interruption = Interruption()
      hf.interruption = interruption
      var sawFinished = false
      let report = hf.step { event in
        if place(event) { interruption.request() }
        if case .iterationFinished = event { sawFinished = true }
        return .proceed
      }
      #expect(report == nil && !sawFinished, "place \(index)")
      let after = Self.state(hf)
      #expect(after.0 == before.0 && after.1 == before.1 && after.2 == before.2, "place \(index): θ, warm start or λ changed")
      #expect(after.3 == 1 && after.4 == before.4, "place \(index): counters changed")
      hf.interruption = nil
      let again = try #require(hf.step())
      #expect(again.objective == expected[1].objective && again.lambdaAfter == expected[1].lambdaAfter, "place \(index)")
      #expect(hf.theta.array == reference.theta.array, "place \(index): θ after the resumed step differs")
    }
  }
}
