import Foundation
import HFEngine
import HFRecording
import HFSession
import Testing

@Suite struct WireFrameTests {
  @Test func anEventFrameCarriesTheRecordingLineItself() throws {
    let recorded = RecordedEvent(time: 1.5, event: .note(iteration: 3, text: "line\nbreak"))
    let frame = WireFrame.event(recorded)
    var line = RecordingCodec.line(for: recorded)
    #expect(line.removeLast() == 0x0A)
    #expect(frame.payload == line)
    let bytes = frame.bytes
    #expect(bytes.first == UInt8(ascii: "E") && bytes[1] == 0x20 && bytes.last == 0x0A)
    #expect(bytes.dropLast().contains(0x0A) == false)  // the note's newline is escaped in JSON
    let parsed = try #require(WireFrame.parse(bytes.dropLast()))
    #expect(parsed.recordedEvent() == recorded)
  }

  @Test func controlsTravelInTheirCodableForm() throws {
    let request = ControlRequest(.scaleLambda(1.5), source: "key ]")
    let frame = WireFrame(.control, message: request)
    let parsed = try #require(WireFrame.parse(frame.bytes.dropLast()))
    #expect(parsed.kind == .control)
    #expect(parsed.decode(ControlRequest.self) == request)
  }

  @Test func garbageIsNotAFrame() {
    #expect(WireFrame.parse(Array("".utf8)[...]) == nil)
    #expect(WireFrame.parse(Array("C".utf8)[...]) == nil)
    #expect(WireFrame.parse(Array("C{}".utf8)[...]) == nil)  // no space after the tag
    #expect(WireFrame.parse(Array("Q {}".utf8)[...]) == nil)  // unknown tag
    let notJSON = WireFrame.parse(Array("C {nope".utf8)[...])
    #expect(notJSON?.kind == .control && notJSON?.decode(ControlRequest.self) == nil)
    #expect(WireFrame.parse(Array("E {\"k\":\"cg\"}".utf8)[...])?.recordedEvent() == nil)
  }

  @Test func messagesRoundTrip() throws {
    let join = ViewerJoin(name: "alice@box pts/3", mode: .watch)
    let parsedJoin = try #require(WireFrame.parse(WireFrame(.join, message: join).bytes.dropLast()))
    #expect(parsedJoin.decode(ViewerJoin.self) == join)
    #expect(String(decoding: parsedJoin.payload, as: UTF8.self).contains("\"protocolVersion\":1"))
    let status = SessionStatus(
      state: "RUNNING", iteration: 12, preset: "tiny", viewers: ["1 alice"], recordingBadge: nil, recordingError: nil, dropped: 3)
    let parsedStatus = try #require(WireFrame.parse(WireFrame(.status, message: status).bytes.dropLast()))
    #expect(parsedStatus.decode(SessionStatus.self) == status)
  }
}
