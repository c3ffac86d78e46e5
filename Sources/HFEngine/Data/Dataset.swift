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
