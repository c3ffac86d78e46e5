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
      for j in 0..<n { x[j] = Activation.softplus(x[j]) }
    }
  }

  /// x ← f(x + b) in place for one row of `n` units (bias and non-linearity in one pass).
  @inline(__always)
  func applyAddingBias<S: HFScalar>(_ x: UnsafeMutablePointer<S>, bias b: UnsafePointer<S>, count n: Int) {
    switch self {
    case .logistic:
      S.logisticAddingBias(x, bias: b, count: n)
    case .tanh:
      for j in 0..<n { x[j] = S.tanh(x[j] + b[j]) }
    case .linear:
      for j in 0..<n { x[j] += b[j] }
    case .relu:
      for j in 0..<n {
        let v = x[j] + b[j]
        x[j] = v > 0 ? v : 0
      }
    case .softplus:
      for j in 0..<n { x[j] = Activation.softplus(x[j] + b[j]) }
    }
  }

  /// u ← u ⊙ f'(y) for `n` values, given the outputs y.
  @inline(__always)
  func multiplyByDerivative<S: HFScalar>(_ u: UnsafeMutablePointer<S>, outputs y: UnsafePointer<S>, count n: Int) {
    switch self {
    case .logistic:
      for j in 0..<n { u[j] *= y[j] * (1 - y[j]) }
    case .tanh:
      for j in 0..<n { u[j] *= (1 + y[j]) * (1 - y[j]) }
    case .linear:
      break
    case .relu:
      for j in 0..<n { u[j] = y[j] > 0 ? u[j] : 0 }
    case .softplus:
      for j in 0..<n { u[j] *= 1 - S.vexp(-y[j]) }
    }
  }

  /// u ← (u + c) ⊙ f'(y) for one row of `n` units (the R-forward pass's bias and derivative).
  @inline(__always)
  func addBiasTimesDerivative<S: HFScalar>(
    _ u: UnsafeMutablePointer<S>, bias c: UnsafePointer<S>, outputs y: UnsafePointer<S>, count n: Int
  ) {
    switch self {
    case .logistic:
      for j in 0..<n { u[j] = (u[j] + c[j]) * (y[j] * (1 - y[j])) }
    case .tanh:
      for j in 0..<n { u[j] = (u[j] + c[j]) * ((1 + y[j]) * (1 - y[j])) }
    case .linear:
      for j in 0..<n { u[j] += c[j] }
    case .relu:
      for j in 0..<n { u[j] = y[j] > 0 ? u[j] + c[j] : 0 }
    case .softplus:
      for j in 0..<n { u[j] = (u[j] + c[j]) * (1 - S.vexp(-y[j])) }
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
    case .softplus: return 1 - S.vexp(-y)  // σ(x) = 1 − e^(−softplus(x))
    }
  }

  /// f''(x) / f'(x) expressed through y (0 where f'' vanishes), used by the Hessian product.
  @inline(__always)
  func curvatureRatio<S: HFScalar>(fromOutput y: S) -> S {
    switch self {
    case .logistic: return 1 - 2 * y
    case .tanh: return -2 * y
    case .linear, .relu: return 0
    case .softplus: return S.vexp(-y)  // f''/f' = 1 − σ(x)
    }
  }

  /// Whether f' is identically 1 (lets loops skip the multiply).
  var isLinear: Bool { self == .linear }

  /// Numerically stable logistic function: with e = e^(−|v|), σ(v) = 1/(1+e) for v ≥ 0, e/(1+e) otherwise.
  @inline(__always)
  static func sigmoid<S: HFScalar>(_ v: S) -> S {
    let e = S.vexp(-Swift.abs(v))
    return (v >= 0 ? 1 : e) / (1 + e)
  }

  /// log(1 + e^v) = max(v, 0) + log1p(e^(−|v|)), stable for large |v|.
  @inline(__always)
  static func softplus<S: HFScalar>(_ v: S) -> S {
    (v > 0 ? v : 0) + S.vlog1pUnit(S.vexp(-Swift.abs(v)))
  }
}
