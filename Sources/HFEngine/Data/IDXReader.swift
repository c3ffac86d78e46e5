/// Images read from an IDX file: `count` images of `rows × columns` pixels scaled to [0, 1].
public struct IDXImages: Sendable, Equatable {
  /// Number of images.
  public let count: Int
  /// Pixel rows per image.
  public let rows: Int
  /// Pixel columns per image.
  public let columns: Int
  /// Pixels, `count × rows·columns`, row-major, byte / 255.
  public let pixels: [Float]
}

/// Reads MNIST-style IDX files (unsigned-byte images, magic 2051, and labels, magic 2049), raw or gzip.
///
/// Every problem is a `DataError` naming the file: missing or unreadable, corrupt gzip, the wrong
/// magic number, or a length that does not match the header (truncated or with extra bytes).
public enum IDXReader {
  /// Magic number of an unsigned-byte IDX file with 3 dimensions (images).
  public static let imagesMagic = 2051
  /// Magic number of an unsigned-byte IDX file with 1 dimension (labels).
  public static let labelsMagic = 2049

  /// Reads an images file (raw or gzip) at `path`.
  public static func readImages(path: String, memory: MemoryBudget = .machine) throws(DataError) -> IDXImages {
    try decodeImages(DataFile.read(path, memory: memory), name: path, memory: memory)
  }

  /// Reads a labels file (raw or gzip) at `path`; each label is a byte value 0…255.
  public static func readLabels(path: String, memory: MemoryBudget = .machine) throws(DataError) -> [Int] {
    try decodeLabels(DataFile.read(path, memory: memory), name: path)
  }

  /// Decodes the (already decompressed) bytes of an images file; `name` names it in errors. The
  /// header's sizes are bounded (`DataLimits`) and the pixels' memory checked before they are made.
  public static func decodeImages(_ bytes: [UInt8], name: String, memory: MemoryBudget = .machine) throws(DataError)
    -> IDXImages
  {
    try checkMagic(bytes, expected: imagesMagic, what: "images", headerSize: 16, name: name)
    let count = word(bytes, 4), rows = word(bytes, 8), columns = word(bytes, 12)
    let declared = "\(count) images of \(rows)×\(columns)"
    guard rows >= 1, columns >= 1, let perImage = Checked.product(rows, columns), perImage <= DataLimits.maximumWidth else {
      throw DataError(
        "\(name) declares \(declared) pixels; an image must have between 1 and \(DataLimits.maximumWidth) pixels.")
    }
    guard count <= DataLimits.maximumCases else {
      throw DataError("\(name) declares \(count) images; a data set holds at most \(DataLimits.maximumCases).")
    }
    let expected = Checked.product(count, perImage) ?? Int.max
    try checkLength(bytes.count - 16, expected: expected, declared: declared, kind: "pixel", name: name)
    var need = MemoryNeed()
    need.add("pixels", floats: expected)
    try memory.check(need, for: "Decoding \(name)")
    let scale = (0..<256).map { Float($0) / 255 }
    let pixels = [Float](unsafeUninitializedCapacity: expected) { buffer, initialized in
      bytes.withUnsafeBufferPointer { source in
        scale.withUnsafeBufferPointer { table in
          for i in 0..<expected { buffer[i] = table[Int(source[16 + i])] }
        }
      }
      initialized = expected
    }
    return IDXImages(count: count, rows: rows, columns: columns, pixels: pixels)
  }

  /// Decodes the (already decompressed) bytes of a labels file; `name` names it in errors.
  public static func decodeLabels(_ bytes: [UInt8], name: String) throws(DataError) -> [Int] {
    try checkMagic(bytes, expected: labelsMagic, what: "labels", headerSize: 8, name: name)
    let count = word(bytes, 4)
    guard count <= DataLimits.maximumCases else {
      throw DataError("\(name) declares \(count) labels; a data set holds at most \(DataLimits.maximumCases).")
    }
    try checkLength(
      bytes.count - 8, expected: count, declared: "\(count) labels", kind: "label", name: name)
    return bytes[8...].map { Int($0) }
  }

  private static func checkMagic(
    _ bytes: [UInt8], expected: Int, what: String, headerSize: Int, name: String
  ) throws(DataError) {
    guard bytes.count >= 4 else {
      throw DataError(
        "\(name) is too short to be an IDX file (\(bytes.count) bytes, the header alone needs \(headerSize)).")
    }
    let magic = word(bytes, 0)
    guard magic == expected else {
      throw DataError("\(name) has IDX magic \(magic), expected \(expected) (\(what)).")
    }
    guard bytes.count >= headerSize else {
      throw DataError(
        "\(name) is truncated: it holds \(bytes.count) bytes, less than its \(headerSize)-byte IDX header.")
    }
  }

  private static func checkLength(
    _ actual: Int, expected: Int, declared: String, kind: String, name: String
  ) throws(DataError) {
    let need = expected == Int.max ? "more than this machine can address" : "\(expected) bytes"
    if actual < expected {
      throw DataError(
        "\(name) is truncated: header says \(declared) (\(need)) but the file holds \(actual) bytes of \(kind) data.")
    }
    if actual > expected {
      throw DataError(
        "\(name) is longer than its header says: \(declared) (\(need)) but the file holds \(actual) bytes of \(kind) data.")
    }
  }

  /// The big-endian 32-bit word at `offset`.
  private static func word(_ bytes: [UInt8], _ offset: Int) -> Int {
    Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
      | Int(bytes[offset + 3])
  }
}
