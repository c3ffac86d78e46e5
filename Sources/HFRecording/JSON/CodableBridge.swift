import Foundation
import HFEngine

/// Moves Codable values (HFConfig, NetworkArchitecture, …) in and out of JSON values with
/// Foundation's coders, non-finite doubles as the strings "NaN", "Infinity" and "-Infinity".
enum CodableBridge {
  static func encoder() -> JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return e
  }

  static func decoder() -> JSONDecoder {
    let d = JSONDecoder()
    d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return d
  }

  static func encode(_ value: some Encodable) -> JSONValue {
    guard let data = try? encoder().encode(value), let v = try? JSONParser.parse(Array(data)) else { return .null }
    return v
  }

  /// An `HFConfig` with every field present: unset optional sizes are written as null.
  static func encode(config: HFConfig) -> JSONValue {
    guard case .object(var o) = encode(config) else { return .null }
    for key in ["curvatureBatchSize", "gradientBatchSize"] where o[key] == nil { o.append(key, .null) }
    return .object(o)
  }

  static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) -> T? {
    try? decoder().decode(type, from: Data(value.jsonBytes))
  }
}
