import CAllocCounter
import Dispatch
import Foundation

/// Wall-clock timing helpers.
enum Stopwatch {
  /// Seconds since an arbitrary origin (monotonic).
  static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

  /// Seconds `body` takes.
  static func time(_ body: () -> Void) -> Double {
    let start = now()
    body()
    return now() - start
  }

  /// The median of `samples` timings of `body`, after one untimed warm-up run.
  static func median(samples: Int, _ body: () -> Void) -> Double {
    body()
    return Stopwatch.median((0..<Swift.max(1, samples)).map { _ in time(body) })
  }

  static func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
  }
}

/// Resident memory from /proc/self/status, and the peak's reset through /proc/self/clear_refs.
enum ResidentMemory {
  /// VmHWM (peak resident set) in bytes.
  static var peak: Double { field("VmHWM:") }
  /// VmRSS (current resident set) in bytes.
  static var current: Double { field("VmRSS:") }

  /// Resets VmHWM to the current RSS (Linux ≥ 4.0); false when the kernel refused.
  @discardableResult
  static func resetPeak() -> Bool {
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? handle.close() }
    do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
    return true
  }

  private static func field(_ name: String) -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
    for line in text.split(separator: "\n") where line.hasPrefix(name) {
      let parts = line.split(separator: " ", omittingEmptySubsequences: true)
      if parts.count >= 2, let kb = Double(parts[1]) { return kb * 1024 }
    }
    return .nan
  }
}

/// Heap allocation counting: the executable interposes glibc's malloc family (CAllocCounter), so
/// every allocation by any thread or library of the process is counted while counting is on.
enum AllocationProbe {
  static func start() {
    hfdash_alloc_clear()
    hfdash_alloc_counting(1)
  }
  static func stop() { hfdash_alloc_counting(0) }
  /// Allocations counted since `start`.
  static var count: Int { Int(hfdash_alloc_count()) }

  /// Whether the interposition works (an allocation made by the Swift runtime is seen).
  static func selfTest() -> Bool {
    start()
    let probe = UnsafeMutablePointer<UInt8>.allocate(capacity: 48)
    probe.deallocate()
    stop()
    return count > 0
  }

  /// glibc's allocated bytes (mallinfo2: arena chunks in use plus mmapped chunks).
  static var allocatedBytes: Double { Double(hfdash_allocated_bytes()) }
}
