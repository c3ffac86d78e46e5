/// Reads required and optional fields of a JSON object, failing with the field's name.
struct FieldReader {
  let object: JSONObject

  struct Missing: Error { let key: String }

  func value(_ key: String) throws(Missing) -> JSONValue {
    guard let v = object[key], !v.isNull else { throw Missing(key: key) }
    return v
  }
  func double(_ key: String) throws(Missing) -> Double {
    guard let v = object[key]?.double else { throw Missing(key: key) }
    return v
  }
  func optionalDouble(_ key: String) throws(Missing) -> Double? {
    guard let v = object[key], !v.isNull else { return nil }
    guard let d = v.double else { throw Missing(key: key) }
    return d
  }
  func int(_ key: String) throws(Missing) -> Int {
    guard let v = object[key]?.int else { throw Missing(key: key) }
    return v
  }
  func optionalInt(_ key: String) throws(Missing) -> Int? {
    guard let v = object[key], !v.isNull else { return nil }
    guard let i = v.int else { throw Missing(key: key) }
    return i
  }
  func uint64(_ key: String) throws(Missing) -> UInt64 {
    guard let v = object[key]?.uint64 else { throw Missing(key: key) }
    return v
  }
  func string(_ key: String) throws(Missing) -> String {
    guard let v = object[key]?.string else { throw Missing(key: key) }
    return v
  }
  func optionalString(_ key: String) throws(Missing) -> String? {
    guard let v = object[key], !v.isNull else { return nil }
    guard let s = v.string else { throw Missing(key: key) }
    return s
  }
  func bool(_ key: String) throws(Missing) -> Bool {
    guard let v = object[key] else { throw Missing(key: key) }
    switch v {
    case .bool(let b): return b
    case .integer(0): return false
    case .integer(1): return true
    default: throw Missing(key: key)
    }
  }
  func doubles(_ key: String) throws(Missing) -> [Double] {
    guard let a = object[key]?.array else { throw Missing(key: key) }
    var out: [Double] = []
    out.reserveCapacity(a.count)
    for v in a {
      guard let d = v.double else { throw Missing(key: key) }
      out.append(d)
    }
    return out
  }
  func strings(_ key: String) throws(Missing) -> [String] {
    guard let a = object[key]?.array else { throw Missing(key: key) }
    var out: [String] = []
    for v in a {
      guard let s = v.string else { throw Missing(key: key) }
      out.append(s)
    }
    return out
  }
  func enumValue<E: RawRepresentable>(_ key: String, _: E.Type) throws(Missing) -> E where E.RawValue == String {
    guard let s = object[key]?.string, let e = E(rawValue: s) else { throw Missing(key: key) }
    return e
  }
  /// Whether the field is present and not null.
  func has(_ key: String) -> Bool { object[key].map { !$0.isNull } ?? false }
  /// An array of objects; empty when the field is absent.
  func objects(_ key: String) throws(Missing) -> [FieldReader] {
    guard let v = object[key], !v.isNull else { return [] }
    guard let a = v.array else { throw Missing(key: key) }
    var out: [FieldReader] = []
    for e in a {
      guard let o = e.object else { throw Missing(key: key) }
      out.append(FieldReader(object: o))
    }
    return out
  }
  func object(_ key: String) throws(Missing) -> FieldReader {
    guard let o = object[key]?.object else { throw Missing(key: key) }
    return FieldReader(object: o)
  }
  /// A Codable value stored as a nested JSON value.
  func decoded<T: Decodable>(_ key: String, as type: T.Type) throws(Missing) -> T {
    guard let v = object[key], let t = CodableBridge.decode(type, from: v) else { throw Missing(key: key) }
    return t
  }
}
