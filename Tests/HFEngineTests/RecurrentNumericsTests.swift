import Foundation
import HFEngine
import Testing

/// BPTT, the Gauss-Newton product through time and structural damping against explicit
/// finite-difference constructions on tiny networks (T ≤ 4, masked steps, unequal lengths).
@Suite("Recurrent numerics")
struct RecurrentNumericsTests {
  struct Setup {
    let arch: RecurrentArchitecture
    let batch: SequenceBatch<Double>
    let model: RecurrentModel<Double>
    let theta: [Double]
    var ref: RecurrentReference { RecurrentReference(arch: arch) }
  }

  /// Three sequences of lengths 4, 3, 4; outputs trained at steps 1 and 3 only (step 0 and 2
  /// masked), so the length-3 sequence has its only trained output at step 1.
  static func setup(_ out: OutputLoss, shards: Int = 2, blockRows: Int = 1) -> Setup {
    let arch = RecurrentArchitecture(inputs: 2, hidden: 3, outputs: out == .logisticCrossEntropy ? 1 : 3, output: out)
    let batch = RecurrentFixtures.batch(arch, lengths: [4, 3, 4], seed: 21) { t, _ in t == 1 || t == 3 }
    let model = RecurrentModel<Double>(architecture: arch, maxSteps: 4, shards: shards, blockRows: blockRows)
    let theta = RecurrentFixtures.vector(arch.layout.count, seed: 9, scale: 0.6)
    return Setup(arch: arch, batch: batch, model: model, theta: theta)
  }

  static func product(_ s: Setup, _ v: [Double], mu: Double) -> [Double] {
    s.model.prepareCurvature(theta: Buffer(s.theta), batch: s.batch, rows: 0..<s.batch.count)
    let out = Buffer<Double>(count: v.count)
    v.withUnsafeBufferPointer { s.model.curvatureProduct(theta: Buffer(s.theta), v: $0.baseAddress!, into: out.pointer, structuralDamping: mu) }
    return out.array
  }

  static let outputs: [OutputLoss] = [.linearSquaredError, .logisticCrossEntropy, .softmaxCrossEntropy]

  @Test("BPTT gradient equals central finite differences of the mean loss", arguments: outputs)
  func gradientMatchesFiniteDifferences(out: OutputLoss) {
    let s = Self.setup(out)
    let g = Buffer<Double>(count: s.theta.count)
    let sums = s.model.gradient(theta: Buffer(s.theta), batch: s.batch, rows: 0..<3, into: g)
    let (f0, n) = s.ref.meanLoss(s.theta, s.batch)
    #expect(sums.count == n && n == 5)
    #expect(abs(sums.meanLoss - f0) < 1e-12 * max(1, abs(f0)))
    let eps = 1e-6
    let fd = s.theta.indices.map { p -> Double in
      var tp = s.theta, tm = s.theta
      tp[p] += eps
      tm[p] -= eps
      return (s.ref.meanLoss(tp, s.batch).0 - s.ref.meanLoss(tm, s.batch).0) / (2 * eps)
    }
    #expect(Fixtures.relativeError(g.array, fd) < 1e-7)
  }

  @Test("Gv through time equals Jᵀ·H_L·J from finite-difference Jacobians", arguments: outputs)
  func gaussNewtonMatchesExplicit(out: OutputLoss) {
    let s = Self.setup(out)
    let ref = s.ref
    let v = RecurrentFixtures.vector(s.theta.count, seed: 44)
    // All trained output pre-activations, stacked.
    let trained: [(b: Int, t: Int)] = (0..<3).flatMap { b in (0..<s.batch.length(of: b)).filter { s.batch.isTrained(step: $0, sequence: b) }.map { (b, $0) } }
    let j = RecurrentReference.jacobian(s.theta) { th in trained.flatMap { ref.run(th, s.batch, $0.b).z[$0.t] } }
    let jv = j.map { RecurrentFixtures.dot($0, v) }
    let O = s.arch.outputs
    var hjv = [Double](repeating: 0, count: jv.count)
    for (k, c) in trained.enumerated() {
      let h = ref.lossHessian(ref.run(s.theta, s.batch, c.b).z[c.t])
      for a in 0..<O { for b in 0..<O { hjv[k * O + a] += h[a][b] * jv[k * O + b] } }
    }
    let expected = s.theta.indices.map { p in j.indices.map { j[$0][p] * hjv[$0] }.reduce(0, +) / Double(trained.count) }
    #expect(Fixtures.relativeError(Self.product(s, v, mu: 0), expected) < 1e-7)
  }

  @Test("the structural term equals μλ·J_tᵀ·D''·J_t with D'' = 0.25(1 − h²) on every step inside a sequence", arguments: outputs)
  func structuralTermMatchesExplicit(out: OutputLoss) {
    let s = Self.setup(out)
    let ref = s.ref
    let v = RecurrentFixtures.vector(s.theta.count, seed: 45)
    let muLambda = 0.7
    let ja = RecurrentReference.jacobian(s.theta) { th in (0..<3).flatMap { ref.run(th, s.batch, $0).a.flatMap { $0 } } }
    let d = (0..<3).flatMap { ref.run(s.theta, s.batch, $0).h.flatMap { $0.map { 0.25 * (1 - $0 * $0) } } }
    #expect(ja.count == (4 + 3 + 4) * 3)
    let djv = ja.indices.map { d[$0] * RecurrentFixtures.dot(ja[$0], v) }
    let count = 5.0  // trained outputs: the products are means over them
    let expected = s.theta.indices.map { p in muLambda * ja.indices.map { ja[$0][p] * djv[$0] }.reduce(0, +) / count }
    let difference = zip(Self.product(s, v, mu: muLambda), Self.product(s, v, mu: 0)).map { $0 - $1 }
    #expect(Fixtures.relativeError(difference, expected) < 1e-7)
  }

