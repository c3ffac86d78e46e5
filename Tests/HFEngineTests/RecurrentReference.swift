import Foundation
import HFEngine

/// A deliberately naive per-sequence recurrent network in Double, used as an oracle.
struct RecurrentReference {
  let arch: RecurrentArchitecture
  var layout: RecurrentLayout { arch.layout }

  /// Per step of sequence `b`: pre-activations aₜ, hidden states hₜ and output pre-activations zₜ.
  func run(_ theta: [Double], _ batch: SequenceBatch<Double>, _ b: Int) -> (a: [[Double]], h: [[Double]], z: [[Double]]) {
    let l = layout, V = arch.inputs, H = arch.hidden, O = arch.outputs
    var h = Array(theta[l.initialState..<(l.initialState + H)])
    var (aa, hh, zz) = ([[Double]](), [[Double]](), [[Double]]())
    for t in 0..<batch.length(of: b) {
      let x = batch.input(step: t, sequence: b)
      var a = [Double](repeating: 0, count: H)
      for i in 0..<H {
        var s = theta[l.hiddenBias + i]
        for k in 0..<V { s += theta[l.inputWeights + i * V + k] * x[k] }
        for k in 0..<H { s += theta[l.recurrentWeights + i * H + k] * h[k] }
        a[i] = s
      }
      h = a.map { tanh($0) }
      var z = [Double](repeating: 0, count: O)
      for o in 0..<O {
        var s = theta[l.outputBias + o]
        for k in 0..<H { s += theta[l.outputWeights + o * H + k] * h[k] }
        z[o] = s
      }
      aa.append(a)
      hh.append(h)
      zz.append(z)
    }
    return (aa, hh, zz)
  }

  /// ŷ = g(z).
  func outputs(_ z: [Double]) -> [Double] {
    switch arch.output {
    case .linearSquaredError: return z
    case .logisticCrossEntropy: return z.map { 1 / (1 + exp(-$0)) }
    case .softmaxCrossEntropy:
      let m = z.max()!
      let e = z.map { exp($0 - m) }
      let s = e.reduce(0, +)
      return e.map { $0 / s }
    }
  }

  /// The matching loss of one output.
  func loss(_ z: [Double], _ y: [Double]) -> Double {
    let p = outputs(z)
    switch arch.output {
    case .linearSquaredError: return zip(z, y).map { 0.5 * ($0 - $1) * ($0 - $1) }.reduce(0, +)
    case .logisticCrossEntropy: return zip(p, y).map { -($1 * log($0) + (1 - $1) * log(1 - $0)) }.reduce(0, +)
    case .softmaxCrossEntropy: return zip(p, y).map { -$1 * log($0) }.reduce(0, +)
    }
  }

  /// H_L = ∂²L/∂z².
  func lossHessian(_ z: [Double]) -> [[Double]] {
    let y = outputs(z), n = z.count
    return (0..<n).map { a in
      (0..<n).map { b in
        switch arch.output {
        case .linearSquaredError: return a == b ? 1 : 0
        case .logisticCrossEntropy: return a == b ? y[a] * (1 - y[a]) : 0
        case .softmaxCrossEntropy: return (a == b ? y[a] : 0) - y[a] * y[b]
        }
      }
    }
  }

  /// Mean loss over the trained outputs of the batch, and how many there are.
  func meanLoss(_ theta: [Double], _ batch: SequenceBatch<Double>) -> (Double, Int) {
    var total = 0.0, n = 0
    for b in 0..<batch.count {
      let z = run(theta, batch, b).z
      for t in z.indices where batch.isTrained(step: t, sequence: b) {
        total += loss(z[t], batch.target(step: t, sequence: b))
        n += 1
      }
    }
    return (total / Double(n), n)
  }

  /// Central-difference Jacobian of `f` (a flat vector) at θ.
  static func jacobian(_ theta: [Double], eps: Double = 1e-6, _ f: ([Double]) -> [Double]) -> [[Double]] {
    var columns: [[Double]] = []
    for p in theta.indices {
      var tp = theta, tm = theta
      tp[p] += eps
      tm[p] -= eps
      columns.append(zip(f(tp), f(tm)).map { ($0 - $1) / (2 * eps) })
    }
    let rows = columns.first?.count ?? 0
    return (0..<rows).map { r in columns.map { $0[r] } }
  }
}

/// Small recurrent problems for the numerics tests.
enum RecurrentFixtures {
  /// A batch of `lengths.count` random sequences with the given lengths; outputs trained at
  /// `trained(t, length)` steps, targets drawn for the output type.
  static func batch(
    _ arch: RecurrentArchitecture, lengths: [Int], seed: UInt64, trained: (Int, Int) -> Bool
  ) -> SequenceBatch<Double> {
    var rng = SeededGenerator(seed: seed)
    let batch = SequenceBatch<Double>(capacity: lengths.count, maxSteps: lengths.max()!, inputWidth: arch.inputs, outputWidth: arch.outputs)
    for n in lengths {
      var x: [[Double]] = [], y: [[Double]] = [], m: [Bool] = []
      for t in 0..<n {
        x.append((0..<arch.inputs).map { _ in rng.nextGaussian() })
        switch arch.output {
        case .linearSquaredError: y.append((0..<arch.outputs).map { _ in rng.nextGaussian() })
        case .logisticCrossEntropy: y.append((0..<arch.outputs).map { _ in rng.nextDouble01() })
        case .softmaxCrossEntropy:
          let k = rng.nextInt(below: arch.outputs)
          y.append((0..<arch.outputs).map { $0 == k ? 1 : 0 })
        }
        m.append(trained(t, n))
      }
      batch.append(inputs: x, targets: y, trained: m)
    }
    return batch
  }

  static func vector(_ n: Int, seed: UInt64, scale: Double = 1) -> [Double] {
    var rng = SeededGenerator(seed: seed)
    return (0..<n).map { _ in scale * rng.nextGaussian() }
  }

  static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map(*).reduce(0, +) }
}
