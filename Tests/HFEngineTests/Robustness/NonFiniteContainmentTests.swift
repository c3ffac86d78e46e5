import Foundation
import HFEngine
import Testing

/// Non-finite values anywhere in an HF iteration are contained: the iteration is rejected, θ is
/// kept bit for bit, λ is raised, and the report names the quantity and the phase.
@Suite("Non-finite containment: HF")
struct NonFiniteContainmentTests {
  static func tiny(_ edit: (inout RunSpec) -> Void = { _ in }) throws -> TrainingSetup {
    var spec = RunSpec(preset: try #require(Preset.named("tiny")), seed: 1)
    edit(&spec)
    return try TrainingSetup(spec)
  }

  static func bits(_ b: Buffer<Float>) -> [UInt32] { b.array.map(\.bitPattern) }

  static func expect(
    _ report: IterationReport?, _ quantity: NonFiniteQuantity, _ phase: IterationPhase,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(report?.nonFinite?.quantity == quantity, "quantity of \(String(describing: report?.nonFinite))", sourceLocation: sourceLocation)
    #expect(report?.nonFinite?.phase == phase, "phase of \(String(describing: report?.nonFinite))", sourceLocation: sourceLocation)
    #expect(report?.nonFinite?.value.isFinite == false, sourceLocation: sourceLocation)
    #expect(report?.accepted == false && report?.stepRate == 0 && report?.cgReason == .nonFinite, sourceLocation: sourceLocation)
  }

  @Test("NaN in θ mid-run: rejected in the gradient phase, θ kept bit for bit, λ × 1.5, warm start dropped, every later iteration too")
  func nanInTheta() throws {
    let setup = try Self.tiny()
    let hf = setup.optimizer
    let first = try #require(hf.step())
    #expect(first.nonFinite == nil && first.accepted)
    #expect(hf.warmStart.array.contains { $0 != 0 })
    hf.theta[7] = .nan
    for k in 2...4 {
      let before = Self.bits(hf.theta), lambda = hf.lambda
      let report = hf.step()
      Self.expect(report, .objective, .gradient)
      #expect(report?.iteration == k && hf.iteration == k)
      #expect(Self.bits(hf.theta) == before)
      #expect(hf.lambda == lambda * 1.5 && report?.lambdaAfter == hf.lambda && report?.lambdaBefore == lambda)
      #expect(hf.warmStart.array.allSatisfy { $0 == 0 })
      #expect(report?.rho.isNaN == true)
    }
    #expect(hf.step()?.nonFinite?.description == "the objective was NaN in the gradient phase")
  }

  @Test("restoring a checkpoint whose weights are NaN: every iteration is rejected, nothing traps")
  func restoredNaNWeights() throws {
    let setup = try Self.tiny()
    let hf = setup.optimizer
    let weights = [Float](repeating: .nan, count: hf.theta.count)
    hf.restore(theta: weights, lambda: 2, warmStart: [Float](repeating: 0, count: hf.theta.count), iteration: 40, dataPasses: 100)
    for k in 41...43 {
      let report = hf.step()
      Self.expect(report, .objective, .gradient)
      #expect(report?.iteration == k)
    }
    #expect(hf.theta.array.allSatisfy(\.isNaN) && hf.lambda == 2 * 1.5 * 1.5 * 1.5)
  }

  @Test("λ = 1e300 overflows the damping in single precision: rejected before CG, λ raised while it stays finite")
  func hugeLambda() throws {
    let setup = try Self.tiny { $0.config.initialLambda = 1e300 }
    let hf = setup.optimizer
    let before = Self.bits(hf.theta)
    let report = hf.step()
    Self.expect(report, .damping, .preconditioner)
    #expect(report?.nonFinite?.value == .infinity)
    #expect(report?.cgIterations == 0 && report?.curvatureProducts == 0)
    #expect(hf.lambda == 1.5e300)
    #expect(Self.bits(hf.theta) == before)
    // 1.5e300 · 1.5ⁿ overflows Double after 46 raises: λ then stays at its last finite value.
    for _ in 0..<60 { hf.step() }
    #expect(hf.lambda.isFinite && hf.lambda > 1e308)
    #expect(Self.bits(hf.theta) == before)
  }

  @Test("a frozen λ is not raised by a rejection")
  func frozenLambdaStays() throws {
    let setup = try Self.tiny {
      $0.config.initialLambda = 1e300
      $0.config.adaptiveLambda = false
    }
    Self.expect(setup.optimizer.step(), .damping, .preconditioner)
    #expect(setup.optimizer.lambda == 1e300)
  }

  @Test("weight cost 1e300: the gradient goes NaN and the iteration is rejected in the gradient phase")
  func hugeWeightCost() throws {
    let setup = try Self.tiny { $0.config.weightCost = 1e300 }
    let before = Self.bits(setup.optimizer.theta)
    let report = setup.optimizer.step()
    Self.expect(report, .gradient, .gradient)
    #expect(report?.nonFinite?.description == "the gradient norm was NaN in the gradient phase")
    #expect(Self.bits(setup.optimizer.theta) == before)
  }

  @Test("μ = 1e300 on a recurrent preset: μλ overflows single precision and the iteration is rejected")
  func hugeStructuralDamping() throws {
    let preset = try #require(Preset.named("addition")?.adjusted(sequenceLength: 10, hiddenUnits: 8))
    var spec = RunSpec(preset: preset, seed: 3)
    spec.config.structuralDamping = 1e300
    spec.config.gradientBatchSize = 16
    spec.config.curvatureBatchSize = 8
    spec.config.testInterval = 0
    let setup = try TrainingSetup(spec)
    let before = Self.bits(setup.optimizer.theta)
    let report = setup.optimizer.step()
    Self.expect(report, .structuralDamping, .preconditioner)
    #expect(Self.bits(setup.optimizer.theta) == before)
    #expect(setup.optimizer.lambda == spec.config.initialLambda * 1.5)
  }

  @Test("a NaN warm start leaves CG no usable step: rejected in CG, and the next iteration trains again")
  func nanWarmStartRecovers() throws {
    let setup = try Self.tiny()
    let hf = setup.optimizer
    hf.step()
    for j in 0..<hf.warmStart.count { hf.warmStart[j] = .nan }
    let before = Self.bits(hf.theta)
    let report = hf.step()
    Self.expect(report, .noUsableStep, .cg)
    #expect(report?.nonFinite?.description == "CG has no usable step (its starting φ was NaN)")
    #expect(Self.bits(hf.theta) == before)
    let next = try #require(hf.step())
    #expect(next.nonFinite == nil && next.accepted && next.cgIterations > 0)
    #expect(next.objective < report?.objective ?? 0)
  }

  @Test("CSV values near 3e38: one warning sentence at load time, and the iterations are rejected, not trapped")
  func csvNearFloatMax() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    var generator = SeededGenerator(seed: 2)
    let rows = (0..<40).map { _ in (0..<6).map { _ in String(2.9e38 + 4e37 * Double(generator.nextFloat01())) }.joined(separator: ",") }
    let path = try directory.write(Array((rows.joined(separator: "\n") + "\n").utf8), to: "huge.csv")
    let setup = try Self.tiny { $0.data = .csv(path: path) }
    #expect(setup.warnings.count == 1)
    let warning = try #require(setup.warnings.first)
    #expect(warning.hasPrefix("The training data (csv:\(path)) holds values up to 3."))
    #expect(warning.contains("e+38 in magnitude, whose squares overflow single precision (above 1.8e+19): the loss"))
    #expect(warning.hasSuffix("so iterations will be rejected."))
    let before = Self.bits(setup.optimizer.theta)
    for _ in 0..<3 { Self.expect(setup.optimizer.step(), .objective, .gradient) }
    #expect(Self.bits(setup.optimizer.theta) == before)
    #expect(try Self.tiny().warnings.isEmpty, "ordinary data raises no warning")
  }
}
