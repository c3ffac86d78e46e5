import HFEngine

/// The events of a timeline, in order. Read from a file, CG-step lines (most of a recording)
/// stay undecoded text until an event is asked for, so opening a long recording decodes only
/// the lines its index needs; built in memory, it is a plain array.
public struct RecordedEvents: RandomAccessCollection, Sendable {
  /// One position: a decoded event, or a CG-step line decoded on access.
  enum Slot: Sendable {
    case decoded(RecordedEvent)
    /// The line's time (read when indexing), its byte range and its 1-based line number.
    case line(time: Double, range: Range<Int>, number: Int)
  }

  let slots: [Slot]
  /// The file's bytes and format version (nil for a timeline built in memory).
  let source: LineSource?

  /// Events held in memory.
  public init(_ events: [RecordedEvent]) {
    slots = events.map { .decoded($0) }
    source = nil
  }

  init(slots: [Slot], source: LineSource) {
    self.slots = slots
    self.source = source
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { slots.count }

  public subscript(position: Int) -> RecordedEvent {
    switch slots[position] {
    case .decoded(let e): return e
    case .line(let time, let range, let number):
      // A CG-step line that does not decode (damaged after it was indexed) shows as a warning in its place.
      if let source, case .event(let e)? = source.decode(range) { return e }
      return RecordedEvent(
        time: time, event: .engine(.warning(iteration: 0, message: "Line \(number) of the recording is damaged and was skipped.")))
    }
  }

  /// Whether event `position` is a line not decoded yet (a CG step of a file).
  public func isUndecodedLine(at position: Int) -> Bool {
    if case .line = slots[position] { return true }
    return false
  }

  /// The time of event `position`, without decoding it.
  public func time(at position: Int) -> Double {
    switch slots[position] {
    case .decoded(let e): e.time
    case .line(let time, _, _): time
    }
  }
}

/// The bytes of a recording file, shared by the lazily decoded events of its timeline.
final class LineSource: Sendable {
  let bytes: [UInt8]
  let version: Int

  init(bytes: [UInt8], version: Int) {
    self.bytes = bytes
    self.version = version
  }

  /// One line, without noting unknown fields (the reader did that when it opened the file).
  func decode(_ range: Range<Int>) -> RecordingCodec.Line? {
    var decoder = LineDecoder(version: version, noteUnknownFields: false)
    return decoder.decode(bytes[range])
  }
}
