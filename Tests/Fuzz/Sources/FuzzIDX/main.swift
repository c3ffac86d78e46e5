import HFEngine

/// IDX images and labels (MNIST's format) as a file holds them, gzip or not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let raw = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
  guard let bytes = try? DataFile.decompressed(raw, name: "fuzz") else { return 0 }
  _ = try? IDXReader.decodeImages(bytes, name: "fuzz")
  _ = try? IDXReader.decodeLabels(bytes, name: "fuzz")
  return 0
}
