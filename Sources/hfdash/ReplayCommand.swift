import ArgumentParser
import Foundation
import HFDashUI
import HFSession
import HFRecording

/// `hfdash replay FILE`: the dashboard, marked REPLAY, fed from a recording.
struct ReplayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Replay a recorded session in the dashboard (space play/pause, > < speed, → ← one iteration, Home End, q quits).")

  @Argument(help: "The recording (.hfrec.jsonl); `hfdash sessions` lists them.")
  var file: String
  @Option(help: "Playback speed: 0.25 to 64 (× recorded time), or max (one HF iteration per frame).")
  var speed: String = "1"
  @OptionGroup var display: DisplayOptions
  @Option(help: ArgumentHelp("Draw a second recording beside this one (e.g. before and after a λ change).", valueName: "file"))
  var compare: String?
  @OptionGroup var comparison: ComparisonOptions

  func run() throws {
    let rate = Self.parseSpeed(speed)
    let (url, timeline) = RecordingInput.open(file)
    var player = ReplayPlayer(timeline: timeline, source: url.lastPathComponent, speed: rate)
    if let compare {
      if comparison.reference != nil { fail("--compare and --reference each draw one run beside the replay; give one.", code: 2) }
      let (other, otherTimeline) = RecordingInput.open(compare)
      player.comparison = ComparisonRun(
        reports: otherTimeline.reports, title: other.lastPathComponent, label: "B",
        details: ["recording: \(other.path)"])
    } else {
      player.comparison = comparison.comparison(preset: timeline.header.preset)
    }
    guard isatty(0) == 1, isatty(1) == 1 else {
      fail("replay needs a terminal on stdin and stdout; hfdash export \(file) --format asciicast renders it without one.")
    }
    let exit = display.withScreen { screen, glyphs in
      var state = DashboardState()
      var view = DashboardView()
      let source = ReplaySource(player: player, state: &state, warnings: timeline.faults.warnings)
      return DashboardLoop(screen: screen, glyphs: glyphs, frameMs: display.refreshMs).run(source: source, state: &state, view: &view)
    }
    if case .signal(let s) = exit { Foundation.exit(128 + s) }
  }

  /// "max" or a number from 0.25 to 64; anything else is a usage error.
  static func parseSpeed(_ text: String) -> Double {
    if text.lowercased() == "max" { return .infinity }
    guard let v = Double(text), v.isFinite, v >= ReplayPlayer.slowest, v <= ReplayPlayer.fastest else {
      fail("--speed must be a number from 0.25 to 64 or max (got \(text)).", code: 2)
    }
    return v
  }
}
