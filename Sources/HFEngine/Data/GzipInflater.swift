import CZlib

/// zlib's inflate over one or more concatenated gzip members (files joined with `cat`): the one
/// loop behind gzip data files (`DataFile`) and compressed recordings. It never throws; the
/// caller decides what each ending means (a data file refuses a truncation, a recording keeps
/// what inflated before it).
public enum GzipInflater {
  /// How the compressed input ended.
  public enum Ending: Equatable, Sendable {
    /// Every member ended and nothing follows.
    case complete
    /// `untilNewline`: the chunk holding the first newline was inflated.
    case reachedNewline
    /// The compressed data ends early.
    case truncated
    /// zlib found the data invalid (its reason).
    case damaged(String)
    /// Bytes after the last member that do not start another member.
    case trailing(Int)
    /// The output would pass `limit` (the bytes hold the first `limit`).
    case overLimit
  }

  /// The inflated bytes and how the input ended.
  public struct Output: Sendable {
    public var bytes: [UInt8]
    public var ending: Ending
  }

  /// Inflates `input`: gzip members (and zlib streams when `acceptZlib`), at most `limit` bytes,
  /// reserving `reserve`; with `untilNewline` it stops after the chunk that holds a newline.
  /// nil when zlib does not start.
  public static func inflate(
    _ input: [UInt8], limit: Int, reserve: Int, acceptZlib: Bool = false, untilNewline: Bool = false
  ) -> Output? {
    var stream = z_stream()
    // 15: the largest window; +16 gzip framing only, +32 gzip or zlib (detected).
    guard inflateInit2_(&stream, 15 + (acceptZlib ? 32 : 16), zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { return nil }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    output.reserveCapacity(Swift.max(0, Swift.min(reserve, limit)))
    var chunk = [UInt8](repeating: 0, count: 1 << 18)
    let ending = input.withUnsafeBufferPointer { source -> Ending in
      stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
      stream.avail_in = uInt(source.count)
      while true {
        let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer in
          stream.next_out = buffer.baseAddress
          stream.avail_out = uInt(buffer.count)
          let status = CZlib.inflate(&stream, Z_NO_FLUSH)
          return (status, buffer.count - Int(stream.avail_out))
        }
        guard produced <= limit - output.count else {
          output.append(contentsOf: chunk[0..<(limit - output.count)])
          return .overLimit
        }
        output.append(contentsOf: chunk[0..<produced])
        if untilNewline, chunk[0..<produced].contains(0x0A) { return .reachedNewline }
        switch status {
        case Z_OK:
          continue
        case Z_STREAM_END:
          let remaining = Int(stream.avail_in)
          if remaining == 0 { return .complete }
          let next = source.count - remaining
          guard remaining >= 2, source[next] == 0x1f, source[next + 1] == 0x8b else { return .trailing(remaining) }
          inflateReset(&stream)  // another gzip member follows
        case Z_BUF_ERROR where stream.avail_in == 0:
          return .truncated
        default:
          return .damaged(stream.msg.map { String(cString: $0) } ?? "zlib error \(status)")
        }
      }
    }
    return Output(bytes: output, ending: ending)
  }
}
