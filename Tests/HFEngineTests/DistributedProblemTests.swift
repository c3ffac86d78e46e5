import Foundation
import HFEngine
import Testing

@Suite("Distributed HF (in-process ranks)")
struct DistributedProblemTests {
  /// A small logistic autoencoder-like net and 103 cases (not divisible by the rank counts).
  static func fixture() -> (NetworkArchitecture, Dataset, Dataset, [Double]) {
    let arch = NetworkArchitecture(layerSizes: [6, 5, 3, 6], hiddenActivations: [.logistic, .linear], output: .logisticCrossEntropy)
    let train = Fixtures.data(cases: 103, inputs: 6, targets: 6, output: .logisticCrossEntropy, seed: 11)
    let test = Fixtures.data(cases: 17, inputs: 6, targets: 6, output: .logisticCrossEntropy, seed: 12)
    var rng = SeededGenerator(seed: 5)
    let theta: [Double] = ParameterInitializer.gaussian(scale: 0.5).initialize(arch.layout, rng: &rng)
    return (arch, train, test, theta)
  }

  static func config() -> HFConfig {
    var c = HFConfig()
    c.chunks = 2
    c.cg.maxIterations = 20
    c.threads = 1
    return c
  }

  /// Everything a rank's DistributedProblem returns at θ, for comparison with the whole batch.
  struct Results: Sendable {
    var gradient: [Double] = [], squares: [Double] = [], product: [Double] = []
    var gradientSums = EvaluationSums(), evaluation = EvaluationSums(), curvature = EvaluationSums()
    var test: EvaluationSums? = nil
  }

  static func evaluate(_ problem: any HFProblem<Double>, theta values: [Double]) -> Results {
    let n = problem.parameterCount
    let theta = Buffer(values), g = Buffer<Double>(count: n), g2 = Buffer<Double>(count: n)
    problem.beginIteration(2, config: config())
    var r = Results()
    r.gradientSums = problem.gradient(theta: theta, into: g, squares: g2)
    r.evaluation = problem.evaluate(theta: theta)
    r.curvature = problem.prepareCurvature(theta: theta, type: .gaussNewton)
    let v = (0..<n).map { sin(Double($0) * 0.7) }
    var out = [Double](repeating: 0, count: n)
    v.withUnsafeBufferPointer { vp in
      out.withUnsafeMutableBufferPointer { op in
        problem.curvatureProduct(
          theta: theta, v: vp.baseAddress!, into: op.baseAddress!, type: .gaussNewton, structuralDamping: 0)
      }
    }
    r.gradient = g.array
    r.squares = g2.array
    r.product = out
    r.test = problem.evaluateTest(theta: theta)
    return r
  }

  static func close(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * Swift.max(1, abs($1)) }
  }

  @Test("2 and 3 ranks sum to the whole batch's gradient, squared gradients, Gv and evaluation sums (Double, 1e-12)", arguments: [2, 3])
  func partsSumToWhole(ranks: Int) {
    let (arch, train, test, theta) = Self.fixture()
    let whole = FeedForwardProblem(
      model: FeedForwardModel<Double>(architecture: arch), train: DataMatrix<Double>(train), test: DataMatrix<Double>(test))
    let expected = Self.evaluate(whole, theta: theta)
    let results = ResultSlots(count: ranks)
    ThreadCollective.run(size: ranks) { collective in
      let local = FeedForwardProblem(
        model: FeedForwardModel<Double>(architecture: arch), train: DataMatrix<Double>(train), test: DataMatrix<Double>(test),
        part: RankPart(rank: collective.rank, size: collective.size))
      results.set(collective.rank, Self.evaluate(DistributedProblem(local: local, collective: collective), theta: theta))
    }
    for rank in 0..<ranks {
      let r = results.get(rank)
      #expect(Self.close(r.gradient, expected.gradient, 1e-12), "gradient, rank \(rank)")
      #expect(Self.close(r.squares, expected.squares, 1e-12), "squared gradients, rank \(rank)")
      #expect(Self.close(r.product, expected.product, 1e-12), "Gv, rank \(rank)")
      #expect(r.gradientSums.count == 103 && r.curvature.count == expected.curvature.count && r.test?.count == 17)
      #expect(abs(r.evaluation.loss - expected.evaluation.loss) <= 1e-12 * abs(expected.evaluation.loss))
      #expect(abs(r.curvature.loss - expected.curvature.loss) <= 1e-12 * abs(expected.curvature.loss))
      #expect(abs((r.test?.loss ?? .nan) - (expected.test?.loss ?? .nan)) <= 1e-12 * abs(expected.test?.loss ?? 1))
      #expect(r.gradient == results.get(0).gradient && r.product == results.get(0).product, "every rank holds the same sums")
    }
  }

  @Test("RankPart splits a batch into contiguous parts that cover it in order")
  func rankParts() {
    let parts = (0..<3).map { RankPart(rank: $0, size: 3).of(10..<20) }
    #expect(parts == [10..<13, 13..<16, 16..<20])
    #expect(RankPart.whole.of(5..<9) == 5..<9)
  }
}

/// Per-rank results written by the rank threads.
final class ResultSlots: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [DistributedProblemTests.Results]
  init(count: Int) { values = Array(repeating: .init(), count: count) }
  func set(_ i: Int, _ r: DistributedProblemTests.Results) { lock.withLock { values[i] = r } }
  func get(_ i: Int) -> DistributedProblemTests.Results { lock.withLock { values[i] } }
}
