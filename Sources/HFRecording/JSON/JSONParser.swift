/// A strict, fast JSON parser over UTF-8 bytes (one recording line at a time).
struct JSONParser {
  struct Failure: Error {}

  private let p: UnsafePointer<UInt8>
  private let end: Int
  private var i = 0

  private init(_ p: UnsafePointer<UInt8>, count: Int) {
    self.p = p
    end = count
  }

  /// Parses exactly one JSON value (surrounding whitespace allowed).
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONValue {
    guard let base = bytes.baseAddress else { throw Failure() }
    var parser = JSONParser(base, count: bytes.count)
    parser.skipSpace()
    let v = try parser.parseValue(depth: 0)
    parser.skipSpace()
    guard parser.i == parser.end else { throw Failure() }
    return v
  }

  static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
    let result: Result<JSONValue, Failure> = bytes.withUnsafeBufferPointer { b in
      do throws(Failure) { return .success(try parse(b)) } catch { return .failure(error) }
    }
    return try result.get()
  }

  private mutating func skipSpace() {
    while i < end {
      let c = p[i]
      if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 } else { break }
    }
  }

  private mutating func expect(_ literal: StaticString) throws(Failure) {
    let n = literal.utf8CodeUnitCount
    guard i + n <= end else { throw Failure() }
    let l = literal.utf8Start
    for k in 0..<n where p[i + k] != l[k] { throw Failure() }
    i += n
  }

  private mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
    guard i < end, depth < 64 else { throw Failure() }
    switch p[i] {
    case UInt8(ascii: "{"): return try parseObject(depth: depth)
    case UInt8(ascii: "["): return try parseArray(depth: depth)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"):
      try expect("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expect("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expect("null")
      return .null
    default: return try parseNumber()
    }
  }

  private mutating func parseObject(depth: Int) throws(Failure) -> JSONValue {
    i += 1
    var object = JSONObject()
    object.keys.reserveCapacity(8)
    object.values.reserveCapacity(8)
    skipSpace()
    if i < end, p[i] == UInt8(ascii: "}") {
      i += 1
      return .object(object)
    }
    while true {
      skipSpace()
      guard i < end, p[i] == UInt8(ascii: "\"") else { throw Failure() }
      let key = try parseString()
      skipSpace()
      guard i < end, p[i] == UInt8(ascii: ":") else { throw Failure() }
      i += 1
      skipSpace()
      object.append(key, try parseValue(depth: depth + 1))
      skipSpace()
      guard i < end else { throw Failure() }
      if p[i] == UInt8(ascii: ",") {
        i += 1
      } else if p[i] == UInt8(ascii: "}") {
        i += 1
        return .object(object)
      } else {
        throw Failure()
      }
    }
  }

  private mutating func parseArray(depth: Int) throws(Failure) -> JSONValue {
    i += 1
    var items: [JSONValue] = []
    skipSpace()
    if i < end, p[i] == UInt8(ascii: "]") {
      i += 1
      return .array(items)
    }
    while true {
      skipSpace()
      items.append(try parseValue(depth: depth + 1))
      skipSpace()
      guard i < end else { throw Failure() }
      if p[i] == UInt8(ascii: ",") {
        i += 1
      } else if p[i] == UInt8(ascii: "]") {
        i += 1
        return .array(items)
      } else {
        throw Failure()
      }
    }
  }

  private mutating func parseString() throws(Failure) -> String {
    i += 1
    let start = i
    // Fast path: no escapes.
    while i < end {
      let c = p[i]
      if c == UInt8(ascii: "\"") {
        let s = String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self)
        i += 1
        return s
      }
      if c == UInt8(ascii: "\\") { break }
      if c < 0x20 { throw Failure() }
      i += 1
    }
    var bytes = Array(UnsafeBufferPointer(start: p + start, count: i - start))
    while i < end {
      let c = p[i]
      if c == UInt8(ascii: "\"") {
        i += 1
        return String(decoding: bytes, as: UTF8.self)
      }
      if c < 0x20 { throw Failure() }
      if c != UInt8(ascii: "\\") {
        bytes.append(c)
        i += 1
        continue
      }
      guard i + 1 < end else { throw Failure() }
      let e = p[i + 1]
      i += 2
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(e)
      case UInt8(ascii: "b"): bytes.append(0x08)
      case UInt8(ascii: "f"): bytes.append(0x0C)
      case UInt8(ascii: "n"): bytes.append(0x0A)
      case UInt8(ascii: "r"): bytes.append(0x0D)
      case UInt8(ascii: "t"): bytes.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if scalar >= 0xD800 && scalar < 0xDC00 {
          // A high surrogate must be followed by \uDC00–\uDFFF.
          guard i + 1 < end, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") else { throw Failure() }
          i += 2
          let low = try hex4()
          guard low >= 0xDC00 && low < 0xE000 else { throw Failure() }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let u = Unicode.Scalar(scalar) else { throw Failure() }
        bytes.append(contentsOf: Array(String(Character(u)).utf8))
      default: throw Failure()
      }
    }
    throw Failure()
  }

  private mutating func hex4() throws(Failure) -> UInt32 {
    guard i + 4 <= end else { throw Failure() }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = p[i]
      let d: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
      default: throw Failure()
      }
      v = v << 4 | d
      i += 1
    }
    return v
  }

  private mutating func parseNumber() throws(Failure) -> JSONValue {
    let start = i
    var negative = false
    if p[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    }
    let digitsStart = i
    var magnitude: UInt64 = 0
    var overflow = false
    while i < end, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9") {
      let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
      let (m2, o2) = m1.addingReportingOverflow(UInt64(p[i] - UInt8(ascii: "0")))
      overflow = overflow || o1 || o2
      magnitude = m2
      i += 1
    }
    guard i > digitsStart else { throw Failure() }
    var isInteger = true
    if i < end, p[i] == UInt8(ascii: ".") {
      isInteger = false
      i += 1
      let fracStart = i
      while i < end, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9") { i += 1 }
      guard i > fracStart else { throw Failure() }
    }
    if i < end, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
      isInteger = false
      i += 1
      if i < end, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
      let expStart = i
      while i < end, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9") { i += 1 }
      guard i > expStart else { throw Failure() }
    }
    if isInteger && !overflow {
      if !negative {
        return magnitude <= UInt64(Int64.max) ? .integer(Int64(magnitude)) : .unsigned(magnitude)
      }
      if magnitude <= UInt64(Int64.max) { return .integer(-Int64(magnitude)) }
      if magnitude == UInt64(Int64.max) + 1 { return .integer(Int64.min) }
    }
    // Swift's parser is correctly rounded and ignores the C locale.
    let text = String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self)
    guard let d = Double(text) else { throw Failure() }
    return .number(d)
  }
}
