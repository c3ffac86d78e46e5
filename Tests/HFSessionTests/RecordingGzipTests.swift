import CZlib
import Foundation
import HFEngine
import HFRecording
import Testing

/// `bytes` as gzip (zlib's deflate with the gzip wrapper, window bits 15 + 16), in members of at
/// most `memberSize` input bytes each (several members: what `cat a.gz b.gz` makes).
func gzip(_ bytes: [UInt8], memberSize: Int = .max) -> [UInt8] {
  var out: [UInt8] = []
  var start = 0
  repeat {
    let piece = Array(bytes[start..<min(bytes.count, start + min(memberSize, bytes.count))])
    start += piece.count
    var stream = z_stream()
    let status = deflateInit2_(
      &stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    precondition(status == Z_OK)
    defer { deflateEnd(&stream) }
    var input = piece
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(piece.count))) + 64)
    let produced = input.withUnsafeMutableBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        stream.next_in = source.baseAddress
        stream.avail_in = uInt(source.count)
        stream.next_out = target.baseAddress
        stream.avail_out = uInt(target.count)
        precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
        return target.count - Int(stream.avail_out)
      }
    }
    out += output[0..<produced]
  } while start < bytes.count
  return out
}

@Suite("Recording reader: gzip-compressed recordings")
struct RecordingGzipTests {
  static let fixture = repositoryRoot.appendingPathComponent("Tests/HFSessionTests/Fixtures/gzip/sample-tiny.hfrec.jsonl.gz")
  static let sample = repositoryRoot.appendingPathComponent("assets/sample-tiny.hfrec.jsonl")

  /// A recorded tiny run (format 2, CG steps and all) and its bytes.
  func recorded(iterations: Int = 6) throws -> (bytes: [UInt8], run: TinyRecording, scratch: RecordingScratch) {
    let scratch = try RecordingScratch()
    let run = try recordTinyRun(to: scratch.file("run.hfrec.jsonl"), iterations: iterations)
    return (Array(try Data(contentsOf: run.url)), run, scratch)
  }

  @Test("a .gz recording reads as the plain one: every event, the header, no warning; several gzip members too")
  func roundTrip() throws {
    let (bytes, run, scratch) = try recorded()
    defer { scratch.cleanUp() }
    let plain = try RecordingReader.parse(bytes, name: "run")
    for packed in [gzip(bytes), gzip(bytes, memberSize: 4000)] {
      let timeline = try RecordingReader.parse(packed, name: "run.hfrec.jsonl.gz")
      #expect(timeline.header == plain.header)
      #expect(timeline.events.count == plain.events.count && sameRecorded(Array(timeline.events), Array(plain.events)))
      #expect(timeline.reports == run.reports && timeline.reports.count == 6)
      #expect(timeline.faults.isClean && timeline.faults.warnings.isEmpty)
    }
    #expect(gzip(bytes, memberSize: 4000).count > gzip(bytes).count)  // really several members
    // Through the file: open and the header alone.
    let url = scratch.file("run.hfrec.jsonl.gz")
    try Data(gzip(bytes)).write(to: url)
    #expect(try RecordingReader.open(url).reports == run.reports)
    #expect(try RecordingReader.readHeader(url) == plain.header)
    #expect(RecordingReader.isCompressed(url) && !RecordingReader.isCompressed(run.url))
  }

  @Test("the committed fixture, made by gzip -9n from assets/sample-tiny.hfrec.jsonl, reads as the sample")
  func fixtureFromGzipTool() throws {
    let packed = try RecordingReader.open(Self.fixture)
    let plain = try RecordingReader.open(Self.sample)
    #expect(packed.header == plain.header && packed.reports == plain.reports && packed.reports.count == 5)
    #expect(sameRecorded(Array(packed.events), Array(plain.events)) && packed.faults.isClean)
  }

  @Test("a truncated .gz keeps what inflated: a prefix of the iterations, and one warning saying so")
  func truncated() throws {
    let (bytes, run, scratch) = try recorded()
    defer { scratch.cleanUp() }
    let packed = gzip(bytes)
    let cut = Array(packed.prefix(packed.count * 6 / 10))
    let timeline = try RecordingReader.parse(cut, name: "run.hfrec.jsonl.gz")
    let n = timeline.reports.count
    #expect(n >= 1 && n < run.reports.count)
    #expect(timeline.reports == Array(run.reports.prefix(n)))
    let damage = try #require(timeline.faults.compressionDamage)
    #expect(damage.hasPrefix("The file is a truncated gzip file (the compressed data ends early); the "))
    #expect(damage.hasSuffix(" inflated before that point were read, as from a recording cut short."))
    #expect(timeline.faults.warnings.first == damage && !timeline.faults.isClean)
    // The events read are the plain file's first ones, exactly.
    let plain = try RecordingReader.parse(bytes, name: "run")
    #expect(sameRecorded(Array(timeline.events), Array(plain.events.prefix(timeline.events.count))))
  }

