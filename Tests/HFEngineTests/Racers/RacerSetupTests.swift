import HFEngine
import Testing

/// The racers built by `TrainingSetup.makeOptimizer` on the tiny preset.
@Suite("Racers from a training setup")
struct RacerSetupTests {
  static func setup(seed: UInt64 = 3, batch: Int = 100, configure: (inout RunSpec) -> Void = { _ in }) throws -> TrainingSetup {
    var spec = RunSpec(preset: try #require(Preset.named("tiny")), seed: seed)
    spec.config.threads = 2
    spec.racers.batchSize = batch
    configure(&spec)
    return try TrainingSetup(spec)
  }

  @Test("makeOptimizer builds every kind from the run's initial θ, also after HF has trained")
  func everyKindFromInitialTheta() throws {
    let s = try Self.setup()
    #expect(s.initialTheta == s.optimizer.theta.array)
    s.optimizer.step()
    #expect(s.initialTheta != s.optimizer.theta.array)
    for kind in OptimizerKind.allCases {
      let opt = try s.makeOptimizer(kind)
      #expect(opt.kind == kind)
      #expect(opt.theta.array == s.initialTheta, "\(kind)")
      #expect(opt.iteration == 0 && opt.dataPasses == 0)
    }
  }

  @Test("a recurrent preset refuses racers in one sentence")
  func recurrentRefuses() throws {
    let preset = try #require(Preset.recurrentPresets.first?.adjusted(sequenceLength: 10, hiddenUnits: 4))
    var spec = RunSpec(preset: preset, seed: 1)
    spec.config.preconditioner = false
    let s = try TrainingSetup(spec)
    #expect(throws: DataError.self) { try s.makeOptimizer(.adam) }
    do {
      _ = try s.makeOptimizer(.sgd)
    } catch {
      #expect(error.message.contains("feed-forward"))
    }
    #expect(try s.makeOptimizer(.hf).kind == .hf)
  }

  @Test("one SGD report with batch b is exactly one data pass (N/b updates); monitoring is free")
  func sgdPassAccounting() throws {
    let s = try Self.setup()
    let n = s.trainCases
    let batch = n / 4
    var spec = s.spec
    spec.racers.batchSize = batch
    let setup = try TrainingSetup(spec)
    let sgd = try #require(try setup.makeOptimizer(.sgd) as? SGDOptimizer<Float>)
    let r = try #require(sgd.step())
    #expect(abs(r.dataPasses - 1) < 1e-12)
    #expect(sgd.updates == 4)
    let r2 = try #require(sgd.step())
    #expect(abs(r2.dataPasses - 2) < 1e-12 && sgd.updates == 8)
    #expect(r2.objectiveBefore == r.objective)
  }

  @Test("an L-BFGS iteration costs its gradients plus a third per f-only line-search evaluation")
  func lbfgsPassAccounting() throws {
    let s = try Self.setup()
    let opt = try #require(try s.makeOptimizer(.lbfgs) as? LBFGSOptimizer<Float>)
    var passes = 0.0
    for k in 0..<4 {
      let r = try #require(opt.step())
      let step = try #require(opt.lastStep)
      // The first iteration also pays for the start-up gradient (counted in `gradients`).
      #expect(step.gradients >= (k == 0 ? 2 : 1))
      #expect(abs(r.dataPasses - passes - (Double(step.gradients) + Double(step.evaluations) / 3)) < 1e-12)
      passes = r.dataPasses
      #expect(r.accepted && r.stepRate > 0 && r.objective < r.objectiveBefore)
      #expect(r.layerGradientNorms.count == 6 && r.layerStepNorms.count == 6)
    }
  }

  @Test("two racers from one seed give identical reports and parameters")
  func determinism() throws {
    for kind in [OptimizerKind.sgd, .momentum, .adam, .ncg, .lbfgs] {
      let a = try Self.setup(seed: 5).makeOptimizer(kind), b = try Self.setup(seed: 5).makeOptimizer(kind)
      for _ in 0..<3 {
        let ra = try #require(a.step(observer: { _ in .proceed })), rb = try #require(b.step(observer: { _ in .proceed }))
        #expect(ra.objective == rb.objective && ra.error == rb.error && ra.testError == rb.testError, "\(kind)")
        #expect(ra.gradientNorm == rb.gradientNorm && ra.stepNorm == rb.stepNorm && ra.dataPasses == rb.dataPasses)
        #expect(ra.layerGradientNorms == rb.layerGradientNorms && ra.stepRate == rb.stepRate)
      }
      #expect(a.theta.array == b.theta.array, "\(kind)")
    }
  }

  @Test("every racer lowers the tiny autoencoder's objective and reports in the HF event protocol")
  func reportsAndEvents() throws {
    let s = try Self.setup()
    for kind in [OptimizerKind.sgd, .momentum, .adam, .ncg, .lbfgs] {
      let opt = try s.makeOptimizer(kind)
      var events: [HFEvent] = []
      var first: IterationReport?, last: IterationReport?
      for _ in 0..<5 {
        last = opt.step { events.append($0); return .proceed }
        if first == nil { first = last }
      }
      let r0 = try #require(first), r = try #require(last)
      #expect(r.objective < r0.objectiveBefore, "\(kind): \(r0.objectiveBefore) → \(r.objective)")
      #expect(r.iteration == 5 && r.optimizer == kind && r.testError != nil && r.lambdaAfter == 0)
      #expect(r.stepNorm > 0 && r.layerStepNorms.contains { $0 > 0 })
      #expect(events.count == 10)
      if case .iterationStarted(let it, _) = events[0] { #expect(it == 1) } else { Issue.record("first event") }
      if case .iterationFinished(let rep) = events[9] { #expect(rep.iteration == 5) } else { Issue.record("last event") }
    }
  }

  @Test("a stop at the start of a step returns nil and leaves θ and the counters alone")
  func stop() throws {
    let s = try Self.setup()
    for kind in [OptimizerKind.sgd, .adam, .ncg, .lbfgs] {
      let opt = try s.makeOptimizer(kind)
      opt.step(observer: { _ in .proceed })
      let theta = opt.theta.array, passes = opt.dataPasses
      #expect(opt.step(observer: { _ in .stop }) == nil)
      #expect(opt.theta.array == theta && opt.dataPasses == passes && opt.iteration == 1)
    }
  }

  /// The racer's state, and a restore into another racer of the same kind.
  static func state(_ opt: any TrainingOptimizer<Float>) -> RacerState<Float>? {
    switch opt {
    case let o as SGDOptimizer<Float>: o.state
    case let o as AdamOptimizer<Float>: o.state
    case let o as NonlinearCGOptimizer<Float>: o.state
    case let o as LBFGSOptimizer<Float>: o.state
    default: nil
    }
  }

  static func restore(_ opt: any TrainingOptimizer<Float>, _ state: RacerState<Float>) throws {
    switch opt {
    case let o as SGDOptimizer<Float>: try o.restore(state)
    case let o as AdamOptimizer<Float>: try o.restore(state)
    case let o as NonlinearCGOptimizer<Float>: try o.restore(state)
    case let o as LBFGSOptimizer<Float>: try o.restore(state)
    default: Issue.record("no state for \(opt.kind)")
    }
  }

  @Test("every racer's checkpoint state restores to the same continuation")
  func checkpointState() throws {
    for kind in [OptimizerKind.sgd, .momentum, .adam, .ncg, .lbfgs] {
      let a = try Self.setup().makeOptimizer(kind)
      for _ in 0..<3 { a.step(observer: { _ in .proceed }) }
      let saved = try #require(Self.state(a))
      let b = try Self.setup().makeOptimizer(kind)
      try Self.restore(b, saved)
      #expect(b.theta.array == a.theta.array && b.iteration == 3 && b.dataPasses == a.dataPasses)
      let ra = try #require(a.step(observer: { _ in .proceed })), rb = try #require(b.step(observer: { _ in .proceed }))
      #expect(ra.objective == rb.objective && ra.dataPasses == rb.dataPasses && rb.iteration == 4, "\(kind)")
      #expect(a.theta.array == b.theta.array, "\(kind)")
    }
    var broken = try #require(Self.state(try Self.setup().makeOptimizer(.adam)))
    broken.vectors["m"] = [1, 2]
    #expect(throws: DataError.self) { try Self.restore(try Self.setup().makeOptimizer(.adam), broken) }
  }
}
