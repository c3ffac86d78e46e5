/// One result slot per shard; each shard writes only its own slot, so no lock is needed.
// @unchecked Sendable: shard k writes only slot k; the slots are read after parallelFor's join.
final class ShardSlots<T>: @unchecked Sendable {
  private var values: [T]
  init(count: Int, initial: T) { values = Array(repeating: initial, count: count) }
  subscript(i: Int) -> T {
    get { values[i] }
    set { values[i] = newValue }
  }
  var all: [T] { values }
}

/// A raw pointer handed to worker shards that read (or write disjoint parts of) it.
// @unchecked Sendable: shards read it, or write disjoint parts of it, inside one parallelFor.
struct SharedPointer<S>: @unchecked Sendable {
  let raw: UnsafeMutablePointer<S>
  init(_ p: UnsafeMutablePointer<S>) { raw = p }
  init(_ p: UnsafePointer<S>) { raw = UnsafeMutablePointer(mutating: p) }
}
