import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite("SHA-256 and the data fingerprint")
struct RecordingSHA256Tests {
  @Test("NIST FIPS 180-4 examples: \"abc\", the empty string, the 448-bit message, a million a's")
  func nistVectors() {
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(
      SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("hashing in pieces of any size gives the one-shot digest (block and padding boundaries)")
  func incremental() {
    var rng = SeededGenerator(seed: 7)
    for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 1000] {
      let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      let whole = SHA256.hash(bytes)
      for piece in [1, 3, 63, 64, 100] {
        var h = SHA256()
        var i = 0
        while i < bytes.count {
          h.update(Array(bytes[i..<min(bytes.count, i + piece)]))
          i += piece
        }
        #expect(h.finalize() == whole, "length \(length), pieces of \(piece)")
      }
    }
  }

  @Test("agrees with sha256sum on a 1 MB file")
  func matchesSha256sum() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    var rng = SeededGenerator(seed: 3)
    let bytes = (0..<(1 << 20) + 17).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    let file = scratch.file("random.bin")
    try Data(bytes).write(to: file)
    let tool = try #require(findExecutable("sha256sum"), "sha256sum (coreutils) is needed for this test")
    let result = try runProgram(tool, [file.path])
    #expect(result.status == 0)
    #expect(result.output.split(separator: " ").first.map(String.init) == SHA256.hex(bytes))
  }

  @Test("the fingerprint is SHA-256 of the inputs' then the targets' little-endian float32 bytes")
  func fingerprintDefinition() {
    let data = Dataset(inputs: [1, -2, 0.5, 3], targets: [0.25, 1e-3], count: 2, inputWidth: 2, targetWidth: 1, source: "test")
    var bytes: [UInt8] = []
    for v in data.inputs + data.targets {
      let b = v.bitPattern
      bytes += [UInt8(b & 0xFF), UInt8((b >> 8) & 0xFF), UInt8((b >> 16) & 0xFF), UInt8(b >> 24)]
    }
    #expect(DataFingerprint.sha256(of: data) == SHA256.hex(bytes))
    // 1.0f is 00 00 80 3f in little-endian order.
    #expect(Array(bytes[0..<4]) == [0x00, 0x00, 0x80, 0x3F])
    var swapped = data
    swapped.targets = [1e-3, 0.25]
    #expect(DataFingerprint.sha256(of: swapped) != DataFingerprint.sha256(of: data))
  }

  @Test("a run's header fingerprints the training set as loaded, before the run's shuffle")
  func headerFingerprint() throws {
    let setup = try tinySetup()
    let header = RecordingHeader(setup: setup, toolVersion: "test", created: fixedDate)
    let loaded = try DataSource.tiny.load(seed: 1)
    #expect(header.dataFingerprint == DataFingerprint.sha256(of: loaded.train))
    #expect(header.dataFingerprint.count == 64)
    try header.checkData(loaded.train)
    var other = loaded.train
    other.inputs[0] += 1
    #expect(throws: RecordingError.self) { try header.checkData(other) }
  }
}
