import Foundation

/// Reads a whole data file into memory, transparently decompressing gzip. Only regular files are
/// read (a FIFO or device — or a symbolic link to one — is refused by name), and only when the
/// file, and what it inflates to, fits in the machine's memory.
public enum DataFile {
  /// The file's bytes; gzip (magic 1f 8b) is detected and inflated. `path` names the file in errors.
  static func read(_ path: String, memory: MemoryBudget = .machine) throws(DataError) -> [UInt8] {
    var info = stat()
    guard stat(path, &info) == 0 else {
      let code = errno
      if code == ENOENT || code == ENOTDIR { throw DataError("\(path) does not exist.") }
      throw DataError("\(path) could not be read (\(String(cString: strerror(code)))).")
    }
    try requireRegularFile(info.st_mode, path)
    // Non-blocking, so that a FIFO swapped in after the check cannot hang the open.
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { throw DataError("\(path) could not be read (\(String(cString: strerror(errno)))).") }
    defer { close(fd) }
    var opened = stat()
    guard fstat(fd, &opened) == 0 else { throw DataError("\(path) could not be read (\(String(cString: strerror(errno)))).") }
    try requireRegularFile(opened.st_mode, path)  // the file opened is the one checked
    let size = Int(opened.st_size)
    var need = MemoryNeed()
    need.add("the file", bytes: size)
    try memory.check(need, for: "Reading \(path)")
    var bytes = [UInt8](repeating: 0, count: size)
    var done = 0
    while done < size {
      let got = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, size - done) }
      if got < 0 && errno == EINTR { continue }
      guard got >= 0 else { throw DataError("\(path) could not be read (\(String(cString: strerror(errno)))).") }
      if got == 0 { break }
      done += got
    }
    if done < size { bytes.removeLast(size - done) }  // the file shrank while it was read
    return try decompressed(bytes, name: path, memory: memory)
  }

  /// `bytes` inflated when they are gzip (magic 1f 8b), as they are otherwise, at most `memory`'s
  /// bytes of output; `name` names them in errors.
  public static func decompressed(_ bytes: [UInt8], name: String, memory: MemoryBudget = .machine) throws(DataError) -> [UInt8] {
    guard bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b else { return bytes }
    switch inflate(bytes, limit: memory.bytes) {
    case .success(let output): return output
    case .failure(let problem): throw DataError("\(name) \(problem.message).")
    }
  }

  /// What a file that is not a regular file is, as the sentence names it (nil for a regular file).
  static func kindOfSpecialFile(_ mode: mode_t) -> String? {
    switch mode & 0o170000 {
    case 0o100000: nil
    case 0o040000: "a directory"
    case 0o010000: "a FIFO"
    case 0o020000: "a character device"
    case 0o060000: "a block device"
    case 0o140000: "a socket"
    default: "not a regular file"
    }
  }

  private static func requireRegularFile(_ mode: mode_t, _ path: String) throws(DataError) {
    guard let kind = kindOfSpecialFile(mode) else { return }
    if kind == "a directory" { throw DataError("\(path) is a directory, not a file.") }
    throw DataError("\(path) is \(kind), not a regular file.")
  }

  /// Inflates one or more concatenated gzip members, at most `limit` bytes of output; the
  /// failure completes "<file> …".
  static func inflate(_ input: [UInt8], limit: Int = .max) -> Result<[UInt8], DataError> {
    guard input.count <= Int(UInt32.max) else {
      return .failure(DataError("is too large to decompress in one piece (over 4 GiB)"))
    }
    // The gzip trailer's last four bytes hold the uncompressed size modulo 2^32: a capacity hint,
    // from the file, so bounded by what deflate can produce from this input (at most 1032:1).
    let tail = input.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
    let reserve = min(max(tail, input.count), 1032 * input.count + 64, 1 << 31)
    guard let inflated = GzipInflater.inflate(input, limit: limit, reserve: reserve, acceptZlib: true) else {
      return .failure(DataError("could not be decompressed (zlib failed to start)"))
    }
    switch inflated.ending {
    case .complete, .reachedNewline: return .success(inflated.bytes)
    case .overLimit:
      return .failure(DataError("inflates to more than \(MemoryBudget.amount(limit, roundingUp: false)), the memory this machine has"))
    case .trailing(let remaining): return .failure(DataError("has \(remaining) bytes of unexpected data after its gzip stream"))
    case .truncated: return .failure(DataError("is a truncated gzip file (the compressed data ends early)"))
    case .damaged(let detail): return .failure(DataError("is not a valid gzip file (\(detail))"))
    }
  }
}
