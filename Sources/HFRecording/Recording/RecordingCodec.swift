import Foundation
import HFEngine

/// Turns events into recording lines and back (the format is described in docs/RECORDING-FORMAT.md).
///
/// Version 2, written: one compact JSON object per line, `{"k": kind, "t": seconds, …fields}`,
/// every key in snake_case, through `RecordingJSON` and the types' `Codable` conformances.
/// Version 1 lines (mixed key styles, short CG keys) are read through `RecordingV1`.
public enum RecordingCodec {
  /// What one line of a recording held.
  public enum Line: Sendable, Equatable {
    case event(RecordedEvent)
    /// A well-formed line of a kind this version does not know (ignored by readers).
    case unknownKind(String)
  }

  /// The header line, newline included.
  public static func headerLine(_ header: RecordingHeader) -> [UInt8] {
    RecordingJSON.bytes(header) + [0x0A]
  }

  /// The line for one event, newline included; the time is rounded to the millisecond.
  public static func line(for recorded: RecordedEvent) -> [UInt8] {
    RecordingJSON.bytes(recorded) + [0x0A]
  }

  /// Decodes one line (with or without its newline) of a recording of format `version`.
  public static func decode(line: [UInt8], version: Int = RecordingHeader.formatVersion) throws(RecordingError) -> Line {
    var decoder = LineDecoder(version: version)
    guard let r = decoder.decode(line[...]) else { throw RecordingError("The line is not a valid recording event.") }
    return r
  }

  /// `time` rounded to the millisecond, as stored.
  public static func roundedTime(_ time: Double) -> Double {
    time.isFinite ? (time * 1000).rounded() / 1000 : time
  }
}

/// Decodes the lines of one recording with one `JSONDecoder`, noting the fields it did not know.
struct LineDecoder {
  let version: Int
  /// Whether to note fields no type reads (costs a key container per line).
  let noteUnknownFields: Bool
  private let decoder = RecordingJSON.decoder()
  /// `kind.field` of every field no type read (fields of a newer hfdash), in the order met.
  private(set) var unknownFields: [String] = []
  /// Kinds whose fields were checked since the last `start` line: one writer writes every line of
  /// a kind with the same fields, so the first of each kind per run is checked (a resumed file
  /// may hold two writers' lines, each part beginning with `start`).
  private var kindsToCheck: Set<String> = []

  init(version: Int, noteUnknownFields: Bool = true) {
    self.version = version
    self.noteUnknownFields = noteUnknownFields
  }

  /// Whether `line`'s kind has not been checked for unknown fields in this run yet.
  private func needsCheck(_ line: ArraySlice<UInt8>) -> Bool {
    guard let kind = LineSniffer.kind(line) else { return true }
    return !kindsToCheck.contains(kind) || kind == RecordedEvent.Kind.start.rawValue
  }

  /// One line; nil when it is not valid JSON or a known kind lacks a field.
  mutating func decode(_ line: ArraySlice<UInt8>) -> RecordingCodec.Line? {
    var end = line.endIndex
    while end > line.startIndex, line[end - 1] == 0x0A || line[end - 1] == 0x0D { end -= 1 }
    let data = Data(line[line.startIndex..<end])
    do {
      if version == 1 { return .event(try decoder.decode(RecordingV1.Line.self, from: data).event) }
      if !noteUnknownFields || !kindsToCheck.isEmpty && !needsCheck(line) {
        let event = try decoder.decode(RecordedEvent.self, from: data)
        if case .started = event.event { kindsToCheck = [] }
        return .event(event)
      }
      let decoded = try decoder.decode(TrackedLine.self, from: data)
      for name in decoded.unknownFields where !unknownFields.contains(name) { unknownFields.append(name) }
      kindsToCheck.insert(decoded.event.kind.rawValue)
      if case .started = decoded.event.event { kindsToCheck = [] }
      return .event(decoded.event)
    } catch let unknown as RecordedEvent.UnknownKind {
      return .unknownKind(unknown.name)
    } catch {
      return nil
    }
  }
}

/// A decoded line and the keys of its object that no type read.
struct TrackedLine: Decodable {
  var event: RecordedEvent
  var unknownFields: [String]

  init(from decoder: any Decoder) throws {
    let tracker = KeyTrackingDecoder(base: decoder, log: .init())
    event = try RecordedEvent(from: tracker)
    let present = try decoder.container(keyedBy: AnyCodingKey.self).allKeys
    let kind = event.kind.rawValue
    unknownFields = present.lazy.map(\.stringValue).filter { !tracker.log.keys.contains($0) }.map { kind + "." + $0 }
  }
}
