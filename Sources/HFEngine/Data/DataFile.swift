import CZlib
import Foundation

/// Reads a whole data file into memory, transparently decompressing gzip.
public enum DataFile {
  /// The file's bytes; gzip (magic 1f 8b) is detected and inflated. `path` names the file in errors.
  static func read(_ path: String) throws(DataError) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw DataError("\(path) does not exist.")
    }
    guard !isDirectory.boolValue else { throw DataError("\(path) is a directory, not a file.") }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw DataError("\(path) could not be read (\(reason(error))).")
    }
    return try decompressed([UInt8](data), name: path)
  }

  /// `bytes` inflated when they are gzip (magic 1f 8b), as they are otherwise; `name` names them in errors.
  public static func decompressed(_ bytes: [UInt8], name: String) throws(DataError) -> [UInt8] {
    guard bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b else { return bytes }
    switch inflate(bytes) {
    case .success(let output): return output
    case .failure(let problem): throw DataError("\(name) \(problem.message).")
    }
  }

  /// Inflates one or more concatenated gzip members; the failure completes "<file> …".
  static func inflate(_ input: [UInt8]) -> Result<[UInt8], DataError> {
    guard input.count <= Int(UInt32.max) else {
      return .failure(DataError("is too large to decompress in one piece (over 4 GiB)"))
    }
    var stream = z_stream()
    // 15 + 32: maximum window, and accept a gzip or zlib header (auto-detected).
    guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { return .failure(DataError("could not be decompressed (zlib failed to start)")) }
    defer { inflateEnd(&stream) }

    // The gzip trailer's last four bytes hold the uncompressed size modulo 2^32: a capacity hint.
    let tail = input.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
    var output: [UInt8] = []
    output.reserveCapacity(min(max(tail, input.count), 1 << 31))
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    return input.withUnsafeBufferPointer { source -> Result<[UInt8], DataError> in
      stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
      stream.avail_in = uInt(source.count)
      while true {
        let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer in
          stream.next_out = buffer.baseAddress
          stream.avail_out = uInt(buffer.count)
          let status = CZlib.inflate(&stream, Z_NO_FLUSH)
          return (status, buffer.count - Int(stream.avail_out))
        }
        output.append(contentsOf: chunk[0..<produced])
        switch status {
        case Z_OK:
          continue
        case Z_STREAM_END:
          let remaining = Int(stream.avail_in)
          if remaining == 0 { return .success(output) }
          let next = source.count - remaining
          guard remaining >= 2, source[next] == 0x1f, source[next + 1] == 0x8b else {
            return .failure(
              DataError("has \(remaining) bytes of unexpected data after its gzip stream"))
          }
          inflateReset(&stream)  // another gzip member follows
        case Z_BUF_ERROR where stream.avail_in == 0:
          return .failure(DataError("is a truncated gzip file (the compressed data ends early)"))
        default:
          let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
          return .failure(DataError("is not a valid gzip file (\(detail))"))
        }
      }
    }
  }

  private static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code))
    {
      return String(cString: strerror(code.rawValue))
    }
    return nsError.localizedDescription
  }
}
