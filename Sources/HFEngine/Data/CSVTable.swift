/// The non-blank lines of a CSV file as byte ranges, and field splitting over the raw UTF-8 bytes.
struct CSVTable {
  /// A non-blank line: its 1-based number in the file and its bytes (without the line break).
  struct Line {
    let number: Int
    let bytes: Range<Int>
  }

  let bytes: [UInt8]
  private(set) var lines: [Line] = []
  /// Comma, or a tab or semicolon when the first non-blank line has no comma.
  private(set) var separator = UInt8(ascii: ",")

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    var start = bytes.starts(with: [0xef, 0xbb, 0xbf]) ? 3 : 0  // skip a UTF-8 byte-order mark
    var number = 1
    while start < bytes.count {
      var end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
      let next = end + 1
      if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
      if bytes[start..<end].contains(where: { !Self.isSpace($0) }) {
        lines.append(Line(number: number, bytes: start..<end))
      }
      start = next
      number += 1
    }
    if let first = lines.first, !bytes[first.bytes].contains(UInt8(ascii: ",")) {
      for candidate in [UInt8(ascii: "\t"), UInt8(ascii: ";")]
      where bytes[first.bytes].contains(candidate) {
        separator = candidate
        break
      }
    }
  }

  /// Splits `line` into field ranges, trimmed of spaces and of one pair of surrounding quotes.
  func split(_ line: Line, into fields: inout [Range<Int>]) {
    fields.removeAll(keepingCapacity: true)
    var start = line.bytes.lowerBound
    while true {
      let end = bytes[start..<line.bytes.upperBound].firstIndex(of: separator) ?? line.bytes.upperBound
      fields.append(trim(start..<end))
      if end == line.bytes.upperBound { return }
      start = end + 1
    }
  }

  /// The text of a field.
  func string(_ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }

  private func trim(_ range: Range<Int>) -> Range<Int> {
    var low = range.lowerBound, high = range.upperBound
    while low < high && Self.isSpace(bytes[low]) { low += 1 }
    while high > low && Self.isSpace(bytes[high - 1]) { high -= 1 }
    let quote = UInt8(ascii: "\"")
    if high - low >= 2 && bytes[low] == quote && bytes[high - 1] == quote {
      low += 1
      high -= 1
    }
    return low..<high
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
  }
}
