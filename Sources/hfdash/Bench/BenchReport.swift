import HFEngine

import Foundation

/// Everything `hfdash bench` measured; `--json` writes it as one object.
struct BenchReport: Codable {
  var machine: MachineInfo
  /// What every run of the bench had in common.
  var settings: BenchSettings
  /// One entry per subsystem measured (the feed-forward engine now; recurrent nets, the
  /// dashboard renderer and the recorder add their own suites).
  var suites: [SuiteReport]
}

/// The options the figures were taken with.
struct BenchSettings: Codable {
  var preset: String
  var data: String
  var batches: [Int]
  var repetitions: Int
  var threads: Int
  var quick: Bool
}

/// The figures of one subsystem.
struct SuiteReport: Codable {
  var name: String
  /// The sgemm limit on the exact GEMM shapes the suite's operations ran.
  var limit: [LimitRow]
  /// Timed operations, each against its sgemm limit.
  var operations: [OperationRow]
  /// The same operations on 1 core and on all cores.
  var coreScaling: [CoreScalingRow]
  var cgIteration: CGIterationFigures?
  var hfIteration: HFIterationFigures?
  var memory: MemoryFigures?
  /// How cost grows with the curvature batch and the layer widths.
  var growth: [GrowthRow]
  /// The curvature spectrum's eigen-solves against one Gauss-Newton product.
  var spectrum: SpectrumCostFigures?
}

/// LAPACK's eigen-solve of CG's Lanczos tridiagonal T_k, against one Gauss-Newton product.
struct SpectrumCostFigures: Codable {
  /// k of each measured tridiagonal: the timed HF iterations' CG runs, then a run as long as the cap.
  var steps: [Int]
  /// Median seconds of every Ritz value with its residual bound (`dstev_` with eigenvectors), per k.
  var spectrumSeconds: [Double]
  /// Median seconds of θ_min and θ_max alone (`dstev_`, eigenvalues only), per k.
  var rangeSeconds: [Double]
  /// Seconds of all the running estimates a CG run of `capSteps` steps reports (on its schedule).
  var runningSecondsAtCap: Double
  var capSteps: Int
  /// Median seconds of one Gauss-Newton product on the first batch.
  var gvSeconds: Double
}

/// sgemm GFLOP/s on one shape, run as the engine runs it.
struct LimitRow: Codable {
  /// forward (A·Bᵀ), weight-gradient (Aᵀ·B) or back-propagation (A·B).
  var kind: String
  var m: Int
  var n: Int
  var k: Int
  /// GFLOP/s summed over `threads` cores each running this shape concurrently (single-threaded BLAS).
  var threads: Int
  var gflops: Double
  /// GFLOP/s of one core running it alone.
  var gflopsOneCore: Double
}

/// One timed operation.
struct OperationRow: Codable {
  var name: String
  var batch: Int
  var threads: Int
  var medianSeconds: Double
  var samples: Int
  /// Σ 2·m·n·k over the operation's GEMMs.
  var gemmFlops: Double
  var usefulGFLOPS: Double
  /// GFLOP/s sgemm reaches on the same shapes, sharded the same way.
  var limitGFLOPS: Double
  /// usefulGFLOPS / limitGFLOPS.
  var fractionOfLimit: Double
}

/// An operation on 1 core and on all cores.
struct CoreScalingRow: Codable {
  var name: String
  var batch: Int
  var threads: Int
  var secondsOneCore: Double
  var secondsAllCores: Double
  var speedup: Double
}

/// One CG iteration (a damped curvature product plus the vector updates).
struct CGIterationFigures: Codable {
  var batch: Int
  var threads: Int
  var medianSeconds: Double
  var iterationsMeasured: Int
  /// Heap allocation calls (malloc/calloc/realloc/aligned) per CG iteration after the first,
  /// counted process-wide by the interposed allocator.
  var allocationsPerIteration: Double
  /// The same, inside the CG of a real HF iteration.
  var allocationsPerIterationInHF: Double
  /// Net change of glibc's allocated bytes (mallinfo2 uordblks) per iteration.
  var netBytesPerIteration: Double
}

/// Whole HF iterations on the preset.
struct HFIterationFigures: Codable {
  var iterationsMeasured: Int
  var curvatureBatch: Int
  var gradientCases: Int
  var threads: Int
  var medianSeconds: Double
  var cgIterations: [Int]
  /// Mean seconds per phase (IterationReport.times).
  var phases: PhaseTimes
  /// Seconds inside GEMM calls per iteration, averaged over the cores (opt-in engine counter).
  var gemmSeconds: Double
  /// GEMM time the same GEMMs take at the sgemm limit.
  var gemmSecondsAtLimit: Double
  /// Σ 2·m·n·k of the iteration's GEMMs per second of the whole iteration.
  var usefulGFLOPS: Double
  /// 1 − gemmSeconds / total: time outside GEMM calls.
  var outsideGEMMShare: Double
}

/// Peak resident memory against what the run's data structures need.
struct MemoryFigures: Codable {
  /// VmHWM after the HF iterations (peak since the bench reset it before loading the data).
  var peakResidentBytes: Double
  /// VmRSS before the data was loaded (runtime, libraries, the bench itself).
  var baselineResidentBytes: Double
  var needBytes: Double
  var dataBytes: Double
  var parameterBytes: Double
  var cgVectorBytes: Double
  var cgVectors: Int
  var activationBytes: Double
  /// peakResidentBytes / needBytes.
  var ratio: Double
  /// (peakResidentBytes − baselineResidentBytes) / needBytes: the run's own share.
  var ratioAboveBaseline: Double
}

/// Cost at one point of a growth series.
struct GrowthRow: Codable {
  /// "batch" (curvature batch doubles) or "width" (hidden widths scaled).
  var series: String
  var batch: Int
  var widthFactor: Double
  var parameters: Int
  var gvSeconds: Double
  /// Useful GFLOP/s of that product (constant when time grows with the GEMM work alone).
  var gvGFLOPS: Double
  /// One HF iteration with exactly `cgIterations` CG iterations.
  var hfIterationSeconds: Double
  var cgIterations: Int
}
