import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite("Recording: communication time")
struct RecordingCommunicationTests {
  func report() throws -> IterationReport {
    guard case .iterationFinished(let r) = try realTinyEvents().last! else {
      throw RecordingError("the last event of an iteration is its report")
    }
    return r
  }

  func line(_ r: IterationReport) -> [UInt8] {
    RecordingCodec.line(for: RecordedEvent(time: 1, event: .engine(.iterationFinished(r))))
  }

  func decoded(_ bytes: [UInt8]) throws -> IterationReport? {
    guard case .event(let e) = try RecordingCodec.decode(line: bytes), case .engine(.iterationFinished(let r)) = e.event else { return nil }
    return r
  }

  @Test("a one-process iteration writes no communication time (lines as before) and reads it as 0")
  func absentWhenZero() throws {
    let r = try report()
    #expect(r.times.communication == 0)
    let text = String(decoding: line(r), as: UTF8.self)
    #expect(!text.contains("communication"))
    #expect(try decoded(line(r))?.times.communication == 0)
  }

  @Test("a distributed iteration's communication time is written in times and read back")
  func writtenWhenNonzero() throws {
    var r = try report()
    r.times.communication = 0.125
    let text = String(decoding: line(r), as: UTF8.self)
    #expect(text.contains(#""communication":0.125"#))
    #expect(try decoded(line(r))?.times == r.times)
  }

  @Test("IterationReport's JSON (train --json) decodes without a communication time")
  func jsonWithoutCommunication() throws {
    let json = #"{"gradient":1,"cg":2,"backtracking":3,"lineSearch":4,"evaluation":5,"total":15}"#
    let times = try JSONDecoder().decode(PhaseTimes.self, from: Data(json.utf8))
    #expect(times.total == 15 && times.communication == 0)
  }
}