  @Test("μ = 0 gives exactly the Gauss-Newton product (plain Tikhonov), and the structural part is linear in μλ")
  func zeroMuIsTikhonov() {
    let s = Self.setup(.softmaxCrossEntropy)
    let v = RecurrentFixtures.vector(s.theta.count, seed: 46)
    let g0 = Self.product(s, v, mu: 0)
    #expect(Self.product(s, v, mu: 0) == g0)
    let half = zip(Self.product(s, v, mu: 0.5), g0).map { $0 - $1 }
    let one = zip(Self.product(s, v, mu: 1), g0).map { $0 - $1 }
    #expect(Fixtures.relativeError(half.map { 2 * $0 }, one) < 1e-12)
    #expect(one.contains { abs($0) > 1e-6 })
  }

  @Test("B = G + μλ·J_tᵀD''J_t is symmetric and positive semi-definite")
  func symmetricPSD() {
    let s = Self.setup(.logisticCrossEntropy)
    for seed in 0..<4 as Range<UInt64> {
      let u = RecurrentFixtures.vector(s.theta.count, seed: 300 + seed)
      let v = RecurrentFixtures.vector(s.theta.count, seed: 400 + seed)
      let uBv = RecurrentFixtures.dot(u, Self.product(s, v, mu: 0.3))
      let vBu = RecurrentFixtures.dot(v, Self.product(s, u, mu: 0.3))
      #expect(abs(uBv - vBu) < 1e-12 * max(1, abs(uBv)))
      #expect(RecurrentFixtures.dot(v, Self.product(s, v, mu: 0.3)) >= 0)
    }
  }

  @Test("results do not depend on the number of shards or the block size")
  func shardInvariance() {
    let a = Self.setup(.softmaxCrossEntropy, shards: 1, blockRows: 8)
    let b = Self.setup(.softmaxCrossEntropy, shards: 3, blockRows: 1)
    let v = RecurrentFixtures.vector(a.theta.count, seed: 47)
    #expect(Fixtures.relativeError(Self.product(a, v, mu: 0.2), Self.product(b, v, mu: 0.2)) < 1e-13)
    let ga = Buffer<Double>(count: v.count), gb = Buffer<Double>(count: v.count)
    _ = a.model.gradient(theta: Buffer(a.theta), batch: a.batch, rows: 0..<3, into: ga)
    _ = b.model.gradient(theta: Buffer(b.theta), batch: b.batch, rows: 0..<3, into: gb)
    #expect(Fixtures.relativeError(ga.array, gb.array) < 1e-13)
    #expect(Fixtures.relativeError(a.model.hiddenGradientProfile, b.model.hiddenGradientProfile) < 1e-13)
  }

  @Test("the ‖∂L/∂hₜ‖ profile equals an explicit backward recursion through the hidden states")
  func hiddenGradientProfile() {
    // One sequence of length 4, linear outputs trained at steps 1 and 3: ∂L/∂h₃ = W_hoᵀ(z₃ − y₃),
    // ∂L/∂h₂ = W_hhᵀ((1 − h₃²) ⊙ ∂L/∂h₃), and so on back to h₀ (t = 0).
    let arch = RecurrentArchitecture(inputs: 2, hidden: 3, outputs: 2, output: .linearSquaredError)
    let batch = RecurrentFixtures.batch(arch, lengths: [4], seed: 3) { t, _ in t == 1 || t == 3 }
    let model = RecurrentModel<Double>(architecture: arch, maxSteps: 4)
    let theta = RecurrentFixtures.vector(arch.layout.count, seed: 5, scale: 0.6)
    _ = model.gradient(theta: Buffer(theta), batch: batch, rows: 0..<1, into: Buffer(count: theta.count))
    let ref = RecurrentReference(arch: arch)
    let run = ref.run(theta, batch, 0)
    let l = arch.layout, H = 3, O = 2
    var dh = [Double](repeating: 0, count: H)
    var expected = [Double](repeating: 0, count: 4)
    for t in stride(from: 3, through: 0, by: -1) {
      if t == 1 || t == 3 {
        let y = batch.target(step: t, sequence: 0)
        for k in 0..<H { for o in 0..<O { dh[k] += theta[l.outputWeights + o * H + k] * (run.z[t][o] - y[o]) } }
      }
      expected[t] = sqrt(dh.map { $0 * $0 }.reduce(0, +))
      let da = (0..<H).map { dh[$0] * (1 - run.h[t][$0] * run.h[t][$0]) }
      var next = [Double](repeating: 0, count: H)
      for k in 0..<H { for i in 0..<H { next[k] += theta[l.recurrentWeights + i * H + k] * da[i] } }
      dh = next
    }
    #expect(model.hiddenGradientProfile.count == 4)
    #expect(Fixtures.relativeError(model.hiddenGradientProfile, expected) < 1e-12)
  }
}
