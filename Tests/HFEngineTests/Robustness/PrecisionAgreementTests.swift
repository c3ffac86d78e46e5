import HFEngine
import Testing

/// The production Float engine computes what the Double engine computes on the same θ and data:
/// the gradient and the Gauss–Newton product agree to a relative 1e-4 (float32 storage with
/// double accumulation of the reductions, single-precision GEMMs and kernels).
@Suite("Float and Double agree")
struct PrecisionAgreementTests {
  static func relative(_ a: [Float], _ b: [Double]) -> Double {
    var d = 0.0, n = 0.0
    for (x, y) in zip(a, b) {
      d += (Double(x) - y) * (Double(x) - y)
      n += y * y
    }
    return (d / n).squareRoot()
  }

  @Test("feed-forward (the tiny autoencoder on 500 generated images): gradient and Gv within 1e-4")
  func feedForward() throws {
    let arch = try #require(Preset.named("tiny")?.architecture)
    let data = TinyGenerator.make(trainCount: 500, testCount: 1, seed: 4).train
    var rng = SeededGenerator(seed: 9, stream: 1)
    let thetaF: [Float] = ParameterInitializer.martensSparse.initialize(arch.layout, rng: &rng)
    let v: [Float] = ParameterInitializer.gaussian(scale: 0.1).initialize(arch.layout, rng: &rng)
    let modelF = FeedForwardModel<Float>(architecture: arch, shards: 2)
    let modelD = FeedForwardModel<Double>(architecture: arch, shards: 2)
    let dataF = DataMatrix<Float>(data), dataD = DataMatrix<Double>(data)
    let tF = Buffer(thetaF), tD = Buffer(thetaF.map(Double.init))
    let gF = Buffer<Float>(count: thetaF.count), gD = Buffer<Double>(count: thetaF.count)
    let sF = modelF.gradient(theta: tF, data: dataF, rows: 0..<500, into: gF)
    let sD = modelD.gradient(theta: tD, data: dataD, rows: 0..<500, into: gD)
    #expect(abs(sF.loss - sD.loss) <= 1e-4 * abs(sD.loss))
    let gradientError = Self.relative(gF.array, gD.array)
    #expect(gradientError < 1e-4, "gradient relative error \(gradientError)")
    print("feed-forward Float vs Double: gradient relative error \(gradientError)")
    modelF.prepareCurvature(theta: tF, data: dataF, rows: 0..<250, type: .gaussNewton)
    modelD.prepareCurvature(theta: tD, data: dataD, rows: 0..<250, type: .gaussNewton)
    let outF = Buffer<Float>(count: v.count), outD = Buffer<Double>(count: v.count)
    let vD = v.map(Double.init)
    v.withUnsafeBufferPointer { modelF.curvatureProduct(theta: tF, v: $0.baseAddress!, into: outF.pointer, type: .gaussNewton) }
    vD.withUnsafeBufferPointer { modelD.curvatureProduct(theta: tD, v: $0.baseAddress!, into: outD.pointer, type: .gaussNewton) }
    let productError = Self.relative(outF.array, outD.array)
    #expect(productError < 1e-4, "Gv relative error \(productError)")
    print("feed-forward Float vs Double: Gv relative error \(productError)")
    #expect(outD.array.contains { $0 != 0 })
  }

  @Test("recurrent (addition, T = 30, 20 hidden units): BPTT gradient and Gv with structural damping within 1e-4")
  func recurrent() throws {
    let spec = RecurrentSpec(task: .addition, sequenceLength: 30, hiddenUnits: 20, testSequences: 1)
    let arch = spec.architecture, steps = spec.task.maxSteps(30)
    var rng = SeededGenerator(seed: 5, stream: 1)
    let thetaF: [Float] = arch.initialize(rng: &rng)
    let v: [Float] = (0..<thetaF.count).map { _ in Float(0.1 * rng.nextGaussian()) }
    let batchF = SequenceBatch<Float>(capacity: 64, maxSteps: steps, inputWidth: arch.inputs, outputWidth: arch.outputs)
    let batchD = SequenceBatch<Double>(capacity: 64, maxSteps: steps, inputWidth: arch.inputs, outputWidth: arch.outputs)
    var gen1 = SeededGenerator(seed: 11, stream: 2), gen2 = SeededGenerator(seed: 11, stream: 2)
    spec.task.generate(into: batchF, count: 64, length: 30, rng: &gen1)
    spec.task.generate(into: batchD, count: 64, length: 30, rng: &gen2)
    let modelF = RecurrentModel<Float>(architecture: arch, maxSteps: steps, shards: 2)
    let modelD = RecurrentModel<Double>(architecture: arch, maxSteps: steps, shards: 2)
    let tF = Buffer(thetaF), tD = Buffer(thetaF.map(Double.init))
    let gF = Buffer<Float>(count: thetaF.count), gD = Buffer<Double>(count: thetaF.count)
    _ = modelF.gradient(theta: tF, batch: batchF, rows: 0..<64, into: gF)
    _ = modelD.gradient(theta: tD, batch: batchD, rows: 0..<64, into: gD)
    let gradientError = Self.relative(gF.array, gD.array)
    #expect(gradientError < 1e-4, "gradient relative error \(gradientError)")
    _ = modelF.prepareCurvature(theta: tF, batch: batchF, rows: 0..<32)
    _ = modelD.prepareCurvature(theta: tD, batch: batchD, rows: 0..<32)
    let outF = Buffer<Float>(count: v.count), outD = Buffer<Double>(count: v.count)
    let vD = v.map(Double.init)
    v.withUnsafeBufferPointer { modelF.curvatureProduct(theta: tF, v: $0.baseAddress!, into: outF.pointer, structuralDamping: 0.03) }
    vD.withUnsafeBufferPointer { modelD.curvatureProduct(theta: tD, v: $0.baseAddress!, into: outD.pointer, structuralDamping: 0.03) }
    let productError = Self.relative(outF.array, outD.array)
    #expect(productError < 1e-4, "Gv relative error \(productError)")
    print("recurrent Float vs Double: gradient \(gradientError), Gv \(productError) relative error")
  }
}
