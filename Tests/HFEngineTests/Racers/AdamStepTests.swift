import HFEngine
import Testing

@Suite("Adam steps")
struct AdamStepTests {
  @Test("Adam's first three steps on a 2-parameter problem equal the hand-computed values")
  func firstSteps() throws {
    // y = w·x + b, one case x = 2, target 1, loss ½(y − 1)², θ₀ = (0.5, −0.5), α = 0.1, no weight cost.
    let arch = NetworkArchitecture(layerSizes: [1, 1], hiddenActivations: [], output: .linearSquaredError)
    let ds = Dataset(inputs: [2], targets: [1], count: 1, inputWidth: 1, targetWidth: 1, source: "two parameters")
    let problem = FeedForwardRacerProblem(model: FeedForwardModel<Double>(architecture: arch), train: DataMatrix(ds), test: nil)
    var s = RacerSettings()
    s.adamRate = 0.1
    s.batchSize = 1
    let adam = AdamOptimizer(problem: problem, settings: s, weightCost: 0, initialTheta: [0.5, -0.5])
    // Step 1: g = (−1, −0.5); m̂ = g, v̂ = g², so each coordinate moves by α·|g|/(|g| + 1e-8).
    // Steps 2–3 evaluated by hand from m ← 0.9m + 0.1g, v ← 0.999v + 0.001g², bias-corrected.
    let expected: [(Double, Double, Double)] = [
      (0.599999999, -0.400000002, 0.0200000008),
      (0.6898575185820451, -0.3101424835980556, 0.0024201701048493876),
      (0.7505515691801707, -0.24944843396835045, 0.03166504512131019),
    ]
    for (k, (w, b, f)) in expected.enumerated() {
      let r = try #require(adam.step())
      #expect(abs(adam.theta[0] - w) < 1e-12 && abs(adam.theta[1] - b) < 1e-12, "step \(k + 1): \(adam.theta.array)")
      #expect(abs(r.objective - f) < 1e-12, "step \(k + 1)")
      #expect(r.dataPasses == Double(k + 1))
    }
    #expect(adam.updates == 3)
  }
}
