import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite("Recording size")
struct RecordingBenchmarkTests {
  @Test("a 100 000-event recording opens completely and correctly (time printed, not asserted)")
  func hundredThousandEvents() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let template = try realTinyEvents()
    guard case .iterationStarted = template.first, case .cgStep(var step) = template[1],
      case .cgFinished(var summary) = template[template.count - 2], case .iterationFinished(let report) = template.last
    else {
      Issue.record("unexpected event order in an iteration")
      return
    }
    // The recording does not carry the curvature spectrum (yet): the events written leave it out.
    step.ritzRange = nil
    summary.spectrum = nil
    let header = RecordingHeader(setup: try tinySetup(), toolVersion: "test", created: fixedDate)
    // 1000 iterations × (start + 97 CG steps + CG end + report) = 100 000 events.
    var bytes = RecordingCodec.headerLine(header)
    var expected: [RecordedEvent] = []
    expected.reserveCapacity(100_000)
    var t = 0.0
    for it in 1...1000 {
      func add(_ e: HFEvent) {
        t += 0.001
        let r = RecordedEvent(time: RecordingCodec.roundedTime(t), event: .engine(e))
        expected.append(r)
        bytes += RecordingCodec.line(for: r)
      }
      add(.iterationStarted(iteration: it, lambda: 1 / Double(it)))
      for j in 1...97 {
        var s = step
        s.hfIteration = it
        s.i = j
        s.phi = -Double(j) / 3 / Double(it)
        s.relativeProgress = j <= 10 ? .nan : 1 / Double(j * it)
        s.stored = j % 7 == 0
        add(.cgStep(s))
      }
      var c = summary
      c.hfIteration = it
      add(.cgFinished(c))
      var r = report
      r.iteration = it
      r.objective = 100 / Double(it)
      add(.iterationFinished(r))
    }
    let url = scratch.file("big.hfrec.jsonl")
    try Data(bytes).write(to: url)
    let clock = ContinuousClock()
    var timeline: RecordingTimeline?
    let elapsed = try clock.measure { timeline = try RecordingReader.open(url) }
    let tl = try #require(timeline)
    print("[recording] opened 100000 events (\(bytes.count / 1024) KiB, \(bytes.count / 100_000) bytes/event) in \(elapsed)")
    #expect(tl.events.count == 100_000)
    #expect(tl.faults.isClean)
    #expect(tl.iterations.count == 1000)
    #expect(tl.iterations[499].report.objective == 100 / 500.0)
    #expect(tl.iterations[999].endIndex == 99_999 && tl.iterations[999].startIndex == 99_900)
    // NaN ≠ NaN, so compare event by event with NaN-aware checks on the relative progress.
    var mismatches = 0
    for (a, b) in zip(tl.events, expected) where a != b {
      if case .engine(.cgStep(let x)) = a.event, case .engine(.cgStep(let y)) = b.event, x.relativeProgress.isNaN,
        y.relativeProgress.isNaN, x.phi == y.phi, x.i == y.i, x.hfIteration == y.hfIteration, a.time == b.time
      {
        continue
      }
      mismatches += 1
    }
    #expect(mismatches == 0)
  }
}
