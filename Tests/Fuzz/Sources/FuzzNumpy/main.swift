import HFRecording

/// Checkpoint tensors: `.npy` files.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumpy(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
  _ = try? NumpyArray.decode(bytes, name: "fuzz")
  return 0
}
