import Foundation
import HFEngine

/// The long run `hfdash replay --demo` plays: `curves` for 300 HF iterations, shipped gzip-compressed
/// in `assets/runs/` and found like the reference runs (`$HFDASH_RUNS_DIR`, the checkout, an install).
enum DemoRecording {
  /// The shipped recording's file name.
  static let fileName = "curves-300.hfrec.jsonl.gz"
  /// The environment variable naming the folder that holds it.
  static let variable = "HFDASH_RUNS_DIR"
  /// The preset whose reference run the demo draws beside the recording (Martens' run on CURVES).
  static let preset = "curves"
  /// The wall time the whole story should take at one HF iteration per frame.
  static let storySeconds = 60
  /// The frame intervals the demo may choose (milliseconds).
  static let frameRange = 50...1000

  /// Where the shipped recording may be, in the order tried.
  static func directories(environment: [String: String] = ProcessInfo.processInfo.environment) -> [URL] {
    AssetDirectories.candidates("runs", variable: variable, environment: environment)
  }

  /// The shipped recording in the first of `dirs` that has it, or one sentence saying where it was looked for.
  static func locate(in dirs: [URL] = directories()) throws(DataError) -> URL {
    let files = dirs.map { $0.appendingPathComponent(fileName).standardizedFileURL }
    if let found = files.first(where: { FileManager.default.fileExists(atPath: $0.path) }) { return found }
    var seen = Set<String>()
    let looked = files.map { $0.deletingLastPathComponent().path }.filter { seen.insert($0).inserted }
    throw DataError(
      "The demo recording \(fileName) is not installed (looked in \(looked.joined(separator: ", "))); "
        + "set \(variable) to the folder that holds it, or replay any recording with hfdash replay FILE.")
  }

  /// The frame interval that shows `iterations` HF iterations, one per frame, in about
  /// `storySeconds` (200 ms for 300), within `frameRange`.
  static func frameMs(iterations: Int) -> Int {
    min(frameRange.upperBound, max(frameRange.lowerBound, storySeconds * 1000 / max(1, iterations)))
  }
}
