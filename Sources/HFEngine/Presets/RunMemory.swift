/// What a run will allocate, estimated from its sizes alone (checked arithmetic) so that
/// `TrainingSetup` can refuse a run that cannot fit before building any of it. The estimate
/// follows the engine's allocations: HF's vectors and CG's stored iterates, each shard's
/// workspaces and curvature cache, the data (as loaded and as the engine's copy), and for
/// recurrent runs the sequence batches. Small bookkeeping (arrays of a few entries per layer or
/// step) is left out.
enum RunMemory {
  /// HF's parameter-sized vectors: θ, the initial θ, the warm start, ∇f, the preconditioner, −∇f
  /// and the trial point; CG's x, r, y, p, Bp; and CG's stored iterates (its grid plus the last).
  static func optimizer(parameters n: Int?, cg: CGSettings) -> MemoryNeed {
    var need = MemoryNeed()
    let vectors = 7 + 5 + cg.storedIterationGrid.count + 1
    need.add("HF and CG vectors", floats: n.flatMap { Checked.product($0, vectors) })
    return need
  }

  /// A feed-forward HF run on `trainCases` + `testCases` cases.
  static func feedForward(
    _ arch: NetworkArchitecture, trainCases: Int, testCases: Int, targetsShared: Bool, config: HFConfig
  ) -> MemoryNeed {
    let n = arch.checkedParameterCount
    var need = optimizer(parameters: n, cg: config.cg)
    let inputs = arch.inputWidth, targets = targetsShared ? 0 : arch.outputWidth
    // The data as loaded (Dataset) and the engine's shuffled copy (DataMatrix).
    let cases = Checked.sum(trainCases, testCases)
    need.add("data", floats: Checked.product(2, cases ?? -1, Checked.sum(inputs, targets) ?? -1))
    let shards = Swift.max(1, config.threads)
    let batch = Swift.min(trainCases, Swift.max(1, config.curvatureBatchSize ?? (trainCases / Swift.max(1, config.chunks))))
    let cacheRows = (batch + shards - 1) / shards
    let perShard = shardWorkspace(arch, parameters: n, cacheRows: cacheRows, curvature: config.curvature)
    need.add("workspaces of \(shards) thread\(shards == 1 ? "" : "s")", floats: perShard.flatMap { Checked.product($0, shards) })
    return need
  }

  /// One feed-forward shard: two parameter-sized accumulators, the streaming arena (or the
  /// curvature views when larger), the curvature batch's activations and, for Hessian and Fisher
  /// products, its R{y} and δ caches.
  static func shardWorkspace(_ arch: NetworkArchitecture, parameters n: Int?, cacheRows: Int, curvature: CurvatureType?) -> Int? {
    let widths = arch.layerSizes
    let activations = Checked.sum(widths.dropFirst().map { Optional($0) })
    let widest = widths.max() ?? 1
    let hidden = widths.count > 2 ? widths[1..<(widths.count - 1)].max() ?? widest : widest
    let blockRows = FeedForwardModel<Float>.defaultBlockRows
    let streaming = Checked.product(blockRows, Checked.sum(activations, Checked.product(3, widest), hidden) ?? -1)
    guard let curvature else { return Checked.sum(Checked.product(2, n ?? -1), streaming) }
    let views = Checked.product(cacheRows, Checked.sum(widest, Checked.product(2, hidden)) ?? -1)
    let arena = Swift.max(streaming ?? .max, views ?? .max)
    let caches = curvature == .gaussNewton ? 1 : 3
    return Checked.sum(
      Checked.product(2, n ?? -1), arena == .max ? nil : arena, Checked.product(caches, cacheRows, activations ?? -1))
  }

  /// A recurrent HF run: per shard the streaming workspace for `RecurrentModel.defaultBlockRows`
  /// sequences of every step and the curvature cache of its share of the curvature batch; the
  /// gradient, held-out and test batches; HF's vectors.
  static func recurrent(_ spec: RecurrentSpec, config: HFConfig) -> MemoryNeed {
    let arch = spec.architecture
    let (V, H, O) = (arch.inputs, arch.hidden, arch.outputs)
    let steps = spec.task.maxSteps(spec.sequenceLength)
    let n = Checked.sum(Checked.product(H, V), Checked.product(H, H), Checked.product(O, H), H, O, H)
    var need = optimizer(parameters: n, cg: config.cg)
    let gradient = Swift.max(1, config.gradientBatchSize ?? 1000)
    let curvature = Swift.min(gradient, Swift.max(1, config.curvatureBatchSize ?? gradient))
    let perSequence = Checked.product(steps, V + O + 2)
    need.add(
      "sequence batches",
      floats: Checked.product(Checked.sum(gradient, curvature, spec.testSequences) ?? -1, perSequence ?? -1))
    let shards = Swift.max(1, config.threads), rows = RecurrentModel<Float>.defaultBlockRows
    let m = (curvature + shards - 1) / shards
    let streaming = Checked.sum(
      Checked.product(steps + 1, rows, H), Checked.product(steps, rows, O), Checked.product(2, rows, H),
      Checked.product(rows, O), n)
    let cache = Checked.sum(
      Checked.product(m, steps, 2 * H + 2 * O), Checked.product(m, 5 * H))
    let perShard = Checked.sum(streaming, cache)
    need.add("workspaces of \(shards) thread\(shards == 1 ? "" : "s")", floats: perShard.flatMap { Checked.product($0, shards) })
    return need
  }

  /// A racer of `kind` on a feed-forward network: its own model's shards (no curvature cache)
  /// and its parameter-sized vectors (θ, the step's start and difference, and the method's own).
  static func racer(_ kind: OptimizerKind, _ arch: NetworkArchitecture, settings: RacerSettings, threads: Int) -> MemoryNeed {
    let n = arch.checkedParameterCount
    let own: Int?
    switch kind {
    case .hf: own = 0
    case .sgd, .momentum, .adam: own = 3
    case .ncg: own = 5
    case .lbfgs: own = Checked.sum(6, Checked.product(2, Swift.max(1, settings.lbfgsHistory)))
    }
    var need = MemoryNeed()
    need.add("\(kind.displayName) vectors", floats: n.flatMap { n in Checked.sum(3, own).flatMap { Checked.product(n, $0) } })
    let shards = Swift.max(1, threads)
    need.add(
      "\(kind.displayName) workspaces",
      floats: shardWorkspace(arch, parameters: n, cacheRows: 0, curvature: nil).flatMap { Checked.product($0, shards) })
    return need
  }
}
