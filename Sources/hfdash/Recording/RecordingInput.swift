import Foundation
import HFSession
import HFRecording

/// Opening a recording named on the command line: one sentence and a non-zero exit when it cannot
/// be read, a warning on stderr for every kind of damage the reader tolerated.
enum RecordingInput {
  /// The URL of a path as typed (`~` expanded).
  static func url(_ path: String) -> URL {
    URL(fileURLWithPath: NSString(string: path).expandingTildeInPath)
  }

  /// Reads the recording at `path` or exits with the reader's sentence (`code`).
  static func open(_ path: String, code: Int32 = 1) -> (url: URL, timeline: RecordingTimeline) {
    let url = url(path)
    let timeline: RecordingTimeline
    do { timeline = try RecordingReader.open(url) } catch { fail(error.message, code: code) }
    for warning in timeline.faults.warnings { warn("\(url.lastPathComponent): \(warning)") }
    return (url, timeline)
  }

  /// Writes "hfdash: warning: …" on stderr.
  static func warn(_ message: String) {
    FileHandle.standardError.write(Data(("hfdash: warning: " + message + "\n").utf8))
  }
}
