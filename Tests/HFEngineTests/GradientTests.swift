import Foundation
import HFEngine
import Testing

@Suite("Gradient and objective")
struct GradientTests {
  static let pairs: [(Activation, OutputLoss)] = [
    (.logistic, .logisticCrossEntropy), (.tanh, .linearSquaredError), (.linear, .softmaxCrossEntropy),
    (.relu, .linearSquaredError), (.softplus, .logisticCrossEntropy), (.tanh, .softmaxCrossEntropy),
  ]

  @Test("gradient matches central finite differences for every activation/loss pair", arguments: 0..<6)
  func gradientMatchesFiniteDifferences(pairIndex: Int) {
    let (act, out) = Self.pairs[pairIndex]
    let arch = NetworkArchitecture(layerSizes: [4, 5, 3, 3], hiddenActivations: [act, act], output: out)
    let data = DataMatrix<Double>(Fixtures.data(cases: 7, inputs: 4, targets: 3, output: out, seed: 3))
    let model = FeedForwardModel<Double>(architecture: arch, shards: 2, blockRows: 3)
    let theta = Fixtures.theta(arch.layout, seed: UInt64(10 + pairIndex))
    let grad = Buffer<Double>(count: theta.count)
    _ = model.gradient(theta: Buffer(theta), data: data, rows: 0..<7, into: grad)
    let eps = 1e-6
    var fd = [Double](repeating: 0, count: theta.count)
    for p in 0..<theta.count {
      var tp = theta, tm = theta
      tp[p] += eps
      tm[p] -= eps
      let fp = model.evaluate(theta: Buffer(tp), data: data, rows: 0..<7).meanLoss
      let fm = model.evaluate(theta: Buffer(tm), data: data, rows: 0..<7).meanLoss
      fd[p] = (fp - fm) / (2 * eps)
    }
    #expect(Fixtures.relativeError(grad.array, fd) < 1e-6, "\(act) + \(out)")
  }

  @Test("saturated units give finite losses and gradients")
  func saturatedUnitsStayFinite() {
    for out in OutputLoss.allCases {
      let arch = NetworkArchitecture(layerSizes: [3, 4, 2], hiddenActivations: [.logistic], output: out)
      let data = DataMatrix<Float>(Fixtures.data(cases: 4, inputs: 3, targets: 2, output: out, seed: 1))
      let model = FeedForwardModel<Float>(architecture: arch)
      let theta = Fixtures.theta(arch.layout, seed: 2, scale: 400).map(Float.init)
      let grad = Buffer<Float>(count: theta.count)
      let sums = model.gradient(theta: Buffer(theta), data: data, rows: 0..<4, into: grad)
      #expect(sums.loss.isFinite, "\(out)")
      #expect(grad.array.allSatisfy { $0.isFinite }, "\(out)")
    }
  }

  @Test("the objective of a known one-layer case equals the hand-computed value")
  func exactSmallCase() {
    // One linear layer 1→1 with w = 2, b = 1, x = 3, t = 4: z = 7, ½(7−4)² = 4.5, ∂/∂w = 3·3 = 9, ∂/∂b = 3.
    let arch = NetworkArchitecture(layerSizes: [1, 1], hiddenActivations: [], output: .linearSquaredError)
    let data = DataMatrix<Double>(
      Dataset(inputs: [3], targets: [4], count: 1, inputWidth: 1, targetWidth: 1, source: "hand"))
    let model = FeedForwardModel<Double>(architecture: arch)
    let grad = Buffer<Double>(count: 2)
    let sums = model.gradient(theta: Buffer([2, 1]), data: data, rows: 0..<1, into: grad)
    #expect(sums.loss == 4.5)
    #expect(grad.array == [9, 3])
    #expect(sums.error == 9)  // (7 − 4)², the squared reconstruction error
  }

  @Test("sharded passes equal the single-shard result")
  func shardingIsExact() {
    let arch = NetworkArchitecture(layerSizes: [5, 6, 4, 5], hiddenActivations: [.logistic, .tanh], output: .logisticCrossEntropy)
    let data = DataMatrix<Double>(Fixtures.data(cases: 23, inputs: 5, targets: 5, output: .logisticCrossEntropy, seed: 9))
    let theta = Buffer(Fixtures.theta(arch.layout, seed: 4))
    let g1 = Buffer<Double>(count: theta.count), g3 = Buffer<Double>(count: theta.count)
    let s1 = FeedForwardModel<Double>(architecture: arch, shards: 1, blockRows: 64).gradient(theta: theta, data: data, rows: 0..<23, into: g1)
    let s3 = FeedForwardModel<Double>(architecture: arch, shards: 3, blockRows: 4).gradient(theta: theta, data: data, rows: 0..<23, into: g3)
    #expect(abs(s1.loss - s3.loss) < 1e-12)
    #expect(Fixtures.relativeError(g3.array, g1.array) < 1e-12)
  }
}
