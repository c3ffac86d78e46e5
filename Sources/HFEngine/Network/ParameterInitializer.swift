/// How initial weights are drawn.
public enum ParameterInitializer: Codable, Sendable, Equatable {
  /// Martens (2010) sparse initialization: each unit gets `connections` incoming weights drawn
  /// from N(0, scale²), all others zero; biases zero.
  case sparse(connections: Int, scale: Double)
  /// Dense Gaussian N(0, (scale/√fan-in)²) weights, biases zero.
  case gaussian(scale: Double)

  /// The published default: 15 incoming N(0,1) weights per unit.
  public static let martensSparse = ParameterInitializer.sparse(connections: 15, scale: 1)

  /// Incoming weights per unit a sparse initialization may ask for (more than a layer's inputs
  /// means all of them).
  public static let connectionRange = 1...1_000_000

  /// Throws one sentence when the settings (e.g. from a recording's header) cannot initialize:
  /// connections outside 1 … 1 000 000, a scale that is negative or not finite.
  public func validate() throws(DataError) {
    switch self {
    case let .sparse(connections, scale):
      guard Self.connectionRange.contains(connections) else {
        throw DataError("Impossible setting: the sparse initialization's connections per unit must be from 1 to 1000000 (got \(connections)).")
      }
      guard scale.isFinite, scale >= 0 else {
        throw DataError("Impossible setting: the initialization scale must be finite and ≥ 0 (got \(scale)).")
      }
    case let .gaussian(scale):
      guard scale.isFinite, scale >= 0 else {
        throw DataError("Impossible setting: the initialization scale must be finite and ≥ 0 (got \(scale)).")
      }
    }
  }

  /// Draws a parameter vector for `layout` from `rng`.
  public func initialize<S: HFScalar>(_ layout: ParameterLayout, rng: inout SeededGenerator) -> [S] {
    var theta = [S](repeating: 0, count: layout.count)
    for layer in layout.layers {
      switch self {
      case let .sparse(connections, scale):
        let k = Swift.min(connections, layer.inputs)
        var columns = Array(0..<layer.inputs)
        for unit in 0..<layer.outputs {
          // Partial Fisher–Yates: the first k entries become a uniform random subset.
          for j in 0..<k {
            let pick = j + rng.nextInt(below: layer.inputs - j)
            columns.swapAt(j, pick)
          }
          for j in 0..<k {
            theta[layer.weightOffset + unit * layer.inputs + columns[j]] = S(scale * rng.nextGaussian())
          }
        }
      case let .gaussian(scale):
        let s = scale / Double(layer.inputs).squareRoot()
        for j in 0..<layer.weightCount { theta[layer.weightOffset + j] = S(s * rng.nextGaussian()) }
      }
    }
    return theta
  }
}
