import Foundation
import HFEngine
import Testing

@Suite struct MNISTLoaderTests {
  /// Writes a small MNIST-shaped directory: `train` and `test` cases of 2×2 images, labels i % 10.
  func writeMNIST(
    in directory: TemporaryDirectory, train: Int = 12, test: Int = 5, gzip: Bool,
    trainLabels: [UInt8]? = nil
  ) throws {
    func images(_ count: Int, offset: Int) -> [UInt8] {
      idxImages(
        count: count, rows: 2, columns: 2,
        pixels: (0..<(count * 4)).map { UInt8(($0 * 17 + offset) % 256) })
    }
    let labels = trainLabels ?? (0..<train).map { UInt8($0 % 10) }
    let files: [(String, [UInt8])] = [
      ("train-images-idx3-ubyte", images(train, offset: 0)),
      ("train-labels-idx1-ubyte", idxLabels(labels)),
      ("t10k-images-idx3-ubyte", images(test, offset: 100)),
      ("t10k-labels-idx1-ubyte", idxLabels((0..<test).map { UInt8(9 - $0 % 10) })),
    ]
    for (name, bytes) in files {
      if gzip {
        try directory.write(gzipCompress(bytes), to: name + ".gz")
      } else {
        try directory.write(bytes, to: name)
      }
    }
  }

