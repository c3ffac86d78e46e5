import Foundation

/// Recognizes a CG-step line and reads its time without decoding it, so that a reader can index
/// the bulk of a recording and leave the decoding to `RecordedEvents`. It looks for the literal
/// member `"k":"cg"` and the number after `"t":` in a line that is one object; inside a JSON
/// string every quote is escaped, so these byte sequences can only be members.
enum LineSniffer {
  private static let kindCG = Array(#""k":"cg""#.utf8)
  private static let timeKey = Array(#""t":"#.utf8)

  /// The time of a CG-step line (nil for other lines, or when the time is not a plain number).
  static func cgStepTime(_ bytes: [UInt8], _ range: Range<Int>) -> Double? {
    guard range.count > 2, bytes[range.lowerBound] == UInt8(ascii: "{") else { return nil }
    var last = range.upperBound - 1
    if bytes[last] == 0x0D { last -= 1 }
    guard bytes[last] == UInt8(ascii: "}") else { return nil }
    return bytes.withUnsafeBufferPointer { b -> Double? in
      guard let base = b.baseAddress else { return nil }
      let line = base + range.lowerBound
      let length = range.count
      guard find(kindCG, in: line, length) != nil, let t = find(timeKey, in: line, length) else { return nil }
      var end = t + timeKey.count
      let numberStart = end
      while end < length, isNumberByte(line[end]) { end += 1 }
      guard end > numberStart, end < length, line[end] == UInt8(ascii: ",") || line[end] == UInt8(ascii: "}") else { return nil }
      return Double(String(decoding: UnsafeBufferPointer(start: line + numberStart, count: end - numberStart), as: UTF8.self))
    }
  }

  private static let kindKey = Array(#""k":""#.utf8)

  /// The value of a line's `"k":"…"` member (nil when there is none, or it holds an escape).
  static func kind(_ line: ArraySlice<UInt8>) -> String? {
    line.withUnsafeBufferPointer { b -> String? in
      guard let base = b.baseAddress, let at = find(kindKey, in: base, b.count) else { return nil }
      let start = at + kindKey.count
      var end = start
      while end < b.count, base[end] != UInt8(ascii: "\""), base[end] != UInt8(ascii: "\\") { end += 1 }
      guard end < b.count, base[end] == UInt8(ascii: "\"") else { return nil }
      return String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
    }
  }

  /// The offset of the first occurrence of `needle` in the `length` bytes at `haystack`.
  private static func find(_ needle: [UInt8], in haystack: UnsafePointer<UInt8>, _ length: Int) -> Int? {
    guard let first = needle.first, length >= needle.count else { return nil }
    var position = 0
    while position <= length - needle.count {
      guard let hit = memchr(haystack + position, Int32(first), length - needle.count + 1 - position) else { return nil }
      let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(haystack)
      if memcmp(haystack + offset, needle, needle.count) == 0 { return offset }
      position = offset + 1
    }
    return nil
  }

  private static func isNumberByte(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
      || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
  }
}
