import Foundation

/// The frames waiting for one viewer: filled by the session's hub without ever waiting, emptied
/// by the viewer's writer thread, which may block on a slow reader meanwhile.
///
/// The same rule as a lossy subscription: past `capacity` waiting frames, the oldest CG-step frame
/// is dropped (and counted); every other frame (iterations, controls, state, replies) is kept,
/// so a viewer that stops reading loses CG-step detail and nothing else.
final class FrameOutbox: Sendable {
  /// The queued frames and their counters; the writer waits on it for frames.
  private struct Queue {
    var frames = FrameFIFO()
    var cgFrames = FrameFIFO()
    var arrivals: UInt64 = 0
    var dropped = 0
    var closed = false
  }

  private let queue = ConditionGuarded(Queue())
  let capacity: Int

  init(capacity: Int) { self.capacity = max(1, capacity) }

  /// CG-step frames dropped so far.
  var droppedCount: Int { queue.withLock { $0.dropped } }

  /// Queues `bytes` (one frame, newline included); `isCGStep` marks the ones that may be dropped.
  func push(_ bytes: [UInt8], isCGStep: Bool) {
    let queued = queue.withLock { q -> Bool in
      guard !q.closed else { return false }
      q.arrivals += 1
      if q.frames.count + q.cgFrames.count >= capacity {
        if !q.cgFrames.isEmpty {
          q.cgFrames.removeFirst()
          q.dropped += 1
        } else if isCGStep {
          q.dropped += 1
          return false
        }
      }
      if isCGStep { q.cgFrames.append(q.arrivals, bytes) } else { q.frames.append(q.arrivals, bytes) }
      return true
    }
    if queued { queue.broadcast() }
  }

  /// No more frames will be pushed; the writer sends what is queued, then ends.
  func close() {
    queue.withLock { $0.closed = true }
    queue.broadcast()
  }

  /// Waits up to `timeout` seconds for frames; returns them in arrival order, concatenated, and
  /// whether the outbox is closed and empty (the writer's cue to finish).
  func take(timeout: Double) -> (bytes: [UInt8], finished: Bool) {
    queue.wait(until: Date(timeIntervalSinceNow: timeout)) { $0.frames.isEmpty && $0.cgFrames.isEmpty && !$0.closed }
    var (a, b, isClosed) = queue.withLock { q -> (FrameFIFO, FrameFIFO, Bool) in
      defer {
        q.frames = FrameFIFO()
        q.cgFrames = FrameFIFO()
      }
      return (q.frames, q.cgFrames, q.closed)
    }
    var out: [UInt8] = []
    while let x = a.firstArrival, let y = b.firstArrival {
      out += x < y ? a.removeFirst() : b.removeFirst()
    }
    while !a.isEmpty { out += a.removeFirst() }
    while !b.isEmpty { out += b.removeFirst() }
    return (out, isClosed && out.isEmpty)
  }
}

/// A first-in first-out list of frames with their arrival numbers (an array with a moving head).
struct FrameFIFO {
  private var items: [(UInt64, [UInt8])] = []
  private var head = 0

  var count: Int { items.count - head }
  var isEmpty: Bool { head == items.count }
  var firstArrival: UInt64? { isEmpty ? nil : items[head].0 }

  mutating func append(_ arrival: UInt64, _ bytes: [UInt8]) { items.append((arrival, bytes)) }

  @discardableResult
  mutating func removeFirst() -> [UInt8] {
    let bytes = items[head].1
    items[head].1 = []
    head += 1
    if head == items.count {
      items.removeAll(keepingCapacity: true)
      head = 0
    } else if head >= 1024 && head * 2 >= items.count {
      items.removeFirst(head)
      head = 0
    }
    return bytes
  }
}
