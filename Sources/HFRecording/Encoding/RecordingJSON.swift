import Foundation
import Synchronization

/// The one JSON encoding of hfdash: recordings, `train --json`, `export jsonl` and checkpoint
/// state files. Keys are the Swift property names in snake_case (`lambdaAfter` → `lambda_after`),
/// objects are written with sorted keys (the same value always gives the same bytes), non-finite
/// numbers are the strings "NaN", "Infinity" and "-Infinity", dates are ISO 8601 in UTC.
public enum RecordingJSON {
  /// An encoder of compact lines; `convertingKeys: false` writes keys as given (export columns).
  public static func encoder(convertingKeys: Bool = true) -> JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    if convertingKeys { e.keyEncodingStrategy = .convertToSnakeCase }
    e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    e.dateEncodingStrategy = .iso8601
    return e
  }

  /// The decoder of everything `encoder()` writes. camelCase keys (version-1 recordings' nested
  /// objects) read too: a key without an underscore is taken as it is.
  public static func decoder() -> JSONDecoder {
    let d = JSONDecoder()
    d.keyDecodingStrategy = .custom { path in AnyCodingKey(stringValue: propertyName(path.last?.stringValue ?? "")) }
    d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    d.dateDecodingStrategy = .iso8601
    return d
  }

  /// Snake_case keys already converted (a recording repeats the same few dozen keys on every line).
  private static let propertyNames = Mutex<[String: String]>([:])

  /// A file key as the property it names: `lambda_after` → `lambdaAfter`; a key without an
  /// underscore (version 1's camelCase objects) as it is. Foundation's `.convertFromSnakeCase`
  /// gives the same names but splits every key anew on every object.
  static func propertyName(_ key: String) -> String {
    guard key.utf8.contains(UInt8(ascii: "_")) else { return key }
    if let known = propertyNames.withLock({ $0[key] }) { return known }
    var words = key.split(separator: "_", omittingEmptySubsequences: true)
    guard !words.isEmpty else { return key }
    let first = String(words.removeFirst())
    let name = first + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    propertyNames.withLock { $0[key] = name }
    return name
  }

  /// `value` as one compact line of JSON (no newline). Encoding hfdash's value types cannot fail;
  /// should a future type throw, the error says which.
  public static func bytes(_ value: some Encodable, convertingKeys: Bool = true) -> [UInt8] {
    do { return Array(try encoder(convertingKeys: convertingKeys).encode(value)) } catch {
      return Array(#"{"encoding_error":"\#(String(describing: type(of: value)))"}"#.utf8)
    }
  }
}

extension RecordingJSON {
  /// A property name as the file spells it: `lambdaAfter` → `lambda_after`.
  public static func fileKey(_ name: String) -> String {
    var out = ""
    for c in name {
      if c.isUppercase {
        if !out.isEmpty, out.last != "." { out.append("_") }
        out += c.lowercased()
      } else {
        out.append(c)
      }
    }
    return out
  }

  /// A decoding error in a few words: which field is missing or invalid.
  public static func describe(_ error: any Error) -> String {
    func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
      let all = keys + (last.map { [$0] } ?? [])
      return all.map { $0.intValue.map { "[\($0)]" } ?? fileKey($0.stringValue) }.joined(separator: ".")
    }
    switch error as? DecodingError {
    case .keyNotFound(let key, let context)?: return "its '\(path(context.codingPath, key))' field is missing"
    case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?, .dataCorrupted(let context)?:
      return context.codingPath.isEmpty ? "it is not valid JSON" : "its '\(path(context.codingPath))' field is invalid"
    default: return "it cannot be read"
    }
  }
}
