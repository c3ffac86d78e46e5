import CBLAS
import Foundation

/// The OpenBLAS compute kernel of this process. Float results are bit-identical between two runs
/// only when both use the same kernel: OpenBLAS picks one per CPU (`Haswell`, `SkylakeX`, `Zen` …),
/// and `OPENBLAS_CORETYPE` in the environment at start-up forces another.
public enum BLASKernel {
  /// The kernel OpenBLAS runs in this process (`openblas_get_corename`).
  public static var current: String {
    openblas_get_corename().map { String(cString: $0) } ?? "unknown"
  }

  /// The CPU flags (from /proc/cpuinfo) each x86-64 kernel of OpenBLAS 0.3 executes; a kernel whose
  /// flags this CPU lacks would stop the process with an illegal instruction.
  static let requiredFlags: [String: [String]] = [
    "Prescott": ["sse3"], "Core2": ["ssse3"], "Penryn": ["sse4_1"], "Dunnington": ["sse4_1"],
    "Nehalem": ["sse4_2"], "Sandybridge": ["avx"], "Haswell": ["avx2", "fma"], "Zen": ["avx2", "fma"],
    "SkylakeX": ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"],
    "Cooperlake": ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx512_bf16"],
  ]

  /// Whether this CPU can run kernel `name` (false for kernels this table does not know).
  public static func cpuCanRun(_ name: String, cpuFlags: Set<String> = cpuFlags()) -> Bool {
    guard let needed = requiredFlags[name] else { return false }
    return needed.allSatisfy(cpuFlags.contains)
  }

  /// The flags of the first CPU in /proc/cpuinfo (empty where there is none).
  public static func cpuFlags() -> Set<String> {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return [] }
    for line in text.split(separator: "\n") where line.hasPrefix("flags") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
    return []
  }
}
