import Foundation
import HFEngine

/// The feed-forward engine's figures: operations against the sgemm limit, a CG iteration, whole HF
/// iterations, memory, and how cost grows with the batch and the widths.
struct FeedForwardSuite {
  /// The plan; `run` fills in the preset's curvature batch when no --batch was given.
  private(set) var plan: BenchPlan
  let limit: SGEMMLimit
  /// Progress lines go here (stderr), so stdout stays the report.
  let progress: (String) -> Void
  /// What the data was, once `run` has loaded it.
  private(set) var dataLabel = ""

  init(plan: BenchPlan, limit: SGEMMLimit, progress: @escaping (String) -> Void) {
    self.plan = plan
    self.limit = limit
    self.progress = progress
  }

  mutating func run() throws(DataError) -> SuiteReport {
    var config = plan.preset.config
    config.threads = plan.threads
    config.curvatureBatchSize = plan.batches.first
    config.testInterval = 0
    if plan.quick { config.cg.maxIterations = 10 }

    progress("loading \(plan.preset.name) data and running HF iterations")
    ResidentMemory.resetPeak()
    let baseline = ResidentMemory.current
    let rig = try BenchRig(
      preset: plan.preset, data: plan.data, randomCases: plan.randomCases, config: config, seed: plan.seed)
    dataLabel = rig.dataLabel
    if plan.batches.isEmpty { plan.batches = [rig.train.count / Swift.max(1, config.chunks)] }
    let (hf, allocsInHF, tridiagonals) = hfIterations(rig)
    let memory = memoryFigures(rig, baseline: baseline)

    let theta = Buffer<Float>(count: rig.optimizer.theta.count)
    theta.copy(from: rig.optimizer.theta)
    // CG first: the sgemm trials below leave idle libdispatch workers whose later exit would
    // count as allocations of whatever is being measured then.
    progress("timing CG iterations")
    var cg = cgIteration(rig, theta: theta, batch: Swift.min(plan.batches[0], rig.train.count))
    cg.allocationsPerIterationInHF = allocsInHF
    var operations: [OperationRow] = []
    var scaling: [CoreScalingRow] = []
    let threadCounts = plan.threads > 1 ? [plan.threads, 1] : [1]
    for batch in plan.batches.map({ Swift.min($0, rig.train.count) }) {
      progress("timing operations at batch \(batch)")
      var rowsByThreads: [Int: [OperationRow]] = [:]
      for t in threadCounts {
        rowsByThreads[t] = operationRows(rig, theta: theta, batch: batch, threads: t)
      }
      operations += rowsByThreads[plan.threads] ?? []
      if plan.threads > 1, let all = rowsByThreads[plan.threads], let one = rowsByThreads[1] {
        operations += one
        scaling += zip(all, one).map { a, o in
          CoreScalingRow(
            name: a.name, batch: batch, threads: plan.threads, secondsOneCore: o.medianSeconds,
            secondsAllCores: a.medianSeconds, speedup: o.medianSeconds / a.medianSeconds)
        }
      }
    }
    progress("measuring growth with the batch and the widths")
    let growth = growthRows(rig)
    progress("timing the curvature spectrum's eigen-solves")
    let gv = operations.first { $0.name == "Gauss-Newton product" && $0.threads == plan.threads }?.medianSeconds ?? .nan
    let spectrum = spectrumCost(hfTridiagonals: tridiagonals, gvSeconds: gv)
    return SuiteReport(
      name: "feed-forward \(plan.preset.name)", limit: limit.rows(threads: plan.threads), operations: operations,
      coreScaling: scaling, cgIteration: cg, hfIteration: hf, memory: memory, growth: growth, spectrum: spectrum)
  }

  // MARK: HF iterations

