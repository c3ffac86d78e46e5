import Foundation
import HFEngine
import Testing

/// Only regular files are read as data, named when they are not; sizes in file headers and the
/// memory they imply are bounded before anything is allocated.
@Suite("Data files: kinds, header bounds, memory")
struct DataFileTests {
  @Test("a FIFO, a symbolic link to one and a character device are refused by name (a FIFO never blocks the read)")
  func specialFilesAreRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let fifo = directory.path + "/data.csv"
    #expect(mkfifo(fifo, 0o600) == 0)
    #expect(throws: DataError("\(fifo) is a FIFO, not a regular file.")) { try CSVReader.read(path: fifo) }
    let link = directory.path + "/link.csv"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: fifo)
    #expect(throws: DataError("\(link) is a FIFO, not a regular file.")) { try CSVReader.read(path: link) }
    #expect(throws: DataError("/dev/zero is a character device, not a regular file.")) { try CSVReader.read(path: "/dev/zero") }
    #expect(throws: DataError("/dev/null is a character device, not a regular file.")) {
      try IDXReader.readImages(path: "/dev/null")
    }
    // Through a data source, as the command line gives it.
    #expect(throws: DataError("\(fifo) is a FIFO, not a regular file.")) { try DataSource.csv(path: fifo).load() }
  }

  @Test("a symbolic link to a regular file is read like the file")
  func linkToRegularFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let file = try directory.write(Array("1,2\n3,4\n".utf8), to: "a.csv")
    let link = directory.path + "/b.csv"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
    #expect(try CSVReader.read(path: link).inputs == [1, 2, 3, 4])
  }

  @Test("a gzip file that inflates beyond the memory budget stops inflating at the budget")
  func gzipBombIsStopped() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let bomb = try directory.write(gzipCompress([UInt8](repeating: 0, count: 8 << 20)), to: "bomb.gz")
    #expect(throws: DataError("\(bomb) inflates to more than 4.0 MiB, the memory this machine has.")) {
      try IDXReader.readImages(path: bomb, memory: MemoryBudget(bytes: 4 << 20))
    }
    #expect(throws: DataError("\(bomb) has IDX magic 0, expected 2051 (images).")) {
      try IDXReader.readImages(path: bomb, memory: MemoryBudget(bytes: 16 << 20))
    }
  }

  @Test("a file larger than the budget is refused before it is read")
  func fileLargerThanBudget() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let file = try directory.write([UInt8](repeating: 0x31, count: 3 << 20), to: "big.csv")
    #expect(throws: DataError("Reading \(file) needs 3.0 MiB of memory; this machine has 2.0 MiB.")) {
      try CSVReader.read(path: file, memory: MemoryBudget(bytes: 2 << 20))
    }
  }

  @Test("IDX header sizes are bounded before use: zero or absurd dimensions, too many images or labels")
  func idxHeaderBounds() {
    let absurd = bigEndian(2051) + bigEndian(0x7fff_ffff) + bigEndian(0x7fff_ffff) + bigEndian(0x7fff_ffff)
    #expect(
      throws: DataError(
        "z declares 2147483647 images of 2147483647×2147483647 pixels; an image must have between 1 and 1000000 pixels.")
    ) { try IDXReader.decodeImages(absurd, name: "z") }
    let flat = bigEndian(2051) + bigEndian(3) + bigEndian(0) + bigEndian(28)
    #expect(throws: DataError("f declares 3 images of 0×28 pixels; an image must have between 1 and 1000000 pixels.")) {
      try IDXReader.decodeImages(flat, name: "f")
    }
    let many = bigEndian(2051) + bigEndian(200_000_000) + bigEndian(28) + bigEndian(28)
    #expect(throws: DataError("m declares 200000000 images; a data set holds at most 100000000.")) {
      try IDXReader.decodeImages(many, name: "m")
    }
    let labels = bigEndian(2049) + bigEndian(0x7fff_ffff)
    #expect(throws: DataError("l declares 2147483647 labels; a data set holds at most 100000000.")) {
      try IDXReader.decodeLabels(labels, name: "l")
    }
    // Pixels in memory are 4 bytes per byte of the file: checked against the budget first.
    let pixels = idxImages(count: 300, rows: 28, columns: 28, pixels: [UInt8](repeating: 1, count: 300 * 784))
    #expect(throws: DataError("Decoding p needs 918.8 KiB of memory; this machine has 512.0 KiB.")) {
      try IDXReader.decodeImages(pixels, name: "p", memory: MemoryBudget(bytes: 1 << 19))
    }
  }

  @Test("CSV tables are bounded: the values' memory is checked before they are parsed")
  func csvBounds() {
    let text = (0..<2000).map { _ in "1,2,3,4,5,6,7,8" }.joined(separator: "\n")
    #expect(throws: DataError("Parsing t.csv needs 62.5 KiB of memory; this machine has 32.0 KiB.")) {
      try CSVReader.parse(bytes: Array(text.utf8), name: "t.csv", memory: MemoryBudget(bytes: 32 << 10))
    }
  }
}
