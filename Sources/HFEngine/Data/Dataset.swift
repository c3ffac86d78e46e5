import Foundation

/// A data set in memory: `count` cases, each an input row and a target row (row-major `Float`).
public struct Dataset: Sendable {
  /// Inputs, `count × inputWidth`, row-major.
  public var inputs: [Float]
  /// Targets, `count × targetWidth`, row-major (for autoencoders, the inputs again).
  public var targets: [Float]
  /// Class labels when the data has them (MNIST digits, a CSV label column).
  public var labels: [Int]?
  public let count: Int
  public let inputWidth: Int
  public let targetWidth: Int
  /// Where the data came from, for headers and recordings ("generated curves seed 1", "mnist:/path").
  public var source: String

  public init(
    inputs: [Float], targets: [Float], labels: [Int]? = nil, count: Int, inputWidth: Int,
    targetWidth: Int, source: String
  ) {
    precondition(inputs.count == count * inputWidth && targets.count == count * targetWidth)
    self.inputs = inputs
    self.targets = targets
    self.labels = labels
    self.count = count
    self.inputWidth = inputWidth
    self.targetWidth = targetWidth
    self.source = source
  }
}

/// A training set with an optional held-out test set.
public struct DataSplit: Sendable {
  public var train: Dataset
  public var test: Dataset?
  public init(train: Dataset, test: Dataset?) {
    self.train = train
    self.test = test
  }
}

/// A problem with user-supplied data, described in one sentence for the command line.
public struct DataError: Error, CustomStringConvertible, Equatable, Sendable {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

extension Dataset {
  /// One sentence when the data overflows single precision once squared — a value above
  /// √Float.max ≈ 1.8e19, or a case whose squared values sum beyond Float.max — so the loss
  /// and its curvature cannot be finite (iterations will be rejected); nil otherwise. `name`
  /// begins the sentence ("The training data").
  public func overflowWarning(name: String) -> String? {
    let limit = Double(Float.greatestFiniteMagnitude)
    var largest = 0.0, largestCase = 0.0
    for values in [inputs, targets] {
      let width = values.count / Swift.max(count, 1)
      guard width > 0 else { continue }
      values.withUnsafeBufferPointer { v in
        for r in 0..<count {
          var squares = 0.0
          for j in (r * width)..<((r + 1) * width) {
            let x = Double(v[j])
            largest = Swift.max(largest, abs(x))
            squares += x * x
          }
          largestCase = Swift.max(largestCase, squares)
        }
      }
    }
    guard largestCase > limit else { return nil }
    let shown = { (x: Double) in String(format: "%.2g", x) }
    if largest * largest > limit {
      return "\(name) (\(source)) holds values up to \(shown(largest)) in magnitude, whose squares overflow single precision (above \(shown(limit.squareRoot()))): the loss and its curvature will not be finite, so iterations will be rejected."
    }
    return "\(name) (\(source)) has a case whose squared values sum to \(shown(largestCase)), beyond single precision's \(shown(limit)): the loss will not be finite, so iterations will be rejected."
  }
}
