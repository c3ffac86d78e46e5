import Dispatch
import Synchronization

/// Opt-in accounting of every GEMM the engine runs (calls, FLOPs, thread-seconds, shapes), for
/// `hfdash bench`. Off by default; when off a GEMM pays one predictable branch on a flag.
public enum GEMMCounter {
  /// One GEMM shape as the engine calls it (row-major, op(A) m×k, op(B) k×n).
  public struct Shape: Hashable, Sendable, Codable, Comparable {
    /// Whether A is transposed (op(A) = Aᵀ).
    public var transA: Bool
    /// Whether B is transposed.
    public var transB: Bool
    /// Rows of op(A) and C.
    public var m: Int
    /// Columns of op(B) and C.
    public var n: Int
    /// The inner dimension.
    public var k: Int
    /// A shape from its transpositions and dimensions.
    public init(transA: Bool, transB: Bool, m: Int, n: Int, k: Int) {
      self.transA = transA
      self.transB = transB
      self.m = m
      self.n = n
      self.k = k
    }
    /// 2·m·n·k.
    public var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
    /// Orders forward (A·Bᵀ) and back-propagation shapes before weight-gradient ones, then by size.
    public static func < (a: Shape, b: Shape) -> Bool {
      if a.transA != b.transA { return !a.transA }
      if a.transB != b.transB { return !a.transB }
      if a.m != b.m { return a.m < b.m }
      if a.n != b.n { return a.n < b.n }
      return a.k < b.k
    }
  }

  /// What was counted since the last `reset`.
  public struct Totals: Sendable, Equatable {
    /// GEMM calls.
    public var calls = 0
    /// Σ 2·m·n·k.
    public var flops = 0.0
    /// Σ seconds inside GEMM calls, summed over the threads that made them.
    public var threadSeconds = 0.0
    /// Calls per shape.
    public var shapes: [Shape: Int] = [:]
    /// Nothing counted.
    public init() {}
  }

  private static let enabled = Atomic<Bool>(false)
  private static let counted = Mutex(Totals())

  /// Whether GEMMs are being counted.
  public static var isEnabled: Bool { enabled.load(ordering: .relaxed) }

  /// Turns counting on or off (GEMMs already running are counted or not by the flag they read).
  public static func setEnabled(_ on: Bool) { enabled.store(on, ordering: .relaxed) }

  /// Clears the totals.
  public static func reset() {
    counted.withLock { $0 = Totals() }
  }

  /// The totals counted so far.
  public static var totals: Totals {
    counted.withLock { $0 }
  }

  /// Runs `body` (one GEMM) and adds it to the totals.
  @inline(never)
  static func count(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, _ body: () -> Void) {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let shape = Shape(transA: transA, transB: transB, m: m, n: n, k: k)
    counted.withLock {
      $0.calls += 1
      $0.flops += shape.flops
      $0.threadSeconds += seconds
      $0.shapes[shape, default: 0] += 1
    }
  }
}
