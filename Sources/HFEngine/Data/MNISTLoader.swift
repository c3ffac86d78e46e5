import Foundation

/// Loads MNIST from a directory holding the four standard IDX files, raw or gzip-compressed.
///
/// File names: `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`,
/// `t10k-labels-idx1-ubyte`, each optionally with `.gz` (the raw file wins when both exist).
public enum MNISTLoader {
  /// The four standard base names: train images, train labels, test images, test labels.
  public static let fileNames = (
    trainImages: "train-images-idx3-ubyte", trainLabels: "train-labels-idx1-ubyte",
    testImages: "t10k-images-idx3-ubyte", testLabels: "t10k-labels-idx1-ubyte"
  )

  /// Number of digit classes.
  public static let classes = 10

  /// MNIST's training and test sets; `.autoencoder` sets targets = inputs, `.classifier` one-hot digits.
  public static func load(directory: String, kind: DataKind = .autoencoder, memory: MemoryBudget = .machine)
    throws(DataError) -> DataSplit
  {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else { throw DataError("MNIST directory \(directory) does not exist.") }
    let source = "mnist:\(directory)"
    let train = try loadPart(
      directory: directory, images: fileNames.trainImages, labels: fileNames.trainLabels,
      kind: kind, source: source, memory: memory)
    let test = try loadPart(
      directory: directory, images: fileNames.testImages, labels: fileNames.testLabels,
      kind: kind, source: source, memory: memory)
    return DataSplit(train: train, test: test)
  }

  private static func loadPart(
    directory: String, images imagesName: String, labels labelsName: String, kind: DataKind,
    source: String, memory: MemoryBudget
  ) throws(DataError) -> Dataset {
    let imagesPath = try locate(imagesName, in: directory)
    let labelsPath = try locate(labelsName, in: directory)
    let images = try IDXReader.readImages(path: imagesPath, memory: memory)
    let labels = try IDXReader.readLabels(path: labelsPath, memory: memory)
    guard images.count == labels.count else {
      throw DataError(
        "\(imagesPath) holds \(images.count) images but \(labelsPath) holds \(labels.count) labels.")
    }
    if let index = labels.firstIndex(where: { $0 >= classes }) {
      throw DataError("\(labelsPath) has label \(labels[index]) at index \(index), not a digit 0–9.")
    }
    let width = images.rows * images.columns
    switch kind {
    case .autoencoder:
      return Dataset(
        inputs: images.pixels, targets: images.pixels, labels: labels, count: images.count,
        inputWidth: width, targetWidth: width, source: source)
    case .classifier:
      return Dataset(
        inputs: images.pixels, targets: Dataset.oneHot(labels, classes: classes), labels: labels,
        count: images.count, inputWidth: width, targetWidth: classes, source: source)
    }
  }

  /// The path of `name` or `name.gz` in `directory`.
  private static func locate(_ name: String, in directory: String) throws(DataError) -> String {
    let base = URL(fileURLWithPath: directory).appendingPathComponent(name).path
    for candidate in [base, base + ".gz"] where FileManager.default.fileExists(atPath: candidate) {
      return candidate
    }
    throw DataError("MNIST directory \(directory) has neither \(name) nor \(name).gz.")
  }
}
