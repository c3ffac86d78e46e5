import CBLAS
import Dispatch
import Foundation
import HFEngine

/// Measures cblas_sgemm on given shapes the way the engine runs them: `threads` cores each running
/// the shape concurrently on their own operands with single-threaded BLAS, and one core alone.
final class SGEMMLimit: @unchecked Sendable {
  struct Key: Hashable {
    var shape: GEMMCounter.Shape
    var threads: Int
  }
  private var cache: [Key: Double] = [:]
  let trials: Int
  let minSeconds: Double

  init(trials: Int, minSeconds: Double) {
    self.trials = Swift.max(1, trials)
    self.minSeconds = minSeconds
  }

  /// Aggregate GFLOP/s of `threads` concurrent copies of `shape` (median of the trials).
  func gflops(_ shape: GEMMCounter.Shape, threads: Int) -> Double {
    let key = Key(shape: shape, threads: threads)
    if let v = cache[key] { return v }
    let v = measure(shape, threads: threads)
    cache[key] = v
    return v
  }

  /// Seconds the GEMMs in `shapes` (calls per shape, summed over all shards) take at the limit
  /// when their calls are spread evenly over `threads` cores.
  func seconds(for shapes: [GEMMCounter.Shape: Int], threads: Int) -> Double {
    shapes.reduce(0) { $0 + Double($1.value) * $1.key.flops / (gflops($1.key, threads: threads) * 1e9) }
  }

  /// Rows of the limit table for every shape measured on `threads` cores.
  func rows(threads: Int) -> [LimitRow] {
    cache.keys.filter { $0.threads == threads }.map(\.shape).sorted().map { s in
      LimitRow(
        kind: Self.kind(s), m: s.m, n: s.n, k: s.k, threads: threads, gflops: gflops(s, threads: threads),
        gflopsOneCore: gflops(s, threads: 1))
    }
  }

  /// forward (A·Bᵀ), weight-gradient (Aᵀ·B) or back-propagation (A·B).
  static func kind(_ s: GEMMCounter.Shape) -> String {
    switch (s.transA, s.transB) {
    case (false, true): "forward"
    case (true, false): "weight-gradient"
    case (false, false): "back-propagation"
    case (true, true): "other"
    }
  }

  private final class Operands: @unchecked Sendable {
    let a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>, c: UnsafeMutablePointer<Float>
    init(_ s: GEMMCounter.Shape, seed: Int) {
      a = .allocate(capacity: s.m * s.k)
      b = .allocate(capacity: s.k * s.n)
      c = .allocate(capacity: s.m * s.n)
      var x = UInt32(truncatingIfNeeded: 12345 + seed)
      func next() -> Float {
        x = x &* 1_664_525 &+ 1_013_904_223
        return Float(x >> 8) / Float(1 << 24) - 0.5
      }
      for i in 0..<(s.m * s.k) { a[i] = next() }
      for i in 0..<(s.k * s.n) { b[i] = next() }
      c.initialize(repeating: 0, count: s.m * s.n)
    }
    deinit {
      a.deallocate()
      b.deallocate()
      c.deallocate()
    }
  }

  private func measure(_ s: GEMMCounter.Shape, threads: Int) -> Double {
    openblas_set_num_threads(1)
    let ops = (0..<threads).map { Operands(s, seed: $0) }
    let run: @Sendable (Int, Int) -> Void = { t, count in
      let o = ops[t]
      let lda = s.transA ? s.m : s.k, ldb = s.transB ? s.k : s.n
      for _ in 0..<count {
        cblas_sgemm(
          CblasRowMajor, s.transA ? CblasTrans : CblasNoTrans, s.transB ? CblasTrans : CblasNoTrans,
          Int32(s.m), Int32(s.n), Int32(s.k), 1, o.a, Int32(lda), o.b, Int32(ldb), 0, o.c, Int32(s.n))
      }
    }
    func timed(_ count: Int) -> Double {
      Stopwatch.time {
        if threads == 1 { run(0, count) } else { DispatchQueue.concurrentPerform(iterations: threads) { run($0, count) } }
      }
    }
    // Calibrate the repeat count so that one trial lasts about minSeconds.
    let once = timed(1)
    let count = Swift.max(1, Int((minSeconds / Swift.max(once, 1e-6)).rounded(.up)))
    let samples = (0..<trials).map { _ in Double(threads * count) * s.flops / timed(count) / 1e9 }
    return Stopwatch.median(samples)
  }
}
