/// A fixed-size, heap-allocated vector with a stable address, shared by the engine's
/// worker shards. Each shard writes only its own buffers or disjoint ranges.
// @unchecked Sendable: shards write only their own buffers or disjoint ranges; parallelFor's join orders them.
public final class Buffer<S: HFScalar>: @unchecked Sendable {
  /// The storage; valid for the buffer's lifetime.
  public let pointer: UnsafeMutablePointer<S>
  public let count: Int

  /// A zero-filled buffer of `count` elements.
  public init(count: Int) {
    self.count = count
    pointer = .allocate(capacity: Swift.max(count, 1))
    pointer.initialize(repeating: 0, count: Swift.max(count, 1))
  }

  /// A buffer holding a copy of `values`.
  public convenience init(_ values: [S]) {
    self.init(count: values.count)
    values.withUnsafeBufferPointer { src in
      if let base = src.baseAddress { pointer.update(from: base, count: values.count) }
    }
  }

  deinit { pointer.deallocate() }

  /// The contents as an array.
  public var array: [S] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

  /// Sets every element to zero.
  public func zero() { pointer.update(repeating: 0, count: count) }

  /// Copies `other` into this buffer (same count).
  public func copy(from other: Buffer<S>) {
    precondition(other.count == count)
    pointer.update(from: other.pointer, count: count)
  }

  public subscript(i: Int) -> S {
    get { pointer[i] }
    set { pointer[i] = newValue }
  }
}
