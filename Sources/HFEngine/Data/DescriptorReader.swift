import Foundation

/// Reads a pipe or file descriptor to its end, retrying reads a signal interrupted (Foundation's
/// `readDataToEndOfFile` traps on EINTR).
public enum DescriptorReader {
  /// Every byte until end of file or a read error other than EINTR.
  public static func readToEnd(_ handle: FileHandle) -> Data {
    var data = Data()
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    let fd = handle.fileDescriptor
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n > 0 {
        data.append(contentsOf: chunk[0..<n])
      } else if n < 0 && errno == EINTR {
        continue
      } else {
        return data
      }
    }
  }
}
