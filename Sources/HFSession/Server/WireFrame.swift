import Foundation
import HFRecording

/// One frame of the viewer protocol: a tag byte, a space, a payload without a newline, then "\n".
///
/// Events travel as the recording's own lines (`RecordingCodec.line(for:)`), so the stream a
/// viewer reads is a recording; everything else is one small JSON object (`WireMessages`).
/// Frames are newline-delimited (JSON never holds a raw newline) and bounded: a reader refuses a
/// frame longer than its limit (see `FrameSplitter`). The protocol is described in docs/ATTACH.md.
public struct WireFrame: Sendable, Equatable {
  /// What a frame carries; the raw value is its tag byte.
  public enum Kind: UInt8, Sendable, CaseIterable {
    // Session → viewer.
    /// A recording line (`{"t":…,"k":…}`).
    case event = 0x45  // E
    /// The session's greeting: protocol and recording versions, ids, status (`SessionHello`).
    case hello = 0x48  // H
    /// Status that is not an event: viewers, recording badge, dropped count (`SessionStatus`).
    case status = 0x53  // S
    /// The answer to one request of this viewer (`ViewerReply`).
    case reply = 0x52  // R
    /// The session is going away; the connection closes after this frame (`SessionBye`).
    case bye = 0x42  // B
    // Viewer → session.
    /// The first frame of every viewer (`ViewerJoin`).
    case join = 0x4A  // J
    /// A control for the session's one control path (`ControlRequest`).
    case control = 0x43  // C
    /// A note for the running iteration (a JSON string).
    case note = 0x4E  // N
    /// Run the finite-difference check (payload `{}`).
    case check = 0x56  // V
    /// Start (or cancel) the on-demand Lanczos run (`LanczosRequest`); its updates come back as replies.
    case lanczos = 0x4C  // L
    /// Stop the run and end the session (payload `{}`).
    case end = 0x58  // X
  }

  public var kind: Kind
  /// The payload, without the newline.
  public var payload: [UInt8]

  /// A frame of `kind` around `payload` (which must not contain a newline).
  public init(_ kind: Kind, payload: [UInt8]) {
    self.kind = kind
    self.payload = payload
  }

  /// A frame whose payload is `message` in the wire's JSON.
  public init(_ kind: Kind, message: some Encodable) {
    self.init(kind, payload: WireJSON.bytes(message))
  }

  /// The frame of one recorded event: the recording line itself.
  public static func event(_ recorded: RecordedEvent) -> WireFrame {
    var line = RecordingCodec.line(for: recorded)
    if line.last == 0x0A { line.removeLast() }
    return WireFrame(.event, payload: line)
  }

  /// The bytes on the wire, newline included.
  public var bytes: [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(payload.count + 3)
    out.append(kind.rawValue)
    out.append(0x20)
    out += payload
    out.append(0x0A)
    return out
  }

  /// Parses one line (without its newline); nil for an unknown tag or a missing space.
  public static func parse(_ line: ArraySlice<UInt8>) -> WireFrame? {
    guard line.count >= 2, let kind = Kind(rawValue: line[line.startIndex]), line[line.startIndex + 1] == 0x20 else {
      return nil
    }
    return WireFrame(kind, payload: Array(line[(line.startIndex + 2)...]))
  }

  /// The payload decoded as `T`; nil when it is not a valid `T`.
  public func decode<T: Decodable>(_: T.Type) -> T? {
    try? WireJSON.decoder().decode(T.self, from: Data(payload))
  }

  /// The recorded event of an event frame; nil when the line is not a known, valid event.
  public func recordedEvent(version: Int = RecordingHeader.formatVersion) -> RecordedEvent? {
    guard kind == .event, case .event(let recorded)? = try? RecordingCodec.decode(line: payload) else { return nil }
    return recorded
  }
}

/// The JSON of the protocol's own messages and of controls: sorted keys, compact, each type's
/// `Codable` form (a control is encoded exactly as recordings encode it).
public enum WireJSON {
  /// `value` as one compact line of JSON (no newline).
  public static func bytes(_ value: some Encodable) -> [UInt8] {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    do { return Array(try e.encode(value)) } catch { return Array("{}".utf8) }
  }

  /// The decoder of what `bytes` writes.
  public static func decoder() -> JSONDecoder {
    let d = JSONDecoder()
    d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return d
  }
}
