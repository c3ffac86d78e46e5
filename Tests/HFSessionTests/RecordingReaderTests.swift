import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite("Recording reader")
struct RecordingReaderTests {
  /// The bytes of a recorded tiny run.
  func recordedBytes(iterations: Int = 3) throws -> (bytes: [UInt8], run: TinyRecording, scratch: RecordingScratch) {
    let scratch = try RecordingScratch()
    let run = try recordTinyRun(to: scratch.file("run.hfrec.jsonl"), iterations: iterations)
    return (Array(try Data(contentsOf: run.url)), run, scratch)
  }

  func lines(_ bytes: [UInt8]) -> [[UInt8]] {
    bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
  }

  @Test("a cut-off last line (a crash mid-write) drops only that line, with a warning")
  func truncatedLastLine() throws {
    let (bytes, run, scratch) = try recordedBytes()
    defer { scratch.cleanUp() }
    let full = try RecordingReader.parse(bytes, name: "run")
    let cut = Array(bytes.dropLast(7))
    let timeline = try RecordingReader.parse(cut, name: "run")
    #expect(timeline.events.count == full.events.count - 1)
    #expect(sameRecorded(timeline.events, Array(full.events.dropLast())))
    #expect(timeline.faults.truncatedLastLine)
    let n = lines(bytes).count - 1
    #expect(timeline.faults.warnings == ["The last line (line \(n)) is incomplete, as after a crash; everything before it was read."])
    #expect(timeline.reports == run.reports)
  }

  @Test("an unreadable line in the middle is skipped and counted; reading continues")
  func damagedMiddleLines() throws {
    let (bytes, _, scratch) = try recordedBytes()
    defer { scratch.cleanUp() }
    var ls = lines(bytes)
    let full = try RecordingReader.parse(bytes, name: "run")
    ls[5] = Array(ls[5].prefix(ls[5].count / 2))  // cut in half
    ls[9] = Array("garbage {".utf8)
    let damaged = Array(ls.joined(separator: [0x0A]))
    let timeline = try RecordingReader.parse(damaged, name: "run")
    #expect(timeline.faults.skippedLines == 2)
    #expect(timeline.faults.skippedLineNumbers == [6, 10])
    #expect(!timeline.faults.truncatedLastLine)
    #expect(timeline.events.count == full.events.count - 2)
    #expect(timeline.faults.warnings == ["2 damaged lines were skipped (line 6, 10)."])
    #expect(sameRecorded([timeline.events.last!], [full.events.last!]))
  }

