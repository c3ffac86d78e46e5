import Foundation

/// The memory this machine has, and the check that a run fits in it — made before anything of
/// the run is allocated, so an impossible size is one sentence instead of an allocation failure.
public struct MemoryBudget: Sendable, Equatable {
  /// Bytes the process may use.
  public let bytes: Int

  /// A budget of `bytes` (tests use small ones).
  public init(bytes: Int) { self.bytes = Swift.max(0, bytes) }

  /// This machine's: MemTotal from /proc/meminfo (else the physical memory Foundation reports),
  /// lowered to a cgroup memory limit when one is set. Read once.
  public static let machine = MemoryBudget(bytes: machineBytes())

  /// Throws "<what> needs 56.2 GiB of memory (…); this machine has 23.5 GiB." when `need`
  /// does not fit (or overflowed while it was added up).
  public func check(_ need: MemoryNeed, for what: String) throws(DataError) {
    if let total = need.total, total <= bytes { return }
    let amount = need.total.map { Self.amount($0, roundingUp: true) } ?? "more than a 64-bit machine can address"
    let breakdown = need.largestParts.map { " (\($0))" } ?? ""
    throw DataError("\(what) needs \(amount) of memory\(breakdown); this machine has \(Self.amount(bytes, roundingUp: false)).")
  }

  /// "23.5 GiB" (one decimal below 100 GiB; KiB and MiB below 1 MiB and 1 GiB), rounded up or
  /// down to the digit shown.
  public static func amount(_ bytes: Int, roundingUp: Bool) -> String {
    func tenths(_ x: Double) -> Double { (roundingUp ? (x * 10).rounded(.up) : (x * 10).rounded(.down)) / 10 }
    let g = Double(bytes) / Double(1 << 30)
    if bytes < 1 << 10 { return "\(bytes) bytes" }
    if bytes < 1 << 20 { return String(format: "%.1f KiB", tenths(Double(bytes) / Double(1 << 10))) }
    if g < 1 { return String(format: "%.1f MiB", tenths(Double(bytes) / Double(1 << 20))) }
    if g < 100 { return String(format: "%.1f GiB", tenths(g)) }
    if g < 1e9 { return "\(Int(roundingUp ? g.rounded(.up) : g.rounded(.down))) GiB" }
    return String(format: "%.1e GiB", g)
  }

  private static func machineBytes() -> Int {
    var total = meminfoTotal() ?? Int(clamping: ProcessInfo.processInfo.physicalMemory)
    // cgroup v2, then v1 (v1 reports a huge number when there is no limit).
    for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
      if let text = try? String(contentsOfFile: path, encoding: .utf8),
        let limit = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), limit > 0
      {
        total = Swift.min(total, limit)
      }
    }
    return total
  }

  /// MemTotal of /proc/meminfo in bytes.
  private static func meminfoTotal() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("MemTotal:") {
      let fields = line.split(separator: " ")
      guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
      return Checked.product(kilobytes, 1024)
    }
    return nil
  }
}

/// The bytes a run needs, part by part, added up with overflow checks.
public struct MemoryNeed: Sendable, Equatable {
  /// One named part; nil bytes means its size overflowed.
  public struct Part: Sendable, Equatable {
    public let name: String
    public let bytes: Int?
  }

  public private(set) var parts: [Part] = []

  public init() {}

  /// Adds `count` single-precision values (nil: the count overflowed).
  public mutating func add(_ name: String, floats count: Int?) {
    parts.append(Part(name: name, bytes: count.flatMap { Checked.product($0, MemoryLayout<Float>.stride) }))
  }

  /// Adds `bytes` bytes.
  public mutating func add(_ name: String, bytes: Int?) { parts.append(Part(name: name, bytes: bytes)) }

  /// Adds every part of `other`.
  public mutating func add(_ other: MemoryNeed) { parts += other.parts }

  /// The total, nil when it (or a part) overflowed.
  public var total: Int? { Checked.sum(parts.map(\.bytes)) }

  /// "workspaces of 2 threads 51.2 GiB, data 3.1 GiB": the three largest parts (parts of one
  /// name summed), nil when there is only one.
  var largestParts: String? {
    var byName: [(String, Int?)] = []
    for part in parts {
      if let k = byName.firstIndex(where: { $0.0 == part.name }) {
        byName[k].1 = Checked.sum(byName[k].1, part.bytes)
      } else {
        byName.append((part.name, part.bytes))
      }
    }
    guard byName.count > 1 else { return nil }
    let sorted = byName.sorted { ($0.1 ?? .max) > ($1.1 ?? .max) }.prefix(3)
    return sorted.map { name, bytes in
      "\(name) " + (bytes.map { MemoryBudget.amount($0, roundingUp: true) } ?? "beyond any machine")
    }.joined(separator: ", ")
  }
}
