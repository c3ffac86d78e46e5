/// A value a field decodes to when the file being read does not have it (written before the field existed).
public protocol AbsentDefault {
  /// The value of a missing field of this type.
  static var absentDefault: Self { get }
}

/// A non-optional stored property that decodes to `Value.absentDefault` when its key is missing,
/// so a field added after a file format was fixed still reads older files. Optional fields need
/// no wrapper: a missing key decodes as nil.
@propertyWrapper
public struct DefaultWhenAbsent<Value: Codable & AbsentDefault>: Codable {
  public var wrappedValue: Value
  public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

  /// Decodes the bare value (the wrapper adds no nesting).
  public init(from decoder: any Decoder) throws {
    wrappedValue = try decoder.singleValueContainer().decode(Value.self)
  }

  /// Encodes the bare value.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(wrappedValue)
  }
}

extension DefaultWhenAbsent: Sendable where Value: Sendable {}
extension DefaultWhenAbsent: Equatable where Value: Equatable {}

extension KeyedDecodingContainer {
  /// Synthesized `Decodable` conformances call this for `@DefaultWhenAbsent` properties: a
  /// missing key (or null) gives the default instead of an error.
  public func decode<V>(_ type: DefaultWhenAbsent<V>.Type, forKey key: Key) throws -> DefaultWhenAbsent<V> {
    try decodeIfPresent(type, forKey: key) ?? DefaultWhenAbsent(wrappedValue: V.absentDefault)
  }
}

extension Double: AbsentDefault { public static var absentDefault: Double { 0 } }
extension Int: AbsentDefault { public static var absentDefault: Int { 0 } }
extension Bool: AbsentDefault { public static var absentDefault: Bool { false } }
extension String: AbsentDefault { public static var absentDefault: String { "" } }
extension Array: AbsentDefault { public static var absentDefault: [Element] { [] } }
