/// What a labelled data set is loaded for: reconstruction or classification.
public enum DataKind: String, Sendable, Equatable, CaseIterable {
  /// Targets are the inputs themselves (a deep autoencoder).
  case autoencoder
  /// Targets are one-hot class vectors and `labels` holds the class numbers.
  case classifier
}

extension Dataset {
  /// One-hot rows (`labels.count × classes`) for the given class numbers, each in 0..<classes.
  public static func oneHot(_ labels: [Int], classes: Int) -> [Float] {
    var targets = [Float](repeating: 0, count: labels.count * classes)
    for (row, label) in labels.enumerated() {
      precondition(label >= 0 && label < classes, "class \(label) is outside 0..<\(classes)")
      targets[row * classes + label] = 1
    }
    return targets
  }
}
