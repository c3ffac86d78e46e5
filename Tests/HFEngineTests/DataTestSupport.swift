import CZlib
import Foundation

/// A fresh temporary directory for one test, removed by `cleanUp()`.
struct TemporaryDirectory {
  let path: String

  init() throws {
    path = FileManager.default.temporaryDirectory
      .appendingPathComponent("hfdash-data-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Writes `bytes` to `name` inside the directory and returns the file's path.
  @discardableResult
  func write(_ bytes: [UInt8], to name: String) throws -> String {
    let file = (path as NSString).appendingPathComponent(name)
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    return file
  }

  func cleanUp() {
    try? FileManager.default.removeItem(atPath: path)
  }
}

/// `bytes` compressed as one gzip member with zlib's deflate (window bits 15 + 16 = gzip wrapper).
func gzipCompress(_ bytes: [UInt8]) -> [UInt8] {
  var stream = z_stream()
  let status = deflateInit2_(
    &stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
    Int32(MemoryLayout<z_stream>.size))
  precondition(status == Z_OK)
  defer { deflateEnd(&stream) }
  var input = bytes
  var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
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
  return Array(output[0..<produced])
}

/// A big-endian 32-bit word.
func bigEndian(_ value: Int) -> [UInt8] {
  [UInt8(value >> 24 & 0xff), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
}

/// An IDX images file (magic 2051) holding `pixels` as `count × rows × columns` bytes.
func idxImages(count: Int, rows: Int, columns: Int, pixels: [UInt8]) -> [UInt8] {
  bigEndian(2051) + bigEndian(count) + bigEndian(rows) + bigEndian(columns) + pixels
}

/// An IDX labels file (magic 2049).
func idxLabels(_ labels: [UInt8]) -> [UInt8] {
  bigEndian(2049) + bigEndian(labels.count) + labels
}

/// The repository's root, found from this file's path (Tests/HFEngineTests/…).
func repositoryRoot(_ file: String = #filePath) -> URL {
  URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
}
