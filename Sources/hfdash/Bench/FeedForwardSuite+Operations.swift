import Foundation
import HFEngine

extension FeedForwardSuite {
  /// Forward pass, gradient (with the per-case squares HF uses), Gauss-Newton and Hessian products
  /// on `batch` cases with `threads` shards, each against the sgemm limit on its own GEMMs.
  func operationRows(_ rig: BenchRig, theta: Buffer<Float>, batch: Int, threads: Int) -> [OperationRow] {
    WorkerTeam.run(threads: threads) { timeOperations(rig, theta: theta, batch: batch, threads: threads) }
  }

  private func timeOperations(_ rig: BenchRig, theta: Buffer<Float>, batch: Int, threads: Int) -> [OperationRow] {
    let model = FeedForwardModel<Float>(
      architecture: rig.architecture, shards: threads, blockRows: FeedForwardModel<Float>.defaultBlockRows)
    let n = model.parameterCount
    let g = Buffer<Float>(count: n), g2 = Buffer<Float>(count: n), out = Buffer<Float>(count: n)
    let v = Self.randomVector(n, seed: 3)
    let rows = 0..<batch
    var result: [OperationRow] = []
    func measure(_ name: String, _ body: () -> Void) {
      GEMMCounter.reset()
      GEMMCounter.setEnabled(true)
      body()
      GEMMCounter.setEnabled(false)
      let counted = GEMMCounter.totals
      // The operation and its sgemm limit are timed alternately, so both see the same machine load.
      var times: [Double] = [], limits: [Double] = []
      for _ in 0..<plan.repetitions {
        times.append(Stopwatch.time(body))
        limits.append(limit.sampleSeconds(for: counted.shapes, threads: threads))
      }
      let seconds = Stopwatch.median(times), atLimit = Stopwatch.median(limits)
      result.append(
        OperationRow(
          name: name, batch: batch, threads: threads, medianSeconds: seconds, samples: plan.repetitions,
          gemmFlops: counted.flops, usefulGFLOPS: counted.flops / seconds / 1e9,
          limitGFLOPS: counted.flops / atLimit / 1e9, fractionOfLimit: atLimit / seconds))
    }
    measure("forward") { _ = model.evaluate(theta: theta, data: rig.train, rows: rows) }
    measure("gradient") { _ = model.gradient(theta: theta, data: rig.train, rows: rows, into: g, squares: g2) }
    model.prepareCurvature(theta: theta, data: rig.train, rows: rows, type: .gaussNewton)
    measure("Gauss-Newton product") {
      model.curvatureProduct(theta: theta, v: v.pointer, into: out.pointer, type: .gaussNewton)
    }
    model.prepareCurvature(theta: theta, data: rig.train, rows: rows, type: .hessian)
    measure("Hessian product") { model.curvatureProduct(theta: theta, v: v.pointer, into: out.pointer, type: .hessian) }
    return result
  }

  /// CG iterations on the damped Gauss-Newton system of `batch` cases: the median time of one
  /// iteration, and heap allocations per iteration after the first.
  func cgIteration(_ rig: BenchRig, theta: Buffer<Float>, batch: Int) -> CGIterationFigures {
    WorkerTeam.run(threads: plan.threads) { timeCG(rig, theta: theta, batch: batch) }
  }

  private func timeCG(_ rig: BenchRig, theta: Buffer<Float>, batch: Int) -> CGIterationFigures {
    let model = FeedForwardModel<Float>(
      architecture: rig.architecture, shards: plan.threads, blockRows: FeedForwardModel<Float>.defaultBlockRows)
    let n = model.parameterCount
    let g = Buffer<Float>(count: n), g2 = Buffer<Float>(count: n), m = Buffer<Float>(count: n)
    _ = model.gradient(theta: theta, data: rig.train, rows: 0..<batch, into: g, squares: g2)
    let lambda = Float(rig.optimizer.lambda), wc = Float(rig.optimizer.config.weightCost)
    for j in 0..<n {
      g.pointer[j] = -g.pointer[j]
      m.pointer[j] = Float(pow(Double(g2.pointer[j] + lambda + wc), 0.75))
    }
    model.prepareCurvature(theta: theta, data: rig.train, rows: 0..<batch, type: .gaussNewton)
    let damping = lambda + wc
    let cg = ConjugateGradient<Float>(dimension: n)
    var settings = CGSettings()
    settings.maxIterations = plan.cgIterations
    settings.minIterations = plan.cgIterations
    var stamps = [Double](repeating: 0, count: settings.maxIterations + 1)
    var allocAtFirst = 0, allocAtLast = 0, bytesAtFirst = 0.0, bytesAtLast = 0.0, last = 0
    let result = cg.solve(
      apply: { vin, vout in
        model.curvatureProduct(theta: theta, v: vin, into: vout, type: .gaussNewton)
        for j in 0..<n { vout[j] += damping * vin[j] }
      }, b: g.pointer, x0: nil, preconditioner: m, settings: settings
    ) { step in
      stamps[step.i] = Stopwatch.now()
      if step.i == 1 {
        bytesAtFirst = AllocationProbe.allocatedBytes
        AllocationProbe.start()
        allocAtFirst = AllocationProbe.count
      } else {
        allocAtLast = AllocationProbe.count
        bytesAtLast = AllocationProbe.allocatedBytes
        last = step.i
      }
      return true
    }
    AllocationProbe.stop()
    let measured = Swift.max(last - 1, 1)
    let durations = (1..<Swift.max(last, 2)).map { stamps[$0 + 1] - stamps[$0] }.filter { $0 > 0 }
    return CGIterationFigures(
      batch: batch, threads: plan.threads, medianSeconds: Stopwatch.median(durations),
      iterationsMeasured: Swift.min(measured, result.iterations),
      allocationsPerIteration: Double(allocAtLast - allocAtFirst) / Double(measured), allocationsPerIterationInHF: .nan,
      netBytesPerIteration: (bytesAtLast - bytesAtFirst) / Double(measured))
  }

  /// A deterministic vector with entries in [−0.5, 0.5).
  static func randomVector(_ n: Int, seed: UInt64) -> Buffer<Float> {
    var rng = SeededGenerator(seed: seed)
    let b = Buffer<Float>(count: n)
    for j in 0..<n { b.pointer[j] = rng.nextFloat01() - 0.5 }
    return b
  }
}
