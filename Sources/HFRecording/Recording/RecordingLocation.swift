import Foundation

/// Where recordings live and what they are called.
///
/// Default directory: `$XDG_STATE_HOME/hfdash/sessions/` when XDG_STATE_HOME is an absolute
/// path, else `$HOME/.local/state/hfdash/sessions/` (the XDG Base Directory rules). Files are
/// named `<UTC date and time>-<preset>.hfrec.jsonl`, e.g. `2026-11-29T01-02-03-curves.hfrec.jsonl`;
/// checkpoints go beside them in `<name without .hfrec.jsonl>.checkpoints/`. A recording compressed
/// with gzip keeps the name with `.gz` appended (`….hfrec.jsonl.gz`); it is read, never written.
public enum RecordingLocation {
  /// The extension every recording has.
  public static let fileExtension = ".hfrec.jsonl"
  /// The extension of a gzip-compressed recording.
  public static let compressedFileExtension = ".hfrec.jsonl.gz"

  /// Whether `name` is a recording's file name (`.hfrec.jsonl`, or `.hfrec.jsonl.gz`).
  public static func isRecordingName(_ name: String) -> Bool {
    name.hasSuffix(fileExtension) || name.hasSuffix(compressedFileExtension)
  }
  /// The extension of a recording's checkpoint directory.
  public static let checkpointsExtension = ".checkpoints"

  /// The default recordings directory for `environment`; an error when neither variable helps.
  public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) throws(RecordingError) -> URL {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return URL(fileURLWithPath: state, isDirectory: true).appendingPathComponent("hfdash/sessions", isDirectory: true)
    }
    if let home = environment["HOME"], home.hasPrefix("/") {
      return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".local/state/hfdash/sessions", isDirectory: true)
    }
    throw RecordingError("Cannot choose a place for recordings: neither XDG_STATE_HOME nor HOME is set to an absolute path.")
  }

  /// `2026-11-29T01-02-03-curves.hfrec.jsonl` for `date` (UTC) and `preset` (characters other than letters, digits, `.`, `_`, `-` become `_`).
  public static func fileName(preset: String, date: Date) -> String {
    let safe = String(preset.unicodeScalars.map { s -> Character in
      (s.isASCII && (CharacterSet.alphanumerics.contains(s) || s == "." || s == "_" || s == "-")) ? Character(s) : "_"
    })
    return ISO8601UTC.fileStamp(date) + "-" + (safe.isEmpty ? "session" : safe) + fileExtension
  }

  /// A path in `directory` for a new recording that does not exist yet (`-2`, `-3`, … are
  /// appended before the extension when two sessions start in the same second).
  public static func newRecordingURL(preset: String, date: Date = Date(), in directory: URL) -> URL {
    let name = fileName(preset: preset, date: date)
    let stem = String(name.dropLast(fileExtension.count))
    var candidate = directory.appendingPathComponent(name)
    var n = 2
    while FileManager.default.fileExists(atPath: candidate.path)
      || FileManager.default.fileExists(atPath: checkpointDirectory(forRecording: candidate).path)
    {
      candidate = directory.appendingPathComponent("\(stem)-\(n)\(fileExtension)")
      n += 1
    }
    return candidate
  }

  /// The recording's name without its extension (`2026-11-29T01-02-03-curves`, also of `….hfrec.jsonl.gz`).
  public static func baseName(of recording: URL) -> String {
    var name = recording.lastPathComponent
    if name.hasSuffix(compressedFileExtension) { name.removeLast(3) }
    if name.hasSuffix(fileExtension) { return String(name.dropLast(fileExtension.count)) }
    if name.hasSuffix(".jsonl") { return String(name.dropLast(6)) }
    return name
  }

  /// `<directory>/<base name>.checkpoints/` beside the recording.
  public static func checkpointDirectory(forRecording recording: URL) -> URL {
    recording.deletingLastPathComponent().appendingPathComponent(baseName(of: recording) + checkpointsExtension, isDirectory: true)
  }

  /// A checkpoint path as recorded in `checkpoint` lines, resolved against the recording's directory.
  public static func resolve(checkpointPath path: String, recording: URL) -> URL {
    path.hasPrefix("/") ? URL(fileURLWithPath: path) : recording.deletingLastPathComponent().appendingPathComponent(path)
  }
}
