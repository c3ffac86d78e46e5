import ArgumentParser
import Foundation
import HFCanvas
import HFDashUI
import HFSession
import HFRecording
import HFTerminal

/// `hfdash replay FILE` (or `--demo`): the dashboard, marked REPLAY, fed from a recording.
struct ReplayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Replay a recorded session in the dashboard (space play/pause, > < speed, → ← one iteration, Home End, q quits).",
    discussion: """
      --demo plays the shipped 300-iteration curves run (assets/runs/\(DemoRecording.fileName)) beside Martens' \
      published run, one HF iteration per frame: the whole story in about a minute.
      """)

  @Argument(help: "The recording (.hfrec.jsonl, or gzip-compressed .hfrec.jsonl.gz); `hfdash sessions` lists them.")
  var file: String?
  @Flag(help: "Replay the shipped long curves run beside Martens' (found in $HFDASH_RUNS_DIR or the checkout's assets/runs).")
  var demo = false
  @Option(help: "Playback speed: 0.25 to 64 (× recorded time), or max (one HF iteration per frame); default 1, with --demo max.")
  var speed: String?
  @OptionGroup var display: DisplayOptions
  @Option(help: ArgumentHelp("Draw a second recording beside this one (e.g. before and after a λ change).", valueName: "file"))
  var compare: String?
  @OptionGroup var comparison: ComparisonOptions

  func validate() throws {
    if demo, let file { throw ValidationError("--demo replays the shipped run; give --demo or \(file), not both.") }
    if !demo, file == nil { throw ValidationError("Missing expected argument '<file>' (or --demo for the shipped run).") }
  }

  func run() throws {
    let rate = speed.map(Self.parseSpeed) ?? (demo ? .infinity : 1)
    let path: String
    if demo {
      do { path = try DemoRecording.locate().path } catch { fail(error.message) }
    } else {
      path = file ?? ""
    }
    let (url, timeline) = RecordingInput.open(path)
    // The demo paces itself (one iteration per frame, the story in about a minute) unless told otherwise.
    let pace = demo && speed == nil && display.refreshMsGiven == nil ? DemoRecording.frameMs(iterations: timeline.iterations.count) : nil
    var player = ReplayPlayer(timeline: timeline, source: url.lastPathComponent, speed: rate)
    if let compare {
      if comparison.reference != nil { fail("--compare and --reference each draw one run beside the replay; give one.", code: 2) }
      let (other, otherTimeline) = RecordingInput.open(compare)
      player.comparison = ComparisonRun(
        reports: otherTimeline.reports, title: other.lastPathComponent, label: "B",
        details: ["recording: \(other.path)"])
    } else {
      // The demo is a curves run: its ghost is that preset's reference (Martens' run).
      player.comparison = comparison.comparison(preset: demo ? DemoRecording.preset : timeline.header.preset)
    }
    guard isatty(0) == 1, isatty(1) == 1 else {
      fail("replay needs a terminal on stdin and stdout; hfdash export \(path) --format asciicast renders it without one.")
    }
    let play = { (screen: TerminalScreen, glyphs: GlyphSet, frameMs: Int) -> DashboardLoop.Exit in
      var state = DashboardState()
      var view = DashboardView()
      let source = ReplaySource(player: player, state: &state, warnings: timeline.faults.warnings)
      return DashboardLoop(screen: screen, glyphs: glyphs, frameMs: frameMs).run(source: source, state: &state, view: &view)
    }
    let exit =
      if let pace { display.withScreen(frameMs: pace) { play($0, $1, pace) } } else { display.withScreen { play($0, $1, display.refreshMs) } }
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
