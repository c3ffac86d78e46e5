import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite("Recording locations and the sessions list")
struct RecordingLocationTests {
  @Test("XDG_STATE_HOME wins when absolute; otherwise ~/.local/state; neither is an error")
  func defaultDirectory() throws {
    #expect(
      try RecordingLocation.directory(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"]).path == "/x/state/hfdash/sessions")
    #expect(try RecordingLocation.directory(environment: ["HOME": "/home/u"]).path == "/home/u/.local/state/hfdash/sessions")
    // Relative XDG paths are invalid per the XDG spec and are ignored; so is an empty one.
    #expect(
      try RecordingLocation.directory(environment: ["XDG_STATE_HOME": "rel/state", "HOME": "/home/u"]).path
        == "/home/u/.local/state/hfdash/sessions")
    #expect(
      try RecordingLocation.directory(environment: ["XDG_STATE_HOME": "", "HOME": "/home/u"]).path
        == "/home/u/.local/state/hfdash/sessions")
    #expect(
      throws: RecordingError("Cannot choose a place for recordings: neither XDG_STATE_HOME nor HOME is set to an absolute path.")
    ) { try RecordingLocation.directory(environment: [:]) }
  }

  @Test("files are named by UTC date and preset; checkpoints go beside them")
  func names() throws {
    #expect(RecordingLocation.fileName(preset: "curves", date: fixedDate) == "2026-11-29T01-02-03-curves.hfrec.jsonl")
    #expect(RecordingLocation.fileName(preset: "a b/c", date: fixedDate) == "2026-11-29T01-02-03-a_b_c.hfrec.jsonl")
    let url = URL(fileURLWithPath: "/s/2026-11-29T01-02-03-curves.hfrec.jsonl")
    #expect(RecordingLocation.checkpointDirectory(forRecording: url).path == "/s/2026-11-29T01-02-03-curves.checkpoints")
    #expect(RecordingLocation.resolve(checkpointPath: "a.checkpoints/iter-000002", recording: url).path == "/s/a.checkpoints/iter-000002")
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let first = RecordingLocation.newRecordingURL(preset: "tiny", date: fixedDate, in: scratch.url)
    #expect(first.lastPathComponent == "2026-11-29T01-02-03-tiny.hfrec.jsonl")
    try Data().write(to: first)
    let second = RecordingLocation.newRecordingURL(preset: "tiny", date: fixedDate, in: scratch.url)
    #expect(second.lastPathComponent == "2026-11-29T01-02-03-tiny-2.hfrec.jsonl")
  }

  @Test("the sessions list reads header and tail: date, preset, iterations, final objective, newest first")
  func sessionsList() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let run = try recordTinyRun(to: scratch.file("2026-11-29T01-02-03-tiny.hfrec.jsonl"), iterations: 3)
    // An older, crashed recording (no end line, a cut-off last line).
    let older = scratch.file("2026-11-28T00-00-00-tiny.hfrec.jsonl")
    var header = run.header
    header.created = fixedDate.addingTimeInterval(-86400)
    let w = try RecordingWriter(creating: older, header: header)
    for e in run.engineEvents.prefix(while: { if case .iterationFinished(let r) = $0 { r.iteration < 2 } else { true } }) {
      w.append(.engine(e), time: 1)
    }
    w.append(.engine(run.engineEvents[1]), time: 2)
    w.close()
    let handle = try FileHandle(forWritingTo: older)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(#"{"t":3,"k":"cg","i":2,"j""#.utf8))
    try handle.close()
    try Data("not a recording\n".utf8).write(to: scratch.file("2026-01-01T00-00-00-x.hfrec.jsonl"))
    try Data("ignored".utf8).write(to: scratch.file("notes.txt"))

    let list = try RecordingIndex.list(directory: scratch.url)
    #expect(list.map(\.url.lastPathComponent) == [
      "2026-11-29T01-02-03-tiny.hfrec.jsonl", "2026-11-28T00-00-00-tiny.hfrec.jsonl", "2026-01-01T00-00-00-x.hfrec.jsonl",
    ])
    let newest = list[0], crashed = list[1], foreign = list[2]
    let newestPreset = newest.preset, newestCreated = newest.created
    #expect(newestPreset == "tiny")
    #expect(newestCreated == fixedDate)
    let newestIterations = newest.iterations, newestObjective = newest.finalObjective
    #expect(newestIterations == 3)
    #expect(newestObjective == run.reports[2].objective)
    let newestFinish = newest.finish
    #expect(newestFinish?.reason == .iterationLimit)
    #expect(newest.bytes == run.writer.bytesWritten)
    let crashedIterations = crashed.iterations, crashedObjective = crashed.finalObjective
    #expect(crashedIterations == 1)
    #expect(crashedObjective == run.reports[0].objective)
    #expect(crashed.finish == nil)
    #expect(foreign.header == nil)
    let problem = foreign.problem ?? ""
    #expect(problem.contains("is not an hfdash recording"))
    #expect(try RecordingIndex.list(directory: scratch.file("missing")) == [])
  }

  @Test("sessions started in the same second are listed by their -2, -3, … suffix, newest first")
  func sameSecond() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let header = RecordingHeader(setup: try tinySetup(), toolVersion: "test", created: fixedDate)
    var names: [String] = []
    for _ in 0..<11 {
      let url = RecordingLocation.newRecordingURL(preset: "tiny", date: fixedDate, in: scratch.url)
      try RecordingWriter(creating: url, header: header).close()
      names.append(url.lastPathComponent)
    }
    #expect(names[1] == "2026-11-29T01-02-03-tiny-2.hfrec.jsonl" && names[10] == "2026-11-29T01-02-03-tiny-11.hfrec.jsonl")
    #expect(try RecordingIndex.list(directory: scratch.url).map(\.url.lastPathComponent) == names.reversed())
  }
}
