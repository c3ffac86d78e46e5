import Foundation
import HFEngine

/// An in-process `Collective` for tests: `size` ranks on threads of their own, exchanging through
/// a shared rendezvous (sums in rank order; broadcasts from rank 0).
final class ThreadCollective: Collective, @unchecked Sendable {
  /// The rendezvous every rank of one group meets at, once per collective operation.
  final class Group: @unchecked Sendable {
    let size: Int
    private let condition = NSCondition()
    private var slots: [[UInt8]]
    private var arrived = 0
    private var generation = 0
    private var result: [UInt8] = []

    init(size: Int) {
      self.size = size
      slots = Array(repeating: [], count: size)
    }

    /// Deposits `bytes`, waits for every rank, returns `combine` of all deposits (rank order).
    func exchange(rank: Int, _ bytes: [UInt8], combine: ([[UInt8]]) -> [UInt8]) -> [UInt8] {
      condition.lock()
      defer { condition.unlock() }
      let mine = generation
      slots[rank] = bytes
      arrived += 1
      if arrived == size {
        result = combine(slots)
        arrived = 0
        generation += 1
        condition.broadcast()
      } else {
        while generation == mine { condition.wait() }
      }
      return result
    }
  }

  let rank: Int
  let group: Group
  var size: Int { group.size }
  private(set) var communicationSeconds = 0.0
  private(set) var payloadBytes = 0
  private(set) var operationCount = 0

  init(rank: Int, group: Group) {
    self.rank = rank
    self.group = group
  }

  /// One collective per rank of a new group.
  static func group(size: Int) -> [ThreadCollective] {
    let g = Group(size: size)
    return (0..<size).map { ThreadCollective(rank: $0, group: g) }
  }

  /// Runs `body(rank)` on one thread per rank and waits for all.
  static func run(size: Int, _ body: @escaping @Sendable (ThreadCollective) -> Void) {
    let ranks = group(size: size)
    let done = DispatchGroup()
    for collective in ranks {
      done.enter()
      Thread {
        body(collective)
        done.leave()
      }.start()
    }
    done.wait()
  }

  private func sum<T: FloatingPoint>(_ values: UnsafeMutablePointer<T>, count: Int) {
    let bytes = Array(UnsafeRawBufferPointer(start: values, count: count * MemoryLayout<T>.stride))
    let total = group.exchange(rank: rank, bytes) { parts in
      var acc = [T](repeating: 0, count: count)
      for part in parts {
        part.withUnsafeBytes { raw in
          let p = raw.bindMemory(to: T.self)
          for j in 0..<count { acc[j] += p[j] }
        }
      }
      return acc.withUnsafeBytes { Array($0) }
    }
    total.withUnsafeBytes { raw in
      UnsafeMutableRawPointer(values).copyMemory(from: raw.baseAddress!, byteCount: raw.count)
    }
    operationCount += 1
    payloadBytes += bytes.count
  }

  func allreduceSum(_ values: UnsafeMutablePointer<Float>, count: Int) { sum(values, count: count) }
  func allreduceSum(_ values: UnsafeMutablePointer<Double>, count: Int) { sum(values, count: count) }

  func broadcast(_ bytes: UnsafeMutableRawPointer, count: Int) {
    let mine = Array(UnsafeRawBufferPointer(start: bytes, count: count))
    let root = group.exchange(rank: rank, mine) { $0[0] }
    root.withUnsafeBytes { bytes.copyMemory(from: $0.baseAddress!, byteCount: count) }
    operationCount += 1
  }
}