  @Test("a .gz damaged in the middle keeps what inflated before the damage, with zlib's reason")
  func corrupt() throws {
    let (bytes, run, scratch) = try recorded()
    defer { scratch.cleanUp() }
    var packed = gzip(bytes)
    for k in (packed.count / 2)..<(packed.count / 2 + 64) { packed[k] ^= 0x5A }
    let timeline = try RecordingReader.parse(packed, name: "run.hfrec.jsonl.gz")
    #expect(timeline.reports == Array(run.reports.prefix(timeline.reports.count)))
    #expect(timeline.reports.count < run.reports.count)
    let damage = try #require(timeline.faults.compressionDamage)
    #expect(damage.hasPrefix("The file is a damaged gzip file (zlib: "), "\(damage)")
  }

  @Test("bytes after the gzip data are ignored with a warning; everything before them reads")
  func trailingBytes() throws {
    let (bytes, run, scratch) = try recorded(iterations: 2)
    defer { scratch.cleanUp() }
    let timeline = try RecordingReader.parse(gzip(bytes) + Array("junk!".utf8), name: "r.gz")
    #expect(timeline.reports == run.reports)
    #expect(timeline.faults.warnings == ["The file has 5 bytes after its gzip data that are not gzip; they were ignored."])
  }

  @Test("a .gz cut before its header line inflates is one sentence, from open, readHeader and parse")
  func nothingReadable() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let packed = Array(try Data(contentsOf: Self.fixture))
    let url = scratch.file("cut.hfrec.jsonl.gz")
    try Data(packed.prefix(40)).write(to: url)
    let expected = RecordingError(
      "\(url.path) is a truncated gzip file (the compressed data ends early); nothing that inflated before the damage is a readable recording.")
    #expect(throws: expected) { try RecordingReader.open(url) }
    #expect(throws: expected) { try RecordingReader.readHeader(url) }
    #expect(throws: RecordingError("g is a truncated gzip file (the compressed data ends early); nothing that inflated before the damage is a readable recording.")) {
      try RecordingReader.parse(Array(packed.prefix(10)), name: "g")
    }
    // gzip of something that is not a recording says so, as the plain file would.
    #expect(throws: RecordingError("notes.gz is not an hfdash recording (its first line is not a recording header).")) {
      try RecordingReader.parse(gzip(Array("hello\nworld\n".utf8)), name: "notes.gz")
    }
  }

  @Test("sessions: .hfrec.jsonl.gz files are listed, summarized from their inflated tail like plain ones")
  func index() throws {
    let (bytes, run, scratch) = try recorded(iterations: 4)
    defer { scratch.cleanUp() }
    let packedURL = scratch.file("2026-11-29T01-02-03-tiny-2.hfrec.jsonl.gz")
    try Data(gzip(bytes)).write(to: packedURL)
    try Data(Array(gzip(bytes).prefix(gzip(bytes).count / 2))).write(to: scratch.file("2026-11-29T01-02-03-tiny-3.hfrec.jsonl.gz"))
    try Data("x".utf8).write(to: scratch.file("other.gz"))
    let list = try RecordingIndex.list(directory: scratch.url)
    #expect(list.map(\.url.lastPathComponent) == [
      "2026-11-29T01-02-03-tiny-3.hfrec.jsonl.gz", "2026-11-29T01-02-03-tiny-2.hfrec.jsonl.gz", "run.hfrec.jsonl",
    ])
    let plain = try #require(list.first { $0.url == run.url })
    let packed = try #require(list.first { $0.url.lastPathComponent.hasSuffix("-2.hfrec.jsonl.gz") })
    #expect(packed.header == plain.header && packed.iterations == 4 && packed.lastReport == run.reports.last)
    #expect(packed.finish == plain.finish && packed.finish != nil && packed.bytes == gzip(bytes).count)
    let cut = try #require(list.first)
    #expect(cut.header == plain.header && (cut.iterations ?? 0) < 4 && cut.finish == nil)
    #expect(RecordingLocation.baseName(of: packedURL) == "2026-11-29T01-02-03-tiny-2")
  }
}
