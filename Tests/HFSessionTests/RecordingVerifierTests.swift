import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite("Recording verification")
struct RecordingVerifierTests {
  /// Re-executes `timeline` from its header, applying its recorded max-CG controls at their
  /// iterations when `applyControls` (what the session does in `hfdash verify`).
  func reexecute(
    _ timeline: RecordingTimeline, applyControls: Bool = true, configure: (inout RunSpec) -> Void = { _ in }
  ) throws -> RecordingVerifier {
    var spec = try timeline.header.runSpec()
    configure(&spec)
    let setup = try TrainingSetup(spec)
    try timeline.header.checkData(setup.split!.train)
    var verifier = RecordingVerifier(timeline: timeline)
    for mark in timeline.iterations {
      for c in timeline.appliedControls where applyControls && c.iteration == mark.iteration {
        if case .set(.maxCG, .whole(let n)) = c.control { setup.optimizer.config.cg.maxIterations = n }
      }
      var diverged = false
      setup.optimizer.step { event in
        diverged = verifier.check(event) != nil
        return diverged ? .stop : .proceed
      }
      if diverged { break }
    }
    return verifier
  }

  @Test("re-executing a recorded run with its controls reproduces every engine event exactly")
  func reproduces() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let run = try recordTinyRun(to: scratch.file("run.hfrec.jsonl"), iterations: 4)
    let timeline = try RecordingReader.open(run.url)
    let verifier = try reexecute(timeline)
    #expect(verifier.divergence == nil)
    #expect(verifier.finish() == nil)
    #expect(verifier.isComplete && verifier.checked == run.engineEvents.count)
  }

  @Test("a different λ₀ diverges at iteration 1's start; the report names field and both values")
  func divergesOnLambda() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let run = try recordTinyRun(to: scratch.file("run.hfrec.jsonl"), iterations: 2)
    let verifier = try reexecute(try RecordingReader.open(run.url)) { $0.config.initialLambda = 2 }
    let d = try #require(verifier.divergence)
    #expect(d.eventIndex == 3 && d.iteration == 1 && d.field == "lambda")
    #expect(d.description == "iteration 1: lambda is 1.0 in the recording but 2.0 re-executed.")
  }

  @Test("leaving out a recorded control diverges in the iteration it took effect")
  func divergesWithoutControl() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let run = try recordTinyRun(to: scratch.file("run.hfrec.jsonl"), iterations: 3)
    try #require(run.reports[2].cgReason == .maxIterations, "the cap of 8 must have stopped CG in iteration 3")
    let verifier = try reexecute(try RecordingReader.open(run.url), applyControls: false)
    let d = try #require(verifier.divergence)
    #expect(d.iteration == 3 && d.field == "event")
    #expect(d.recorded == "the end of CG in iteration 3" && d.reexecuted == "CG step 9 of iteration 3")
  }

  @Test("a re-execution that stops early or runs on is reported")
  func lengthMismatch() throws {
    let header = RecordingHeader(setup: try tinySetup(), toolVersion: "test", created: fixedDate)
    let events = try realTinyEvents()
    let timeline = RecordingTimeline(header: header, events: events.map { RecordedEvent(time: 0, event: .engine($0)) })
    var short = RecordingVerifier(timeline: timeline)
    for e in events.dropLast() { short.check(e) }
    #expect(short.finish()?.recorded == "the end of iteration 1")
    #expect(short.finish()?.reexecuted == "the end of the re-execution")
    var long = RecordingVerifier(timeline: timeline)
    for e in events { long.check(e) }
    #expect(long.isComplete)
    #expect(long.check(events[0])?.recorded == "the end of the recording")
  }
}
