/// An output non-linearity with its matching loss (Schraudolph 2002), so that ∂L/∂z = ŷ − t
/// and the Gauss-Newton matrix is positive semi-definite.
public enum OutputLoss: String, Codable, Sendable, CaseIterable {
  /// Linear outputs with ½‖z − t‖².
  case linearSquaredError
  /// Logistic outputs with binary cross-entropy.
  case logisticCrossEntropy
  /// Softmax outputs with multinomial cross-entropy.
  case softmaxCrossEntropy

  /// Turns pre-activations z (rows × width) into outputs ŷ in place and returns Σ loss (in Double).
  /// Computed from z so saturated units give finite losses.
  func activateAndLoss<S: HFScalar>(
    _ z: UnsafeMutablePointer<S>, targets t: UnsafePointer<S>, rows: Int, width: Int
  ) -> Double {
    var total = 0.0
    let n = rows * width
    switch self {
    case .linearSquaredError:
      for j in 0..<n {
        let d = Double(z[j]) - Double(t[j])
        total += 0.5 * d * d
      }
    case .logisticCrossEntropy:
      for j in 0..<n {
        let v = z[j]
        let tv = Double(t[j])
        let dv = Double(v)
        // −[t log σ(v) + (1−t) log(1−σ(v))] = max(v,0) − v·t + log(1 + e^−|v|)
        total += Swift.max(dv, 0) - dv * tv + Double(S.log1p(S.exp(-Swift.abs(v))))
        z[j] = Activation.sigmoid(v)
      }
    case .softmaxCrossEntropy:
      for r in 0..<rows {
        let row = z + r * width
        let tr = t + r * width
        var mx = row[0]
        for j in 1..<width where row[j] > mx { mx = row[j] }
        var sum: S = 0
        for j in 0..<width {
          let e = S.exp(row[j] - mx)
          sum += e
        }
        let logSum = Double(mx) + Double(S.log(sum))
        for j in 0..<width {
          let tv = Double(tr[j])
          if tv != 0 { total -= tv * (Double(row[j]) - logSum) }
        }
        for j in 0..<width { row[j] = S.exp(row[j] - mx) / sum }
      }
    }
    return total
  }

  /// Adds the bias b to the pre-activations z (rows × width), turns them into outputs ŷ in place
  /// and returns Σ loss and Σ error, one fused pass per row. Per-unit terms are formed in S (with
  /// vectorizable exp/log1p) into `scratch` (2·width values) and summed in Double.
  @inline(__always)
  func activate<S: HFScalar>(
    _ z: UnsafeMutablePointer<S>, bias b: UnsafePointer<S>, targets t: UnsafePointer<S>, rows: Int, width: Int,
    scratch: UnsafeMutablePointer<S>
  ) -> (loss: Double, error: Double) {
    if self == .softmaxCrossEntropy {
      for r in 0..<rows {
        let row = z + r * width
        for j in 0..<width { row[j] += b[j] }
      }
      let loss = activateAndLoss(z, targets: t, rows: rows, width: width)
      return (loss, errorSum(outputs: z, targets: t, rows: rows, width: width))
    }
    let lossTerms = scratch, errorTerms = scratch + width
    var loss = 0.0, error = 0.0
    for r in 0..<rows {
      let row = z + r * width, tr = t + r * width
      if self == .logisticCrossEntropy {
        S.logisticCrossEntropy(row, bias: b, targets: tr, loss: lossTerms, error: errorTerms, count: width)
      } else {
        for j in 0..<width {
          let v = row[j] + b[j]
          let d = v - tr[j]
          lossTerms[j] = d * d / 2
          errorTerms[j] = d * d
          row[j] = v
        }
      }
      loss += VectorMath.sumInDouble(lossTerms, width)
      error += VectorMath.sumInDouble(errorTerms, width)
    }
    return (loss, error)
  }

  /// u ← H_L · u in place, given the outputs ŷ (for matching pairs H_L·Rz = Rŷ).
  func applyLossCurvature<S: HFScalar>(
    _ u: UnsafeMutablePointer<S>, outputs y: UnsafePointer<S>, rows: Int, width: Int
  ) {
    switch self {
    case .linearSquaredError:
      break
    case .logisticCrossEntropy:
      for j in 0..<(rows * width) { u[j] *= y[j] * (1 - y[j]) }
    case .softmaxCrossEntropy:
      for r in 0..<rows {
        let ur = u + r * width
        let yr = y + r * width
        var dot: S = 0
        for j in 0..<width { dot += yr[j] * ur[j] }
        for j in 0..<width { ur[j] = yr[j] * (ur[j] - dot) }
      }
    }
  }

  /// Error measure summed over rows: squared error Σ‖ŷ − t‖² (autoencoders, Martens 2010),
  /// or the number of misclassified rows (softmax classifiers).
  func errorSum<S: HFScalar>(outputs y: UnsafePointer<S>, targets t: UnsafePointer<S>, rows: Int, width: Int) -> Double {
    var total = 0.0
    if self == .softmaxCrossEntropy {
      for r in 0..<rows {
        var best = 0, bestT = 0
        for j in 1..<width {
          if y[r * width + j] > y[r * width + best] { best = j }
          if t[r * width + j] > t[r * width + bestT] { bestT = j }
        }
        if best != bestT { total += 1 }
      }
    } else {
      for j in 0..<(rows * width) {
        let d = Double(y[j]) - Double(t[j])
        total += d * d
      }
    }
    return total
  }

  /// What `errorSum` measures, for display.
  public var errorName: String { self == .softmaxCrossEntropy ? "classification error" : "squared error" }
}