  @Test func loadsAutoencoderDataFromRawFiles() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    try writeMNIST(in: directory, gzip: false)
    let split = try MNISTLoader.load(directory: directory.path)
    #expect(split.train.count == 12 && split.train.inputWidth == 4 && split.train.targetWidth == 4)
    #expect(split.train.targets == split.train.inputs)
    let expected: [Float] = [0, 17, 34, 51].map { $0 / 255 }
    #expect(Array(split.train.inputs[0..<4]) == expected)
    #expect(split.train.labels == (0..<12).map { $0 % 10 })
    #expect(split.test?.count == 5)
    #expect(split.test?.inputs.first == Float(100) / 255)
    #expect(split.test?.labels == [9, 8, 7, 6, 5])
    #expect(split.train.source == "mnist:\(directory.path)")
  }

  @Test func loadsClassifierDataFromGzipFilesWithOneHotTargets() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    try writeMNIST(in: directory, gzip: true)
    let split = try MNISTLoader.load(directory: directory.path, kind: .classifier)
    #expect(split.train.targetWidth == 10 && split.train.targets.count == 120)
    for row in 0..<12 {
      let target = Array(split.train.targets[(row * 10)..<(row * 10 + 10)])
      #expect(target == (0..<10).map { $0 == row % 10 ? 1 : 0 })
    }
    let raw = try TemporaryDirectory()
    defer { raw.cleanUp() }
    try writeMNIST(in: raw, gzip: false)
    #expect(try MNISTLoader.load(directory: raw.path).train.inputs == split.train.inputs)
  }

  @Test func reportsMissingDirectoryAndFiles() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let nowhere = directory.path + "/absent"
    #expect(throws: DataError("MNIST directory \(nowhere) does not exist.")) {
      try MNISTLoader.load(directory: nowhere)
    }
    try writeMNIST(in: directory, gzip: true)
    try FileManager.default.removeItem(atPath: directory.path + "/t10k-labels-idx1-ubyte.gz")
    #expect(
      throws: DataError(
        "MNIST directory \(directory.path) has neither t10k-labels-idx1-ubyte nor t10k-labels-idx1-ubyte.gz.")
    ) { try MNISTLoader.load(directory: directory.path) }
  }

  @Test func reportsImageLabelCountMismatchAndBadLabels() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    try writeMNIST(in: directory, gzip: false, trainLabels: Array(repeating: 1, count: 11))
    let images = directory.path + "/train-images-idx3-ubyte"
    let labels = directory.path + "/train-labels-idx1-ubyte"
    #expect(throws: DataError("\(images) holds 12 images but \(labels) holds 11 labels.")) {
      try MNISTLoader.load(directory: directory.path)
    }
    try writeMNIST(in: directory, gzip: false, trainLabels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 0])
    #expect(throws: DataError("\(labels) has label 12 at index 10, not a digit 0–9.")) {
      try MNISTLoader.load(directory: directory.path, kind: .classifier)
    }
  }

  @Test func wrongFileUnderAStandardNameIsReported() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    try writeMNIST(in: directory, gzip: true)
    // Labels saved under the images' name.
    try directory.write(gzipCompress(idxLabels([1, 2])), to: "train-images-idx3-ubyte.gz")
    let path = directory.path + "/train-images-idx3-ubyte.gz"
    #expect(throws: DataError("\(path) has IDX magic 2049, expected 2051 (images).")) {
      try MNISTLoader.load(directory: directory.path)
    }
  }

  /// The committed subset: the first 1000 training and 200 test images and labels of MNIST.
  static var subsetDirectory: String {
    repositoryRoot().appendingPathComponent("Tests/HFEngineTests/Fixtures/mnist-subset").path
  }

  /// Byte values of an image row, as in the IDX file.
  static func bytes(_ values: ArraySlice<Float>) -> [Int] { values.map { Int(($0 * 255).rounded()) } }

  @Test("the committed MNIST subset: 1000 + 200 real images with known labels, class counts and pixels")
  func loadsTheCommittedSubset() throws {
    let split = try MNISTLoader.load(directory: Self.subsetDirectory, kind: .classifier)
    let test = try #require(split.test)
    #expect(split.train.count == 1000 && test.count == 200)
    #expect(split.train.inputWidth == 784 && split.train.targetWidth == 10)
    #expect(split.train.labels?.prefix(10) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
    #expect(split.train.labels?.suffix(5) == [7, 6, 0, 3, 6])
    #expect(test.labels?.prefix(10) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
    var counts = [Int](repeating: 0, count: 10)
    for label in split.train.labels ?? [] { counts[label] += 1 }
    #expect(counts == [97, 116, 99, 93, 105, 92, 94, 117, 87, 100])
    counts = [Int](repeating: 0, count: 10)
    for label in test.labels ?? [] { counts[label] += 1 }
    #expect(counts == [17, 28, 16, 16, 28, 20, 20, 24, 10, 21])
    // The first training image (a 5): row 14 holds the bytes 81 240 253 253 119 25 at columns 13–18.
    let first = split.train.inputs[0..<784]
    #expect(Self.bytes(first[(14 * 28 + 13)..<(14 * 28 + 19)]) == [81, 240, 253, 253, 119, 25])
    #expect(first.filter { $0 > 0 }.count == 166)
    #expect(Self.bytes(first).reduce(0, +) == 27525)
    #expect(Self.bytes(split.train.inputs[(999 * 784)...]).reduce(0, +) == 25612)
    #expect(Self.bytes(test.inputs[(199 * 784)...]).reduce(0, +) == 37987)
    #expect(Self.bytes(split.train.inputs[...]).reduce(0, +) == 25_637_533)
    #expect(Self.bytes(test.inputs[...]).reduce(0, +) == 4_757_429)
    // One-hot targets follow the labels.
    #expect(Array(split.train.targets[0..<10]) == [0, 0, 0, 0, 0, 1, 0, 0, 0, 0])
    // The autoencoder form shares the pixels as targets.
    let autoencoder = try MNISTLoader.load(directory: Self.subsetDirectory)
    #expect(autoencoder.train.targets == split.train.inputs && autoencoder.train.inputs == split.train.inputs)
  }

  /// The full data set in the directory `$HFDASH_MNIST_DIR` names, when it is set (the tests read
  /// nothing outside the repository otherwise); without it, the same checks run on the committed
  /// subset's share of them.
  @Test("the full MNIST in $HFDASH_MNIST_DIR if set (else the subset): counts, labels, pixels, and the subset is its prefix")
  func loadsTheFullMNISTWhenGiven() throws {
    let full = ProcessInfo.processInfo.environment["HFDASH_MNIST_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    let present = full != nil
    let split = try MNISTLoader.load(directory: full ?? Self.subsetDirectory, kind: .classifier)
    let test = try #require(split.test)
    #expect(split.train.inputWidth == 784 && split.train.targetWidth == 10)
    #expect(split.train.labels?.prefix(10) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
    #expect(test.labels?.prefix(10) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
    let first = split.train.inputs[0..<784]
    #expect(first.filter { $0 > 0 }.count == 166)
    #expect(abs(first.reduce(0, +) - Float(27525) / 255) < 1e-3)
    #expect(split.train.inputs.min() == 0 && split.train.inputs.max() == 1)
    guard present else {
      #expect(split.train.count == 1000 && test.count == 200)
      return
    }
    #expect(split.train.count == 60000 && test.count == 10000)
    var counts = [Int](repeating: 0, count: 10)
    for label in split.train.labels ?? [] { counts[label] += 1 }
    #expect(counts == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
    // Mean pixel intensity of the training set (bytes summed exactly, then / 255).
    let mean = split.train.inputs.reduce(0.0) { $0 + Double($1) } / Double(60000 * 784)
    #expect(abs(mean - 0.130660476) < 1e-6)
    // The committed subset is exactly the first 1000 training and 200 test cases.
    let subset = try MNISTLoader.load(directory: Self.subsetDirectory, kind: .classifier)
    #expect(subset.train.inputs == Array(split.train.inputs[0..<(1000 * 784)]))
    #expect(subset.train.labels == Array(split.train.labels?.prefix(1000) ?? []))
    #expect(subset.test?.inputs == Array(test.inputs[0..<(200 * 784)]))
    #expect(subset.test?.labels == Array(test.labels?.prefix(200) ?? []))
  }
}
