import Foundation
import HFEngine
import Testing

@Suite struct IDXReaderTests {
  /// Three 2×3 images with distinct pixel values, including 0 and 255.
  let pixels: [UInt8] = [0, 255, 51, 102, 153, 204] + [1, 2, 3, 4, 5, 6] + [255, 0, 255, 0, 255, 0]
  var imagesFile: [UInt8] { idxImages(count: 3, rows: 2, columns: 3, pixels: pixels) }

  @Test func readsRawImagesScaledToUnitInterval() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let path = try directory.write(imagesFile, to: "images-idx3-ubyte")
    let images = try IDXReader.readImages(path: path)
    #expect(images.count == 3 && images.rows == 2 && images.columns == 3)
    #expect(images.pixels.count == 18)
    #expect(images.pixels == pixels.map { Float($0) / 255 })
    #expect(images.pixels[0] == 0 && images.pixels[1] == 1 && images.pixels[2] == 0.2)
  }

  @Test func readsGzipImagesAndLabelsIdenticallyToRaw() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let compressed = gzipCompress(imagesFile)
    #expect(compressed[0] == 0x1f && compressed[1] == 0x8b)
    let raw = try IDXReader.readImages(path: directory.write(imagesFile, to: "a"))
    let gzip = try IDXReader.readImages(path: directory.write(compressed, to: "a.gz"))
    #expect(gzip == raw)
    let labels: [UInt8] = [7, 0, 9, 3]
    let labelPath = try directory.write(gzipCompress(idxLabels(labels)), to: "labels.gz")
    #expect(try IDXReader.readLabels(path: labelPath) == [7, 0, 9, 3])
  }

  @Test func readsConcatenatedGzipMembers() throws {
    let file = imagesFile
    let twoMembers = gzipCompress(Array(file[0..<10])) + gzipCompress(Array(file[10...]))
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let images = try IDXReader.readImages(path: directory.write(twoMembers, to: "x.gz"))
    #expect(images.pixels == pixels.map { Float($0) / 255 })
  }

  @Test func decodesLargerImagesExactly() throws {
    var generator = SeededGenerator(seed: 4)
    let bytes = (0..<(50 * 28 * 28)).map { _ in UInt8(generator.nextInt(below: 256)) }
    let file = idxImages(count: 50, rows: 28, columns: 28, pixels: bytes)
    let images = try IDXReader.decodeImages(file, name: "big")
    #expect(images.pixels == bytes.map { Float($0) / 255 })
  }

  @Test func wrongMagicNamesTheFileAndBothNumbers() throws {
    let labels = idxLabels([1, 2, 3])
    #expect(throws: DataError("t.idx has IDX magic 2049, expected 2051 (images).")) {
      try IDXReader.decodeImages(labels, name: "t.idx")
    }
    #expect(throws: DataError("l.idx has IDX magic 2051, expected 2049 (labels).")) {
      try IDXReader.decodeLabels(imagesFile, name: "l.idx")
    }
    let text = Array("hello, world\n".utf8)
    #expect(throws: DataError("h.txt has IDX magic 1751477356, expected 2051 (images).")) {
      try IDXReader.decodeImages(text, name: "h.txt")
    }
    #expect(throws: DataError("e has IDX magic 2049, expected 2051 (images).")) {
      try IDXReader.decodeImages(bigEndian(2049), name: "e")
    }
  }

  @Test func truncatedAndOverlongFilesAreReportedWithSizes() throws {
    let short = Array(imagesFile.dropLast(5))
    #expect(
      throws: DataError(
        "s is truncated: header says 3 images of 2×3 (18 bytes) but the file holds 13 bytes of pixel data.")
    ) { try IDXReader.decodeImages(short, name: "s") }
    let long = imagesFile + [9, 9]
    #expect(
      throws: DataError(
        "l is longer than its header says: 3 images of 2×3 (18 bytes) but the file holds 20 bytes of pixel data.")
    ) { try IDXReader.decodeImages(long, name: "l") }
    #expect(
      throws: DataError(
        "h is truncated: it holds 10 bytes, less than its 16-byte IDX header.")
    ) { try IDXReader.decodeImages(Array(imagesFile.prefix(10)), name: "h") }
    #expect(
      throws: DataError(
        "x is too short to be an IDX file (2 bytes, the header alone needs 8).")
    ) { try IDXReader.decodeLabels([0, 0], name: "x") }
    let labels = Array(idxLabels([1, 2, 3, 4]).dropLast())
    #expect(
      throws: DataError(
        "y is truncated: header says 4 labels (4 bytes) but the file holds 3 bytes of label data.")
    ) { try IDXReader.decodeLabels(labels, name: "y") }
    // Header sizes beyond the limits are refused before the length check (DataFileTests).
    let large = bigEndian(2051) + bigEndian(1000) + bigEndian(1000) + bigEndian(1000)
    #expect(
      throws: DataError(
        "z is truncated: header says 1000 images of 1000×1000 (1000000000 bytes) but the file holds 0 bytes of pixel data.")
    ) { try IDXReader.decodeImages(large, name: "z") }
  }

  @Test func truncatedGzipOfAValidFileIsReported() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    var generator = SeededGenerator(seed: 8)
    let bytes = (0..<5000).map { _ in UInt8(generator.nextInt(below: 256)) }
    let compressed = gzipCompress(idxImages(count: 5, rows: 1000, columns: 1, pixels: bytes))
    let cut = try directory.write(Array(compressed.prefix(compressed.count / 2)), to: "cut.gz")
    #expect(throws: DataError("\(cut) is a truncated gzip file (the compressed data ends early).")) {
      try IDXReader.readImages(path: cut)
    }
  }

  @Test func corruptGzipIsReportedWithZlibsReason() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    var compressed = gzipCompress(imagesFile)
    compressed[2] = 7  // compression method must be 8 (deflate)
    let badHeader = try directory.write(compressed, to: "bad.gz")
    #expect(throws: DataError("\(badHeader) is not a valid gzip file (unknown compression method).")) {
      try IDXReader.readImages(path: badHeader)
    }
    var flipped = gzipCompress(imagesFile)
    flipped[flipped.count - 6] ^= 0xff  // inside the CRC-32 trailer
    let badCRC = try directory.write(flipped, to: "crc.gz")
    #expect(throws: DataError("\(badCRC) is not a valid gzip file (incorrect data check).")) {
      try IDXReader.readImages(path: badCRC)
    }
    let trailing = try directory.write(gzipCompress(imagesFile) + [1, 2, 3], to: "trail.gz")
    #expect(throws: DataError("\(trailing) has 3 bytes of unexpected data after its gzip stream.")) {
      try IDXReader.readImages(path: trailing)
    }
  }

  @Test func missingFilesAndDirectoriesAreReported() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let missing = directory.path + "/nothing-here"
    #expect(throws: DataError("\(missing) does not exist.")) {
      try IDXReader.readImages(path: missing)
    }
    #expect(throws: DataError("\(directory.path) is a directory, not a file.")) {
      try IDXReader.readLabels(path: directory.path)
    }
  }
}
