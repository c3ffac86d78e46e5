import ArgumentParser
import Foundation
import HFDashUI
import HFSession

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

  func run() throws {
    let rate = Self.parseSpeed(speed)
    let (url, timeline) = RecordingInput.open(file)
    guard isatty(0) == 1, isatty(1) == 1 else {
      fail("replay needs a terminal on stdin and stdout; hfdash export \(file) --format asciicast renders it without one.")
    }
    let player = ReplayPlayer(timeline: timeline, source: url.lastPathComponent, speed: rate)
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
