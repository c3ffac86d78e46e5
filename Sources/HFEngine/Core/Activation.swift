/// A hidden-unit non-linearity. Every derivative is computed from the unit's output y = f(x).
public enum Activation: String, Codable, Sendable, CaseIterable {
  case logistic, tanh, linear, relu, softplus

  /// Applies f in place to `n` values.
  @inline(__always)
  func apply<S: HFScalar>(_ x: UnsafeMutablePointer<S>, count n: Int) {
    switch self {
    case .logistic:
      for j in 0..<n { x[j] = Activation.sigmoid(x[j]) }
    case .tanh:
      for j in 0..<n { x[j] = S.tanh(x[j]) }
    case .linear:
      break
    case .relu:
      for j in 0..<n where x[j] < 0 { x[j] = 0 }
    case .softplus:
      // log(1 + e^x) = max(x, 0) + log1p(e^-|x|), stable for large |x|.
      for j in 0..<n {
        let v = x[j]
        x[j] = (v > 0 ? v : 0) + S.log1p(S.exp(-Swift.abs(v)))
      }
    }
  }

  /// f'(x) expressed through y = f(x).
  @inline(__always)
  func derivative<S: HFScalar>(fromOutput y: S) -> S {
    switch self {
    case .logistic: return y * (1 - y)
    case .tanh: return (1 + y) * (1 - y)
    case .linear: return 1
    case .relu: return y > 0 ? 1 : 0
    case .softplus: return 1 - S.exp(-y)  // σ(x) = 1 − e^(−softplus(x))
    }
  }

  /// f''(x) / f'(x) expressed through y (0 where f'' vanishes), used by the Hessian product.
  @inline(__always)
  func curvatureRatio<S: HFScalar>(fromOutput y: S) -> S {
    switch self {
    case .logistic: return 1 - 2 * y
    case .tanh: return -2 * y
    case .linear, .relu: return 0
    case .softplus: return S.exp(-y)  // f''/f' = 1 − σ(x)
    }
  }

  /// Whether f' is identically 1 (lets loops skip the multiply).
  var isLinear: Bool { self == .linear }

  /// Numerically stable logistic function.
  @inline(__always)
  static func sigmoid<S: HFScalar>(_ v: S) -> S {
    if v >= 0 { return 1 / (1 + S.exp(-v)) }
    let e = S.exp(v)
    return e / (1 + e)
  }
}
