import HFRecording

/// Whole recordings: the header line, then event lines (damaged lines are tolerated and reported).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecording(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
  if let timeline = try? RecordingReader.parse(bytes, name: "fuzz") { _ = try? timeline.header.runSpec() }
  return 0
}
