import CBLAS
import Dispatch
import Foundation
import HFEngine

/// Measures cblas_sgemm on given shapes the way the engine runs them: `threads` cores each running
/// the shape concurrently on their own operands with single-threaded BLAS, and one core alone.
// @unchecked Sendable: immutable after init; each measuring thread uses only its own `Operands`.
final class SGEMMLimit: @unchecked Sendable {
  struct Key: Hashable {
    var shape: GEMMCounter.Shape
    var threads: Int
  }
  /// GFLOP/s of every trial so far, per shape and core count.
  private var samples: [Key: [Double]] = [:]
  /// GEMM calls per trial that take about `minSeconds`.
  private var repeats: [Key: Int] = [:]
  let trials: Int
  let minSeconds: Double

  init(trials: Int, minSeconds: Double) {
    self.trials = Swift.max(1, trials)
    self.minSeconds = minSeconds
  }

  /// Aggregate GFLOP/s of `threads` concurrent copies of `shape`: the median of every trial taken
  /// (at least `trials` of them).
  func gflops(_ shape: GEMMCounter.Shape, threads: Int) -> Double {
    let key = Key(shape: shape, threads: threads)
    while samples[key, default: []].count < trials { samples[key, default: []].append(trial(key)) }
    return Stopwatch.median(samples[key]!)
  }

  /// Seconds the GEMMs in `shapes` (calls per shape, summed over all shards) take at the limit
  /// when their calls are spread evenly over `threads` cores (from the median GFLOP/s).
  func seconds(for shapes: [GEMMCounter.Shape: Int], threads: Int) -> Double {
    shapes.reduce(0) { $0 + Double($1.value) * $1.key.flops / (gflops($1.key, threads: threads) * 1e9) }
  }

  /// The same, from one fresh trial of every shape (kept with the others); timing an operation
  /// alternately with this keeps both under the same machine load.
  func sampleSeconds(for shapes: [GEMMCounter.Shape: Int], threads: Int) -> Double {
    shapes.reduce(0) { total, entry in
      let key = Key(shape: entry.key, threads: threads)
      let g = trial(key)
      samples[key, default: []].append(g)
      return total + Double(entry.value) * entry.key.flops / (g * 1e9)
    }
  }

  /// Rows of the limit table for every shape measured on `threads` cores.
  func rows(threads: Int) -> [LimitRow] {
    samples.keys.filter { $0.threads == threads }.map(\.shape).sorted().map { s in
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

  // @unchecked Sendable: one thread's matrices, written by that thread only while it measures.
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

  /// One trial: GFLOP/s of `threads` cores each running the shape `repeats` times concurrently.
  private func trial(_ key: Key) -> Double {
    let s = key.shape, threads = key.threads
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
    let count: Int
    if let known = repeats[key] {
      count = known
    } else {
      let once = timed(1)  // also warms the operands up
      count = Swift.max(1, Int((minSeconds / Swift.max(once, 1e-6)).rounded(.up)))
      repeats[key] = count
    }
    return Double(threads * count) * s.flops / timed(count) / 1e9
  }
}
