import Foundation
import HFEngine
import HFRecording

/// The published runs shipped in `assets/reference` (Martens' HF and K-FAC runs), found by name,
/// or any reference CSV by path.
enum ReferenceLibrary {
  /// Where the shipped references may be: `$HFDASH_REFERENCE_DIR`, the checkout this binary was built in
  /// (beside `.build`), and `share/hfdash/reference` beside an installed binary.
  static var directories: [URL] { AssetDirectories.candidates("reference", variable: "HFDASH_REFERENCE_DIR") }

  /// The names of the shipped references (file names without `.csv`), sorted.
  static func names() -> [String] {
    for dir in directories {
      guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { continue }
      let names = files.filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }.sorted()
      if !names.isEmpty { return names }
    }
    return []
  }

  /// The reference named `nameOrPath` (a shipped name, or a CSV file), or one sentence saying why not.
  static func load(_ nameOrPath: String) throws(DataError) -> ComparisonRun {
    let candidates: [URL] =
      nameOrPath.contains("/") || nameOrPath.hasSuffix(".csv")
      ? [RecordingInput.url(nameOrPath)] : directories.map { $0.appendingPathComponent(nameOrPath + ".csv") }
    guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
      let known = names()
      throw DataError(
        "There is no reference run '\(nameOrPath)'"
          + (known.isEmpty ? " (no shipped references were found; give a CSV path)." : "; known: \(known.joined(separator: ", ")), or a CSV path."))
    }
    let text: String
    do {
      let values = try url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
      guard values.isRegularFile == true else { throw DataError("\(url.path) is not a regular file.") }
      guard (values.fileSize ?? 0) <= ReferenceRunFile.maxBytes else {
        throw DataError("\(url.path) is larger than \(ReferenceRunFile.maxBytes >> 20) MB; a reference run is one row per iteration.")
      }
      text = try String(contentsOf: url, encoding: .utf8)
    } catch let error as DataError {
      throw error
    } catch {
      throw DataError("\(url.path) cannot be read as UTF-8 text (\(error.localizedDescription)).")
    }
    do { return try ReferenceRunFile.parse(text, name: url.lastPathComponent) } catch { throw DataError(error.message) }
  }
}
