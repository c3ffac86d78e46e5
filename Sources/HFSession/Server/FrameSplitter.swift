/// Cuts a byte stream into newline-delimited frames, refusing any frame longer than a limit.
///
/// Bytes arrive in arbitrary pieces (`append`); complete lines come out of `next()`. A line
/// longer than `maxLength` (newline excluded) is an error: the splitter stops (`failed`), since
/// a peer that sends one is broken or hostile and its stream cannot be trusted to resynchronise.
public struct FrameSplitter: Sendable {
  /// Why a stream was refused.
  public enum Failure: Error, Equatable, Sendable {
    /// A frame grew past the limit before its newline.
    case oversized(limit: Int)
  }

  public let maxLength: Int
  private var buffer: [UInt8] = []
  /// Where the next line starts in `buffer`.
  private var start = 0
  /// Where the search for the next newline resumes (everything before it holds none).
  private var scanned = 0
  /// Set once a frame was too long; nothing more comes out.
  public private(set) var failure: Failure?

  /// A splitter for frames of at most `maxLength` bytes.
  public init(maxLength: Int) {
    self.maxLength = max(1, maxLength)
  }

  /// Bytes held that do not yet end a frame (a peer that closes with some is cut mid-frame).
  public var pendingCount: Int { buffer.count - start }

  /// Adds bytes read from the stream.
  public mutating func append(_ bytes: UnsafeRawBufferPointer) {
    guard failure == nil else { return }
    if start > 0 && start * 2 >= buffer.count {
      buffer.removeFirst(start)
      scanned -= start
      start = 0
    }
    buffer.append(contentsOf: bytes)
  }

  /// Adds bytes read from the stream.
  public mutating func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { append($0) }
  }

  /// The next complete frame (without its newline), nil when none is complete yet or after a failure.
  public mutating func next() -> ArraySlice<UInt8>? {
    guard failure == nil else { return nil }
    var i = max(scanned, start)
    while i < buffer.count {
      if buffer[i] == 0x0A {
        guard i - start <= maxLength else {
          failure = .oversized(limit: maxLength)
          return nil
        }
        let line = buffer[start..<i]
        start = i + 1
        scanned = start
        return line
      }
      i += 1
    }
    scanned = i
    if buffer.count - start > maxLength { failure = .oversized(limit: maxLength) }
    return nil
  }
}
