/// NumPy `.npy` files (format version 1.0) of little-endian float32 (`<f4`) in C order.
///
/// Layout (numpy.lib.format): the magic `\x93NUMPY`, version bytes 1 0, a little-endian uint16
/// header length, an ASCII Python dict literal padded with spaces and ended by a newline so the
/// data starts at a multiple of 64 bytes, then the raw values.
public enum NumpyArray {
  /// The complete file for `values` with `shape` (the product of `shape` must equal the count).
  public static func encode(_ values: [Float], shape: [Int]) -> [UInt8] {
    precondition(shape.reduce(1, *) == values.count, "the shape must hold every value")
    let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    var dict = Array("{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }".utf8)
    let unpadded = 10 + dict.count + 1
    let padding = (64 - unpadded % 64) % 64
    dict.append(contentsOf: [UInt8](repeating: 0x20, count: padding))
    dict.append(0x0A)
    var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(dict.count & 0xFF), UInt8(dict.count >> 8)]
    out.reserveCapacity(out.count + dict.count + values.count * 4)
    out.append(contentsOf: dict)
    for v in values {
      let bits = v.bitPattern
      out.append(UInt8(truncatingIfNeeded: bits))
      out.append(UInt8(truncatingIfNeeded: bits >> 8))
      out.append(UInt8(truncatingIfNeeded: bits >> 16))
      out.append(UInt8(truncatingIfNeeded: bits >> 24))
    }
    return out
  }

  /// The values and shape of a `<f4`, C-order `.npy` file (versions 1.0–3.0); `name` names it in errors.
  public static func decode(_ bytes: [UInt8], name: String) throws(RecordingError) -> (values: [Float], shape: [Int]) {
    let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
    guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw RecordingError("\(name) is not a NumPy .npy file.") }
    let major = bytes[6]
    let headerLength: Int, headerStart: Int
    switch major {
    case 1:
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
      headerStart = 10
    case 2, 3:
      guard bytes.count >= 12 else { throw RecordingError("\(name) is cut off.") }
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
      headerStart = 12
    default: throw RecordingError("\(name) uses .npy format version \(major), which hfdash does not read.")
    }
    guard bytes.count >= headerStart + headerLength else { throw RecordingError("\(name) is cut off inside its header.") }
    let dict = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
    guard let descr = field(dict, "descr"), descr.contains("'<f4'") else {
      throw RecordingError("\(name) does not hold little-endian float32 values ('<f4').")
    }
    guard let order = field(dict, "fortran_order"), order.hasPrefix("False") else {
      throw RecordingError("\(name) is not in C order.")
    }
    guard let shapeText = field(dict, "shape"), shapeText.hasPrefix("("), let close = shapeText.firstIndex(of: ")") else {
      throw RecordingError("\(name) has no readable shape.")
    }
    var shape: [Int] = []
    for part in shapeText[shapeText.index(after: shapeText.startIndex)..<close].split(separator: ",") {
      let t = part.trimmingCharacters(in: .whitespaces)
      if t.isEmpty { continue }
      guard let n = Int(t), n >= 0 else { throw RecordingError("\(name) has a malformed shape \(shapeText[...close]).") }
      shape.append(n)
    }
    // The shape comes from the file: its product (and the bytes it needs) is computed with
    // checked arithmetic and must match the data actually present.
    let dataStart = headerStart + headerLength
    let dataBytes = bytes.count - dataStart
    var count = shape.contains(0) ? 0 : 1
    for n in shape where count > 0 {
      let (product, overflow) = count.multipliedReportingOverflow(by: n)
      guard !overflow, product <= dataBytes / 4 else {
        throw RecordingError("\(name) has a shape \(shapeText[...close]) larger than its \(dataBytes) data bytes.")
      }
      count = product
    }
    guard dataBytes == count * 4 else {
      throw RecordingError("\(name) holds \(dataBytes) data bytes but its shape needs \(count * 4).")
    }
    var values = [Float](repeating: 0, count: count)
    bytes.withUnsafeBytes { raw in
      for k in 0..<count {
        values[k] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: dataStart + 4 * k, as: UInt32.self)))
      }
    }
    return (values, shape)
  }

  /// The text after `'key':` in a header dict.
  private static func field(_ dict: String, _ key: String) -> Substring? {
    guard let r = dict.range(of: "'\(key)':") else { return nil }
    return dict[r.upperBound...].drop { $0 == " " }
  }
}
