import HFEngine

/// CSV data files, as an autoencoder set and as a classifier set labelled by its first column (1-based).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
  _ = try? CSVReader.parse(bytes: bytes, name: "fuzz")
  _ = try? CSVReader.parse(bytes: bytes, name: "fuzz", label: .column(1), kind: .classifier)
  return 0
}
