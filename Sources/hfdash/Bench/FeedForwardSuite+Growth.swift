import Foundation
import HFEngine

extension FeedForwardSuite {
  /// Gv and HF-iteration time as the curvature batch doubles, and as the hidden widths scale.
  func growthRows(_ rig: BenchRig) -> [GrowthRow] {
    var rows: [GrowthRow] = []
    let batches = plan.growthBatches(trainCases: rig.train.count)
    if let first = batches.first {
      let opt = optimizer(rig.architecture, rig, batch: first)
      for b in batches {
        progress("  batch \(b)")
        rows.append(growthPoint(series: "batch", factor: 1, b, opt))
      }
    }
    let batch = Swift.min(plan.batches[0], rig.train.count)
    for f in plan.widthFactors {
      progress("  widths ×\(f)")
      if f == 1, let same = rows.first(where: { $0.batch == batch }) {
        var r = same
        r.series = "width"
        rows.append(r)
        continue
      }
      let arch = Self.scaled(rig.architecture, by: f)
      rows.append(growthPoint(series: "width", factor: f, batch, optimizer(arch, rig, batch: batch)))
    }
    return rows
  }

  /// An optimizer on `arch` over the rig's data whose HF iterations run exactly the growth
  /// series' CG iteration count; one warm-up iteration has run.
  private func optimizer(_ arch: NetworkArchitecture, _ rig: BenchRig, batch: Int) -> HFOptimizer<Float> {
    var config = rig.optimizer.config
    config.curvatureBatchSize = batch
    config.cg.maxIterations = plan.growthCGIterations
    config.cg.minIterations = plan.growthCGIterations
    config.testInterval = 0
    let model = FeedForwardModel<Float>(
      architecture: arch, shards: plan.threads, blockRows: FeedForwardModel<Float>.defaultBlockRows)
    var rng = SeededGenerator(seed: plan.seed, stream: 9)
    let theta: [Float] = ParameterInitializer.martensSparse.initialize(arch.layout, rng: &rng)
    let opt = HFOptimizer(problem: FeedForwardProblem(model: model, train: rig.train, test: nil), config: config, initialTheta: theta)
    opt.step()
    return opt
  }

  private func growthPoint(series: String, factor: Double, _ batch: Int, _ opt: HFOptimizer<Float>) -> GrowthRow {
    opt.config.curvatureBatchSize = batch
    let problem = opt.problem as! FeedForwardProblem<Float>
    let model = problem.model
    let n = model.parameterCount
    let v = Self.randomVector(n, seed: 5), out = Buffer<Float>(count: n)
    model.prepareCurvature(theta: opt.theta, data: problem.train, rows: 0..<batch, type: .gaussNewton)
    GEMMCounter.reset()
    GEMMCounter.setEnabled(true)
    model.curvatureProduct(theta: opt.theta, v: v.pointer, into: out.pointer, type: .gaussNewton)
    GEMMCounter.setEnabled(false)
    let flops = GEMMCounter.totals.flops
    let gv = WorkerTeam.run(threads: plan.threads) {
      Stopwatch.median(samples: plan.repetitions) {
        model.curvatureProduct(theta: opt.theta, v: v.pointer, into: out.pointer, type: .gaussNewton)
      }
    }
    let report = opt.step()
    return GrowthRow(
      series: series, batch: batch, widthFactor: factor, parameters: n, gvSeconds: gv, gvGFLOPS: flops / gv / 1e9,
      hfIterationSeconds: report?.times.total ?? .nan, cgIterations: report?.cgIterations ?? 0)
  }

  /// The architecture with every hidden width multiplied by `factor` (at least 1).
  static func scaled(_ arch: NetworkArchitecture, by factor: Double) -> NetworkArchitecture {
    var sizes = arch.layerSizes
    for i in 1..<(sizes.count - 1) { sizes[i] = Swift.max(1, Int((Double(sizes[i]) * factor).rounded())) }
    return NetworkArchitecture(layerSizes: sizes, hiddenActivations: arch.hiddenActivations, output: arch.output)
  }
}
