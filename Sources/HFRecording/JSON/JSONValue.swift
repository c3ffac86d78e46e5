/// A parsed JSON value as recordings use it; object members keep their file order.
enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// An integer literal that fits in Int64.
  case integer(Int64)
  /// A non-negative integer literal above Int64.max (seeds, generator words).
  case unsigned(UInt64)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// A Double from a number, or from the strings "NaN", "Infinity" and "-Infinity" recordings use for non-finite values.
  var double: Double? {
    switch self {
    case .number(let v): v
    case .integer(let v): Double(v)
    case .unsigned(let v): Double(v)
    case .string("NaN"): .nan
    case .string("Infinity"): .infinity
    case .string("-Infinity"): -.infinity
    default: nil
    }
  }

  var int: Int? {
    switch self {
    case .integer(let v): Int(exactly: v)
    case .number(let v): Int(exactly: v)
    default: nil
    }
  }

  var uint64: UInt64? {
    switch self {
    case .integer(let v): UInt64(exactly: v)
    case .unsigned(let v): v
    case .number(let v): UInt64(exactly: v)
    default: nil
    }
  }

  var string: String? { if case .string(let s) = self { s } else { nil } }
  var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
  var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
  var object: JSONObject? { if case .object(let o) = self { o } else { nil } }
  var isNull: Bool { self == .null }

  /// This value re-encoded as compact JSON text.
  var jsonBytes: [UInt8] {
    var b = JSONBuilder()
    b.value(self)
    return b.bytes
  }
}

/// A JSON object's members in file order (recording objects are small, so lookup is a linear scan).
struct JSONObject: Sendable, Equatable {
  var keys: [String] = []
  var values: [JSONValue] = []

  subscript(key: String) -> JSONValue? {
    for i in keys.indices where keys[i] == key { return values[i] }
    return nil
  }

  mutating func append(_ key: String, _ value: JSONValue) {
    keys.append(key)
    values.append(value)
  }
}