  /// Times whole HF iterations (after one warm-up) with the engine's GEMM counter on, counts
  /// heap allocations inside their CG runs (iterations after the first), and keeps a copy of each
  /// run's Lanczos tridiagonal.
  private func hfIterations(_ rig: BenchRig) -> (HFIterationFigures, Double, [LanczosTridiagonal]) {
    let opt = rig.optimizer
    opt.step()
    var reports: [IterationReport] = []
    var tridiagonals: [LanczosTridiagonal] = []
    var allocs = 0, allocIterations = 0
    GEMMCounter.reset()
    GEMMCounter.setEnabled(true)
    for _ in 0..<plan.hfIterations {
      var atFirst = 0, atLast = 0, steps = 0
      let report = opt.step { event in
        if case .cgStep(let s) = event {
          if s.i == 1 {
            AllocationProbe.start()
            atFirst = AllocationProbe.count
          } else {
            atLast = AllocationProbe.count
            steps = s.i - 1
          }
        } else if case .cgFinished = event {
          AllocationProbe.stop()
        }
        return .proceed
      }
      AllocationProbe.stop()
      allocs += atLast - atFirst
      allocIterations += steps
      if let report { reports.append(report) }
      tridiagonals.append(opt.lastCGTridiagonal.copy())
    }
    GEMMCounter.setEnabled(false)
    let counted = GEMMCounter.totals
    let k = Double(Swift.max(reports.count, 1))
    let t = reports.map(\.times)
    func mean(_ f: (PhaseTimes) -> Double) -> Double { t.map(f).reduce(0, +) / k }
    let total = mean(\.total)
    let gemm = counted.threadSeconds / Double(plan.threads) / k
    var meanPhases = PhaseTimes()
    for key in [\PhaseTimes.gradient, \.cg, \.backtracking, \.lineSearch, \.evaluation, \.communication] {
      meanPhases[keyPath: key] = mean { $0[keyPath: key] }
    }
    meanPhases.total = total
    let figures = HFIterationFigures(
      iterationsMeasured: reports.count, curvatureBatch: reports.first?.curvatureBatch ?? 0,
      gradientCases: opt.config.gradientBatchSize ?? rig.train.count, threads: plan.threads,
      medianSeconds: Stopwatch.median(t.map(\.total)), cgIterations: reports.map(\.cgIterations),
      phases: meanPhases,
      gemmSeconds: gemm, gemmSecondsAtLimit: limit.seconds(for: counted.shapes, threads: plan.threads) / k,
      usefulGFLOPS: counted.flops / k / total / 1e9, outsideGEMMShare: 1 - gemm / total)
    return (figures, Double(allocs) / Double(Swift.max(allocIterations, 1)), tridiagonals)
  }

  // MARK: memory

  private func memoryFigures(_ rig: BenchRig, baseline: Double) -> MemoryFigures {
    let arch = rig.architecture
    func dataBytes(_ d: DataMatrix<Float>?) -> Double {
      guard let d else { return 0 }
      return Double(d.count * (d.inputWidth + (rig.targetsAreInputs ? 0 : d.targetWidth))) * 4
    }
    let n = Double(arch.layout.count)
    // ∇f, the preconditioner, the warm start, CG's x, r, p, Bp and preconditioned residual, plus
    // the iterates stored for backtracking (the grid up to the CG cap, and the last); θ is apart.
    let vectors = 8 + rig.optimizer.config.cg.storedIterationGrid.count + 1
    let batch = rig.optimizer.config.curvatureBatchSize ?? rig.train.count / Swift.max(1, rig.optimizer.config.chunks)
    let activations = Double(batch * arch.layerSizes.dropFirst().reduce(0, +)) * 4
    let data = dataBytes(rig.train) + dataBytes(rig.test)
    let need = data + n * 4 + Double(vectors) * n * 4 + activations
    let peak = ResidentMemory.peak
    return MemoryFigures(
      peakResidentBytes: peak, baselineResidentBytes: baseline, needBytes: need, dataBytes: data, parameterBytes: n * 4,
      cgVectorBytes: Double(vectors) * n * 4, cgVectors: vectors, activationBytes: activations, ratio: peak / need,
      ratioAboveBaseline: (peak - baseline) / need)
  }
}
