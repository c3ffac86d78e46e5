import ArgumentParser
import Foundation
import HFEngine
import HFSession
import HFRecording

/// `--record PATH`, `--no-record` and `--checkpoint-every N`, shared by `run` and `train`.
struct RecordingOptions: ParsableArguments {
  @Option(help: "Record to this file (default: a new file in $XDG_STATE_HOME/hfdash/sessions/).")
  var record: String?
  @Flag(help: "Do not record this session.")
  var noRecord = false
  @Option(parsing: .unconditional, help: "Write a checkpoint every N HF iterations (and always at exit); 0 = only at exit.")
  var checkpointEvery: Int = 10

  /// Starts recording `session` (before it starts), or nil with --no-record; errors are one sentence.
  func startRecorder(session: Session, setup: TrainingSetup) throws(DataError) -> LiveRecorder? {
    guard !noRecord else { return nil }
    guard checkpointEvery >= 0 else { throw DataError("--checkpoint-every must be ≥ 0 (got \(checkpointEvery)).") }
    let every = checkpointEvery == 0 ? Int.max : checkpointEvery
    do {
      if let record {
        let url = URL(fileURLWithPath: NSString(string: record).expandingTildeInPath)
        return try LiveRecorder.create(session: session, setup: setup, url: url, toolVersion: HFDashVersion.string, checkpointEvery: every)
      }
      // Another session may take the same name in the same second: the file is created
      // exclusively, so on a clash take the next free name.
      let directory = try RecordingLocation.directory()
      var attempt = 0
      while true {
        let url = RecordingLocation.newRecordingURL(preset: setup.spec.preset.name, in: directory)
        do {
          return try LiveRecorder.create(session: session, setup: setup, url: url, toolVersion: HFDashVersion.string, checkpointEvery: every)
        } catch where attempt < 20 && FileManager.default.fileExists(atPath: url.path) {
          attempt += 1
        }
      }
    } catch {
      throw DataError("Cannot record: \(error.description) (use --no-record to train without recording).")
    }
  }
}
