import Foundation
import HFEngine

/// A deliberately naive per-case implementation of the network, used as an oracle.
struct ReferenceNetwork {
  let arch: NetworkArchitecture
  var layout: ParameterLayout { arch.layout }

  /// Output pre-activations z for one case.
  func preOutput(_ theta: [Double], _ x: [Double]) -> [Double] {
    var y = x
    for (i, l) in layout.layers.enumerated() {
      var z = [Double](repeating: 0, count: l.outputs)
      for o in 0..<l.outputs {
        var s = theta[l.biasOffset + o]
        for k in 0..<l.inputs { s += theta[l.weightOffset + o * l.inputs + k] * y[k] }
        z[o] = s
      }
      if i + 1 < layout.layers.count {
        y = z.map { v in
          switch arch.hiddenActivations[i] {
          case .logistic: return 1 / (1 + exp(-v))
          case .tanh: return tanh(v)
          case .linear: return v
          case .relu: return max(v, 0)
          case .softplus: return log1p(exp(v))
          }
        }
      } else {
        return z
      }
    }
    return y
  }

  /// Outputs ŷ = g(z).
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

  /// H_L = ∂²L/∂z² for one case.
  func lossHessian(_ z: [Double]) -> [[Double]] {
    let y = outputs(z)
    let n = z.count
    var h = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for a in 0..<n {
      for b in 0..<n {
        switch arch.output {
        case .linearSquaredError: h[a][b] = a == b ? 1 : 0
        case .logisticCrossEntropy: h[a][b] = a == b ? y[a] * (1 - y[a]) : 0
        case .softmaxCrossEntropy: h[a][b] = (a == b ? y[a] : 0) - y[a] * y[b]
        }
      }
    }
    return h
  }

  /// Jacobian ∂z/∂θ (outputs × parameters) by central differences.
  func jacobian(_ theta: [Double], _ x: [Double], eps: Double = 1e-6) -> [[Double]] {
    let n = theta.count
    let outW = arch.outputWidth
    var j = [[Double]](repeating: [Double](repeating: 0, count: n), count: outW)
    for p in 0..<n {
      var tp = theta, tm = theta
      tp[p] += eps
      tm[p] -= eps
      let zp = preOutput(tp, x), zm = preOutput(tm, x)
      for o in 0..<outW { j[o][p] = (zp[o] - zm[o]) / (2 * eps) }
    }
    return j
  }
}

/// Small random problems for the numerics tests.
enum Fixtures {
  static func data(cases: Int, inputs: Int, targets: Int, output: OutputLoss, seed: UInt64) -> Dataset {
    var rng = SeededGenerator(seed: seed)
    var x = [Float](), t = [Float]()
    for _ in 0..<cases {
      for _ in 0..<inputs { x.append(Float(rng.nextDouble01())) }
      switch output {
      case .linearSquaredError:
        for _ in 0..<targets { t.append(Float(rng.nextGaussian())) }
      case .logisticCrossEntropy:
        for _ in 0..<targets { t.append(Float(rng.nextDouble01())) }
      case .softmaxCrossEntropy:
        let k = rng.nextInt(below: targets)
        for j in 0..<targets { t.append(j == k ? 1 : 0) }
      }
    }
    return Dataset(inputs: x, targets: t, count: cases, inputWidth: inputs, targetWidth: targets, source: "fixture")
  }

  static func theta(_ layout: ParameterLayout, seed: UInt64, scale: Double = 0.5) -> [Double] {
    var rng = SeededGenerator(seed: seed)
    return (0..<layout.count).map { _ in scale * rng.nextGaussian() }
  }

  /// Max |a − b| / max(1, |b|) over elements.
  static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    let scale = max(1e-12, b.map(abs).max() ?? 0)
    return zip(a, b).map { abs($0 - $1) }.max()! / scale
  }
}
