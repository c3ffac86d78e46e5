import Foundation
import HFDashUI
import HFSession
import HFTerminal
import HFRecording
import HFCanvas

/// Renders a recording's replay into an asciicast v2 stream: the dashboard after every HF
/// iteration and at every note and alarm (with a marker), at the recorded times with idle gaps
/// longer than `idleLimit` seconds shortened to it.
struct AsciicastExport {
  let timeline: RecordingTimeline
  let name: String
  let width: Int
  let height: Int
  let color: Bool
  let glyphs: GlyphSet
  /// The longest pause between two frames, in seconds.
  var idleLimit = 2.0

  /// A point to draw: show `events[..<position]`, with these marker labels.
  struct Point {
    var position: Int
    var markers: [String]
  }

  /// Where frames go, in order: the start, every iteration's end, every note and alarm.
  func points(startPosition: Int) -> [Point] {
    var byPosition: [Int: [String]] = [startPosition: []]
    for mark in timeline.iterations { byPosition[mark.endIndex + 1, default: []] += [] }
    for m in timeline.markers {
      let label: String
      switch m.kind {
      case .note: label = "note (iteration \(m.iteration)): \(m.label)"
      case .alarm, .warning: label = "alarm (iteration \(m.iteration)): \(m.label)"
      default: continue
      }
      byPosition[m.eventIndex + 1, default: []].append(label)
    }
    return byPosition.keys.sorted().map { Point(position: $0, markers: byPosition[$0]!) }
  }

  /// Writes the cast, one line at a time, to `write`.
  func write(to write: (String) -> Void) {
    let writer = AsciicastWriter(
      width: width, height: height, title: "hfdash replay " + name, timestamp: timeline.header.created)
    write(writer.headerLine() + "\n")
    var player = ReplayPlayer(timeline: timeline, source: name, speed: 1, playing: true)
    var state = DashboardState()
    player.begin(&state)
    let view = DashboardView()
    var previous: AsciicastFrame?
    var castTime = 0.0
    var lastRecorded: Double?
    for point in points(startPosition: player.startPosition) {
      player.seek(toEvent: point.position, state: &state)
      let recorded = player.playhead
      if let lastRecorded { castTime += min(idleLimit, max(0, recorded - lastRecorded)) }
      lastRecorded = recorded
      let canvas = Dashboard.render(state: state, view: view, width: width, height: height, glyphs: glyphs)
      let frame = AsciicastFrame(time: castTime, lines: ANSIText.lines(canvas, color: color), markers: point.markers)
      for line in writer.eventLines(for: frame, over: previous) { write(line + "\n") }
      previous = frame
    }
  }
}
