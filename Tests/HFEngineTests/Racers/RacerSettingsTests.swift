import HFEngine
import Testing

@Suite("Racer settings and schedules")
struct RacerSettingsTests {
  @Test("Sutskever's momentum schedule at t = 0, 249, 250, 750, 10⁶ for μ_max 0.99 and 0.9")
  func momentumSchedule() {
    // μₜ = min(1 − 2^(−1−log₂(⌊t/250⌋+1)), μ_max): 1/2, 1/2, 3/4, 7/8, then the cap.
    let expected: [(Int, Double, Double)] = [
      (0, 0.5, 0.5), (249, 0.5, 0.5), (250, 0.75, 0.75), (750, 0.875, 0.875), (1_000_000, 0.99, 0.9),
    ]
    for (t, high, low) in expected {
      #expect(abs(MomentumSchedule.sutskever(update: t, maximum: 0.99) - high) < 1e-15, "t = \(t)")
      #expect(abs(MomentumSchedule.sutskever(update: t, maximum: 0.9) - low) < 1e-15, "t = \(t)")
    }
    // Uncapped at t = 10⁶: 1 − 2^(−1−log₂ 4001) = 1 − 1/8002.
    #expect(abs(MomentumSchedule.sutskever(update: 1_000_000, maximum: 1) - (1 - 1.0 / 8002)) < 1e-15)
  }

  @Test("learning-rate schedules: constant, and lr/(1+t/τ) halved after τ updates")
  func learningRateSchedule() {
    #expect(LearningRateSchedule.constant.rate(base: 0.01, update: 12345) == 0.01)
    let decay = LearningRateSchedule.inverseTime(updates: 1000)
    #expect(decay.rate(base: 0.01, update: 0) == 0.01)
    #expect(abs(decay.rate(base: 0.01, update: 1000) - 0.005) < 1e-15)
    #expect(abs(decay.rate(base: 0.01, update: 3000) - 0.0025) < 1e-15)
  }

  @Test("defaults, one-line summaries and validation")
  func summariesAndValidation() {
    let s = RacerSettings(for: .autoencoder)
    #expect(s.batchSize == 200 && s.momentumMax == 0.99 && s.adamRate == 1e-3 && s.lbfgsHistory == 10)
    #expect(s.passesPerReport == 1 && s.validationError == nil)
    #expect(s.summary(for: .sgd) == "lr 0.01, Nesterov μ ≤ 0.99, batch 200")
    #expect(s.summary(for: .momentum) == "lr 0.01, classical μ ≤ 0.99, batch 200")
    #expect(s.summary(for: .adam) == "α 0.001, β 0.9/0.999, batch 200")
    #expect(s.summary(for: .lbfgs) == "history 10, strong Wolfe, full batch")
    #expect(s.summary(for: .ncg) == "Polak–Ribière+, strong Wolfe, full batch")
    var d = s
    d.schedule = .inverseTime(updates: 5000)
    #expect(d.summary(for: .sgd) == "lr 0.01, lr/(1+t/5000), Nesterov μ ≤ 0.99, batch 200")
    var bad = s
    bad.momentumMax = 1
    #expect(bad.validationError?.contains("momentum") == true)
    bad = s
    bad.batchSize = 0
    #expect(bad.validationError?.contains("mini-batch") == true)
    bad = s
    bad.schedule = .inverseTime(updates: 0)
    #expect(bad.validationError?.contains("τ") == true)
    bad = s
    bad.learningRate = .nan
    #expect(bad.validationError != nil)
  }
}
