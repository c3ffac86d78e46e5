/// Inputs and targets in the engine's scalar type, rows contiguous, with stable addresses.
// @unchecked Sendable: written once when loaded, then only read (by every shard and racer).
public final class DataMatrix<S: HFScalar>: @unchecked Sendable {
  public let inputs: Buffer<S>
  public let targets: Buffer<S>
  public let count: Int
  public let inputWidth: Int
  public let targetWidth: Int

  /// Whether `targets` is `inputs` (autoencoders: one copy of the data serves both).
  public var targetsAreInputs: Bool { targets === inputs }

  /// Copies `data`, optionally reordering its rows by `order` (a permutation of 0..<count). When
  /// the targets equal the inputs (autoencoders) they share one buffer.
  public init(_ data: Dataset, order: [Int]? = nil) {
    count = data.count
    inputWidth = data.inputWidth
    targetWidth = data.targetWidth
    inputs = Buffer(count: count * inputWidth)
    let shared = inputWidth == targetWidth && Self.sameValues(data.inputs, data.targets)
    targets = shared ? inputs : Buffer(count: count * targetWidth)
    data.inputs.withUnsafeBufferPointer { src in
      data.targets.withUnsafeBufferPointer { tgt in
        for r in 0..<count {
          let from = order?[r] ?? r
          for j in 0..<inputWidth { inputs.pointer[r * inputWidth + j] = S(src[from * inputWidth + j]) }
          if !shared {
            for j in 0..<targetWidth { targets.pointer[r * targetWidth + j] = S(tgt[from * targetWidth + j]) }
          }
        }
      }
    }
  }

  /// a == b, answered without reading the elements when both share storage.
  private static func sameValues(_ a: [Float], _ b: [Float]) -> Bool {
    guard a.count == b.count else { return false }
    let sameStorage = a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress } }
    return sameStorage || a == b
  }

  /// Input row `r`.
  @inline(__always) func inputRow(_ r: Int) -> UnsafeMutablePointer<S> { inputs.pointer + r * inputWidth }
  /// Target row `r`.
  @inline(__always) func targetRow(_ r: Int) -> UnsafeMutablePointer<S> { targets.pointer + r * targetWidth }
}

/// Which curvature matrix CG uses.
public enum CurvatureType: String, Codable, Sendable, CaseIterable {
  /// Generalized Gauss-Newton G = Jᵀ H_L J (Schraudolph 2002), positive semi-definite.
  case gaussNewton
  /// The true Hessian (Pearlmutter's R-operator); may be indefinite.
  case hessian
  /// The empirical Fisher Σ g_c g_cᵀ / m.
  case fisher

  /// Short name for the screen ("GN", "Hessian", "Fisher").
  public var shortName: String {
    switch self {
    case .gaussNewton: "GN"
    case .hessian: "Hessian"
    case .fisher: "Fisher"
    }
  }
}

/// Sums over a set of cases: loss, error and how many cases.
public struct EvaluationSums: Sendable, Equatable {
  public var loss: Double
  public var error: Double
  /// Cases (or scored outputs) the loss is averaged over.
  public var count: Int
  /// Outputs the error is averaged over (differs from `count` when a model trains on more
  /// outputs than it scores, e.g. the random-permutation task scores only the last step).
  public var errorCount: Int
  public init(loss: Double = 0, error: Double = 0, count: Int = 0, errorCount: Int? = nil) {
    self.loss = loss
    self.error = error
    self.count = count
    self.errorCount = errorCount ?? count
  }
  static func + (a: EvaluationSums, b: EvaluationSums) -> EvaluationSums {
    EvaluationSums(loss: a.loss + b.loss, error: a.error + b.error, count: a.count + b.count, errorCount: a.errorCount + b.errorCount)
  }
  /// Mean loss per case.
  public var meanLoss: Double { count > 0 ? loss / Double(count) : .nan }
  /// Mean error per scored output.
  public var meanError: Double { errorCount > 0 ? error / Double(errorCount) : .nan }
}
