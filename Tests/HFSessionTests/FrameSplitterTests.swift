import HFSession
import Testing

@Suite struct FrameSplitterTests {
  @Test func framesCutAnywhereComeOutWhole() {
    var s = FrameSplitter(maxLength: 100)
    let stream = Array("C {\"a\":1}\nN \"hi\"\n\nV {}\n".utf8)
    var out: [String] = []
    // One byte at a time: every boundary falls inside some frame.
    for b in stream {
      s.append([b])
      while let line = s.next() { out.append(String(decoding: line, as: UTF8.self)) }
    }
    #expect(out == ["C {\"a\":1}", "N \"hi\"", "", "V {}"])
    #expect(s.pendingCount == 0 && s.failure == nil)
  }

  @Test func severalFramesInOneRead() {
    var s = FrameSplitter(maxLength: 10)
    s.append(Array("a\nbb\nccc\ndd".utf8))
    #expect(s.next().map { String(decoding: $0, as: UTF8.self) } == "a")
    #expect(s.next().map { String(decoding: $0, as: UTF8.self) } == "bb")
    #expect(s.next().map { String(decoding: $0, as: UTF8.self) } == "ccc")
    #expect(s.next() == nil)
    #expect(s.pendingCount == 2)  // "dd": a frame cut off (truncated if the stream ends here)
    s.append(Array("\n".utf8))
    #expect(s.next().map { String(decoding: $0, as: UTF8.self) } == "dd")
  }

  @Test func aFrameAtTheLimitPassesOneByteMoreIsRefused() {
    var ok = FrameSplitter(maxLength: 8)
    ok.append(Array("12345678\n".utf8))
    #expect(ok.next()?.count == 8)
    var long = FrameSplitter(maxLength: 8)
    long.append(Array("123456789\n".utf8))
    #expect(long.next() == nil)
    #expect(long.failure == .oversized(limit: 8))
    // Refused for good: later valid frames do not come out of a broken stream.
    long.append(Array("ok\n".utf8))
    #expect(long.next() == nil)
  }

  @Test func anEndlessFrameIsRefusedBeforeItsNewline() {
    var s = FrameSplitter(maxLength: 1000)
    for _ in 0..<10 { s.append([UInt8](repeating: 0x41, count: 150)) }
    #expect(s.next() == nil)
    #expect(s.failure == .oversized(limit: 1000))
  }
}