  @Test("events of unknown kinds are ignored and counted")
  func unknownKinds() throws {
    let (bytes, _, scratch) = try recordedBytes(iterations: 1)
    defer { scratch.cleanUp() }
    var ls = lines(bytes)
    ls.insert(Array(#"{"t":0.5,"k":"telemetry","gpu":3}"#.utf8), at: 2)
    ls.insert(Array(#"{"t":0.6,"k":"telemetry","gpu":4}"#.utf8), at: 3)
    ls.insert(Array(#"{"t":0.7,"k":"hologram"}"#.utf8), at: 4)
    let timeline = try RecordingReader.parse(Array(ls.joined(separator: [0x0A])), name: "run")
    #expect(timeline.faults.unknownEvents == 3 && timeline.faults.unknownKinds == ["hologram", "telemetry"])
    #expect(timeline.faults.skippedLines == 0)
    #expect(timeline.faults.warnings == ["3 events of kinds this hfdash does not know (hologram, telemetry) were ignored."])
  }

  @Test("a newer format version is an error naming both versions")
  func newerVersion() throws {
    let (bytes, _, scratch) = try recordedBytes(iterations: 1)
    defer { scratch.cleanUp() }
    let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: #""version":1,"#, with: #""version":7,"#)
    #expect(
      throws: RecordingError("x.hfrec.jsonl: recording format version 7 is newer than this hfdash understands (1); upgrade hfdash.")
    ) { try RecordingReader.parse(Array(text.utf8), name: "x.hfrec.jsonl") }
  }

  @Test("a file that is not a recording, an empty file and a cut-off header are clear errors")
  func notARecording() throws {
    #expect(throws: RecordingError("notes.txt is not an hfdash recording (its first line is not a recording header).")) {
      try RecordingReader.parse(Array("hello\nworld\n".utf8), name: "notes.txt")
    }
    #expect(throws: RecordingError("data.json is not an hfdash recording (its first line is not a recording header).")) {
      try RecordingReader.parse(Array(#"{"format":"something-else","version":1}"#.utf8 + [0x0A]), name: "data.json")
    }
    #expect(throws: RecordingError("e is not an hfdash recording (it is empty).")) { try RecordingReader.parse([], name: "e") }
    #expect(throws: RecordingError("c is a damaged hfdash recording (its header line is cut off or garbled).")) {
      try RecordingReader.parse(Array(#"{"format":"hfdash-recording","version":1,"tool_ver"#.utf8), name: "c")
    }
    #expect(throws: RecordingError("/nonexistent/r.hfrec.jsonl does not exist.")) {
      try RecordingReader.open(URL(fileURLWithPath: "/nonexistent/r.hfrec.jsonl"))
    }
  }

  @Test("the timeline indexes iterations, markers and times for seeking")
  func timelineIndex() throws {
    let (_, run, scratch) = try recordedBytes(iterations: 4)
    defer { scratch.cleanUp() }
    let timeline = try RecordingReader.open(run.url)
    #expect(timeline.iterations.map(\.iteration) == [1, 2, 3, 4])
    for mark in timeline.iterations {
      guard case .engine(.iterationStarted(let i, _)) = timeline.events[mark.startIndex].event,
        case .engine(.iterationFinished(let r)) = timeline.events[mark.endIndex].event
      else {
        Issue.record("iteration \(mark.iteration) boundaries point at the wrong events")
        continue
      }
      #expect(i == mark.iteration && r == mark.report && mark.run == 1)
      #expect(timeline.iterationPosition(mark.iteration) == mark.iteration - 1)
      #expect(timeline.iterationMark(atOrBefore: mark.endIndex) == mark)
      #expect(timeline.iterationMark(atOrBefore: mark.endIndex - 1)?.iteration == (mark.iteration == 1 ? nil : mark.iteration - 1))
    }
    #expect(timeline.iterationPosition(5) == nil)
    #expect(timeline.markers.map(\.kind) == [.start, .note, .control, .finish])
    let note = timeline.markers[1]
    #expect(note.iteration == 2 && note.label == "λ settles, \"quoted\", comma")
    #expect(timeline.markers[2].label == "max CG 50 → 8 (from iteration 3)")
    #expect(timeline.appliedControls.map(\.control) == [.setMaxCG(8)])
    #expect(timeline.finish == RunFinish(reason: .iterationLimit, iteration: 4, message: "reached 4 iterations"))
    #expect(timeline.eventCount(through: -1) == 0)
    #expect(timeline.eventCount(through: timeline.duration) == timeline.events.count)
    let mid = timeline.events[timeline.events.count / 2].time
    let n = timeline.eventCount(through: mid)
    #expect(timeline.events[n - 1].time <= mid && (n == timeline.events.count || timeline.events[n].time > mid))
  }

  @Test("a restart inside a session starts run 2; iteration lookups default to the last run")
  func restartRuns() throws {
    let header = RecordingHeader(setup: try tinySetup(), toolVersion: "test", created: fixedDate)
    let events = try realTinyEvents()
    var recorded: [RecordedEvent] = [RecordedEvent(time: 0, event: .started(header.sessionDescription))]
    recorded += events.map { RecordedEvent(time: 1, event: .engine($0)) }
    recorded.append(RecordedEvent(time: 2, event: .started(header.sessionDescription)))
    recorded += events.map { RecordedEvent(time: 3, event: .engine($0)) }
    let timeline = RecordingTimeline(header: header, events: recorded)
    #expect(timeline.iterations.map(\.run) == [1, 2])
    #expect(timeline.runCount == 2)
    #expect(timeline.iterationPosition(1) == 1 && timeline.iterationPosition(1, run: 1) == 0)
  }
}
