import Foundation

/// Where a run's data comes from, as written on the command line.
///
/// Syntax: `generated` or `generated:curves` (CURVES-like images), `generated:tiny` (the tiny
/// preset's 8 × 8 images), `mnist:DIR` (the four MNIST IDX files, raw or .gz) and `csv:FILE`.
public enum DataSource: Sendable, Equatable, CustomStringConvertible {
  /// Generated CURVES-like 28 × 28 images (20000 train, 10000 test).
  case curves
  /// Generated 8 × 8 bars and blobs (1000 train, 200 test).
  case tiny
  /// MNIST from a directory.
  case mnist(directory: String)
  /// A numeric CSV file (no test set).
  case csv(path: String)

  /// Parses the command-line syntax; the error lists the accepted forms.
  public init(parsing text: String) throws(DataError) {
    let (scheme, argument) =
      text.firstIndex(of: ":").map { (String(text[..<$0]), String(text[text.index(after: $0)...])) }
      ?? (text, nil)
    switch (scheme, argument) {
    case ("generated", nil), ("generated", "curves"): self = .curves
    case ("generated", "tiny"): self = .tiny
    case ("mnist", let directory?) where !directory.isEmpty: self = .mnist(directory: directory)
    case ("csv", let path?) where !path.isEmpty: self = .csv(path: path)
    default:
      throw DataError(
        "'\(text)' is not a data source; use generated, generated:tiny, mnist:DIR or csv:FILE.")
    }
  }

  /// The canonical command-line form.
  public var description: String {
    switch self {
    case .curves: "generated"
    case .tiny: "generated:tiny"
    case .mnist(let directory): "mnist:\(directory)"
    case .csv(let path): "csv:\(path)"
    }
  }

  /// Loads (or generates) the data; `label` is for CSV, `seed` for generated data.
  public func load(kind: DataKind = .autoencoder, label: CSVLabel? = nil, seed: UInt64 = 1, memory: MemoryBudget = .machine)
    throws(DataError) -> DataSplit
  {
    switch self {
    case .curves, .tiny:
      guard label == nil else {
        throw DataError("A label column can only be chosen for csv data, not for \(self).")
      }
      guard kind == .autoencoder else {
        throw DataError("Generated data has no labels, so it can only train an autoencoder.")
      }
      return self == .curves ? CurvesGenerator.make(seed: seed) : TinyGenerator.make(seed: seed)
    case .mnist(let directory):
      guard label == nil else {
        throw DataError("A label column can only be chosen for csv data, not for \(self).")
      }
      return try MNISTLoader.load(directory: Self.expandingTilde(directory), kind: kind, memory: memory)
    case .csv(let path):
      let split = try CSVReader.read(path: Self.expandingTilde(path), label: label, kind: kind, memory: memory)
      return DataSplit(train: split, test: nil)
    }
  }

  /// `~/x` → `$HOME/x` (a shell leaves a tilde after `mnist:` or `csv:` alone).
  private static func expandingTilde(_ path: String) -> String {
    NSString(string: path).expandingTildeInPath
  }
}
