import Foundation

/// Where a run's data comes from, as written on the command line.
///
/// Syntax: `generated`, `generated:curves` or `generated:curves-v3` (CURVES-like images, the
/// calibrated generator without folded curves: the default), `generated:curves-v2` (the
/// calibrated generator with them), `generated:curves-v1` (the first generator, for old recordings),
/// `generated:tiny` (the tiny preset's 8 × 8 images), `mnist:DIR` (the four MNIST IDX files,
/// raw or .gz) and `csv:FILE`.
public enum DataSource: Sendable, Equatable, CustomStringConvertible {
  /// Generated CURVES-like 28 × 28 images (20000 train, 10000 test) without folded curves,
  /// `CurveStyle.unfolded`: what `generated` means.
  case curvesV3
  /// Generated CURVES with folded curves, `CurveStyle.calibrated` (the default before curves-v3).
  case curvesV2
  /// The first generated CURVES (`CurveStyle.original`), which recordings made before the
  /// calibration name `generated`.
  case curvesV1
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
    case ("generated", nil), ("generated", "curves"), ("generated", "curves-v3"): self = .curvesV3
    case ("generated", "curves-v2"): self = .curvesV2
    case ("generated", "curves-v1"): self = .curvesV1
    case ("generated", "tiny"): self = .tiny
    case ("mnist", let directory?) where !directory.isEmpty: self = .mnist(directory: directory)
    case ("csv", let path?) where !path.isEmpty: self = .csv(path: path)
    default:
      throw DataError(
        "'\(text)' is not a data source; use generated, generated:curves-v2, generated:curves-v1, generated:tiny, mnist:DIR or csv:FILE.")
    }
  }

  /// Parses a recording header's `source`: as `init(parsing:)`, except that the names the first
  /// generated CURVES was written under (`generated`, `generated:curves`) mean that generator,
  /// which every recording made before the calibration used; from then on headers name
  /// the version (`generated:curves-v1`, `-v2`, `-v3`). (The header's data SHA-256 then confirms it.)
  public init(recorded text: String) throws(DataError) {
    switch text {
    case "generated", "generated:curves": self = .curvesV1
    default: try self.init(parsing: text)
    }
  }

  /// The canonical command-line form.
  public var description: String {
    switch self {
    case .curvesV3: "generated:curves-v3"
    case .curvesV2: "generated:curves-v2"
    case .curvesV1: "generated:curves-v1"
    case .tiny: "generated:tiny"
    case .mnist(let directory): "mnist:\(directory)"
    case .csv(let path): "csv:\(path)"
    }
  }

  /// The generator style of a generated CURVES source, nil for any other.
  public var curveStyle: CurveStyle? {
    switch self {
    case .curvesV3: .unfolded
    case .curvesV2: .calibrated
    case .curvesV1: .original
    default: nil
    }
  }

  /// Loads (or generates) the data; `label` is for CSV, `seed` for generated data.
  public func load(kind: DataKind = .autoencoder, label: CSVLabel? = nil, seed: UInt64 = 1, memory: MemoryBudget = .machine)
    throws(DataError) -> DataSplit
  {
    switch self {
    case .curvesV3, .curvesV2, .curvesV1, .tiny:
      guard label == nil else {
        throw DataError("A label column can only be chosen for csv data, not for \(self).")
      }
      guard kind == .autoencoder else {
        throw DataError("Generated data has no labels, so it can only train an autoencoder.")
      }
      guard let style = curveStyle else { return TinyGenerator.make(seed: seed) }
      return CurvesGenerator.make(seed: seed, style: style)
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
