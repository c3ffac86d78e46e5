/// Writes compact JSON into a byte array, inserting commas itself.
///
/// Doubles use Swift's shortest round-trip form; NaN and ±∞ become the strings "NaN",
/// "Infinity" and "-Infinity".
struct JSONBuilder {
  private(set) var bytes: [UInt8] = []
  private var needsComma = false

  init(capacity: Int = 128) { bytes.reserveCapacity(capacity) }

  private mutating func separator() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
  }

  mutating func openObject() {
    separator()
    bytes.append(UInt8(ascii: "{"))
    needsComma = false
  }

  mutating func closeObject() {
    bytes.append(UInt8(ascii: "}"))
    needsComma = true
  }

  mutating func openArray() {
    separator()
    bytes.append(UInt8(ascii: "["))
    needsComma = false
  }

  mutating func closeArray() {
    bytes.append(UInt8(ascii: "]"))
    needsComma = true
  }

  /// Starts an object member; the next value written is its value.
  mutating func key(_ k: String) {
    separator()
    appendQuoted(k)
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  mutating func null() {
    separator()
    bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    needsComma = true
  }

  mutating func value(_ v: Double) {
    separator()
    if v.isFinite {
      bytes.append(contentsOf: v.description.utf8)
    } else if v.isNaN {
      appendQuoted("NaN")
    } else {
      appendQuoted(v > 0 ? "Infinity" : "-Infinity")
    }
    needsComma = true
  }

  mutating func value(_ v: Int) {
    separator()
    bytes.append(contentsOf: String(v).utf8)
    needsComma = true
  }

  mutating func value(_ v: UInt64) {
    separator()
    bytes.append(contentsOf: String(v).utf8)
    needsComma = true
  }

  mutating func value(_ v: Bool) {
    separator()
    bytes.append(contentsOf: v ? Array("true".utf8) : Array("false".utf8))
    needsComma = true
  }

  mutating func value(_ s: String) {
    separator()
    appendQuoted(s)
    needsComma = true
  }

  mutating func value(_ v: JSONValue) {
    switch v {
    case .null: null()
    case .bool(let b): value(b)
    case .integer(let n):
      separator()
      bytes.append(contentsOf: String(n).utf8)
      needsComma = true
    case .unsigned(let n): value(n)
    case .number(let d): value(d)
    case .string(let s): value(s)
    case .array(let items):
      openArray()
      for item in items { value(item) }
      closeArray()
    case .object(let o):
      openObject()
      for (k, item) in zip(o.keys, o.values) {
        key(k)
        value(item)
      }
      closeObject()
    }
  }

  // Members: key and value in one call.
  mutating func member(_ k: String, _ v: Double) { key(k); value(v) }
  mutating func member(_ k: String, _ v: Int) { key(k); value(v) }
  mutating func member(_ k: String, _ v: Bool) { key(k); value(v) }
  mutating func member(_ k: String, _ v: String) { key(k); value(v) }
  mutating func member(_ k: String, _ v: JSONValue) { key(k); value(v) }
  /// Writes the member only when the value is present.
  mutating func member(_ k: String, ifPresent v: Double?) { if let v { member(k, v) } }
  mutating func member(_ k: String, ifPresent v: Int?) { if let v { member(k, v) } }
  mutating func member(_ k: String, ifPresent v: String?) { if let v { member(k, v) } }
  mutating func member(_ k: String, _ values: [Double]) {
    key(k)
    openArray()
    for v in values { value(v) }
    closeArray()
  }
  mutating func member(_ k: String, _ values: [String]) {
    key(k)
    openArray()
    for v in values { value(v) }
    closeArray()
  }

  private mutating func appendQuoted(_ s: String) {
    bytes.append(UInt8(ascii: "\""))
    for c in s.utf8 {
      switch c {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
      case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
      case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
      case 0..<0x20, 0x7F:
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(c >> 4)], hex[Int(c & 15)]])
      default: bytes.append(c)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
