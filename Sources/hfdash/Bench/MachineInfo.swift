import CBLAS
import Foundation
import HFEngine

/// The machine and build the figures come from.
struct MachineInfo: Codable {
  var cpuModel: String
  var cores: Int
  var blasLibrary: String
  /// The kernel OpenBLAS picked (openblas_get_corename).
  var blasCore: String
  /// openblas_get_config.
  var blasConfig: String
  /// BLAS threads per call (the engine runs BLAS single-threaded inside each shard).
  var blasThreads: Int
  /// Engine shards (one per core).
  var engineThreads: Int
  /// OPENBLAS_CORETYPE as the process saw it ("unset" when absent).
  var openblasCoretype: String
  var commit: String
  var date: String

  static func current(engineThreads: Int) -> MachineInfo {
    openblas_set_num_threads(1)
    let env = ProcessInfo.processInfo.environment
    return MachineInfo(
      cpuModel: cpuModel(), cores: ProcessInfoCores.count, blasLibrary: "OpenBLAS",
      blasCore: openblas_get_corename().map { String(cString: $0) } ?? "unknown",
      blasConfig: openblas_get_config().map { String(cString: $0) }?.trimmingCharacters(in: .whitespaces) ?? "unknown",
      blasThreads: Int(openblas_get_num_threads()), engineThreads: engineThreads,
      openblasCoretype: env["OPENBLAS_CORETYPE"] ?? "unset", commit: commit(),
      date: ISO8601DateFormatter().string(from: Date()))
  }

  /// The "model name" line of /proc/cpuinfo.
  static func cpuModel() -> String {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
    for line in text.split(separator: "\n") where line.hasPrefix("model name") {
      if let colon = line.firstIndex(of: ":") { return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) }
    }
    return "unknown"
  }

  /// `git rev-parse --short HEAD` (+ "-dirty" with uncommitted changes), or "unknown".
  static func commit() -> String {
    guard let head = run(["git", "rev-parse", "--short", "HEAD"]), !head.isEmpty else { return "unknown" }
    let dirty = run(["git", "status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty } ?? false
    return head + (dirty ? "-dirty" : "")
  }

  private static func run(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = DescriptorReader.readToEnd(pipe.fileHandleForReading)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
