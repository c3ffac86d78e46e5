import HFEngine

/// Recordings compressed with gzip (`.hfrec.jsonl.gz`, e.g. the shipped long run): recognized by
/// their magic bytes, whatever their name, and inflated with zlib. What inflated before a
/// truncation or damage is kept, so a cut-off `.gz` reads like a recording cut short.
enum RecordingGzip {
  /// What inflating gave: the bytes, and what was wrong with the compressed data (nil when it was whole).
  struct Inflated {
    var bytes: [UInt8]
    var damage: Damage?

    /// The warning for the reader's faults (nil when the data was whole).
    var warning: String? {
      switch damage {
      case nil: nil
      case .cut(let what):
        "The file \(what); the \(MemoryBudget.amount(bytes.count, roundingUp: false)) inflated before that point were read, as from a recording cut short."
      case .trailing(let count):
        "The file has \(count) byte\(count == 1 ? "" : "s") after its gzip data that \(count == 1 ? "is" : "are") not gzip; \(count == 1 ? "it was" : "they were") ignored."
      }
    }
  }

  /// What was wrong with the compressed data.
  enum Damage: Equatable {
    /// The stream ends early or is damaged; completes "<file> …" ("is a truncated gzip file (…)").
    case cut(String)
    /// Bytes after the last gzip member that are not gzip.
    case trailing(Int)
  }

  /// Whether `bytes` start with gzip's magic number (1f 8b).
  static func isGzip(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.count >= 2 && bytes[bytes.startIndex] == 0x1f && bytes[bytes.startIndex + 1] == 0x8b
  }

  /// The bytes of every gzip member in `input`, inflated: at most `limit` bytes of output, and
  /// only up to the first newline when `firstLine` (a header read, which stops quietly at the
  /// limit). `name` names the file in errors. Throws only when nothing can be read (zlib does not
  /// start, or the whole output would pass `limit`); a damaged or truncated stream returns what
  /// inflated before the damage.
  static func inflate(_ input: [UInt8], name: String, limit: Int, firstLine: Bool = false) throws(RecordingError) -> Inflated {
    guard input.count <= Int(UInt32.max) else {
      throw RecordingError("\(name) is too large to decompress in one piece (over 4 GiB).")
    }
    // Recordings are text of few distinct keys: they compress about tenfold. A hint only, bounded.
    let reserve = Swift.min(Swift.max(input.count, 1) * 8, 1 << 28)
    guard let inflated = GzipInflater.inflate(input, limit: limit, reserve: reserve, untilNewline: firstLine) else {
      throw RecordingError("\(name) could not be decompressed (zlib failed to start).")
    }
    switch inflated.ending {
    case .complete, .reachedNewline: return Inflated(bytes: inflated.bytes, damage: nil)
    case .overLimit:
      // A header read stops at the limit (the header decoder then says it is cut off).
      guard firstLine else {
        throw RecordingError("\(name) inflates to more than \(MemoryBudget.amount(limit, roundingUp: false)), the memory this machine has.")
      }
      return Inflated(bytes: inflated.bytes, damage: nil)
    case .trailing(let count): return Inflated(bytes: inflated.bytes, damage: .trailing(count))
    case .truncated: return Inflated(bytes: inflated.bytes, damage: .cut("is a truncated gzip file (the compressed data ends early)"))
    case .damaged(let detail): return Inflated(bytes: inflated.bytes, damage: .cut("is a damaged gzip file (zlib: \(detail))"))
    }
  }

  /// The sentence for a `.gz` of which nothing could be read: "<name> is a truncated gzip file (…); …".
  static func unreadable(_ name: String, _ what: String) -> RecordingError {
    RecordingError("\(name) \(what); nothing that inflated before the damage is a readable recording.")
  }
}
