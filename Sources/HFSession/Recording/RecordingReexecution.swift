import HFEngine
import HFRecording

/// Re-executes a recorded session from its header and compares every engine event with the
/// recording (`hfdash verify`).
///
/// Each run is rebuilt with `RecordingHeader.runSpec()` (a restart builds a fresh setup; a resume
/// goes on with the state in hand, which is what the checkpoint held), the training data is
/// checked against the header's fingerprint, every recorded hyperparameter control is applied at
/// the boundary where the session took it, and an iteration that was abandoned mid-CG is run
/// again up to the same CG step and stopped there. A run of another optimizer, or a race, is
/// re-executed with the same optimizers built the same way, each rival stepping exactly where the
/// recording has its steps (so the turn order is the recorded one). Re-execution stops at the
/// first divergence.
public struct RecordingReexecution {
  /// The recording re-executed.
  public let timeline: RecordingTimeline
  /// What re-executing it takes (`ReexecutionPlan(timeline:)`).
  public let plan: ReexecutionPlan
  /// Relative tolerance for numbers (0 = bit-identical; NaN always matches NaN).
  public let tolerance: Double
  /// Builds the optimizers other than a setup's own HF (default: `TrainingSetup.makeOptimizer`,
  /// as the session does).
  public var optimizerFactory: (TrainingSetup, OptimizerKind) throws -> any TrainingOptimizer<Float> = { setup, kind in
    try setup.makeOptimizer(kind)
  }
  /// Re-execute only through this HF iteration (nil: the whole recording); `verify --iterations N`.
  public var iterationLimit: Int?
  /// Builds each run's setup (a distributed re-execution passes its ranks' collective).
  public var makeSetup: (RunSpec) throws(DataError) -> TrainingSetup = { spec throws(DataError) in try TrainingSetup(spec) }

  /// Prepares the re-execution of `timeline` (nothing runs until `run`).
  public init(timeline: RecordingTimeline, tolerance: Double = 0) {
    self.timeline = timeline
    self.tolerance = tolerance
    plan = ReexecutionPlan(timeline: timeline)
  }

  /// Runs the plan; `progress` is called after every iteration attempt with its number. Throws
  /// (one sentence) when the run cannot be rebuilt: an unknown preset, data that cannot be
  /// loaded or differs from the recording's, a recording that starts from another's checkpoint.
  public func run(progress: (Int) -> Void = { _ in }) throws(RecordingError) -> VerificationOutcome {
    let header = timeline.header
    let spec = try header.runSpec()
    var verifier = RecordingVerifier(timeline: timeline, tolerance: tolerance)
    var outcome = VerificationOutcome(expectedEvents: verifier.expectedCount)
    var setup: TrainingSetup?
    var lead: (any TrainingOptimizer<Float>)?
    var rivals: [OptimizerKind: any TrainingOptimizer<Float>] = [:]
    var dataChecked = false

    func finish(_ divergence: VerificationDivergence?) -> VerificationOutcome {
      outcome.divergence = divergence
      outcome.checkedEvents = verifier.checked
      return outcome
    }

    for step in plan.steps {
      switch step {
      case .freshRun:
        do { setup = try makeSetup(spec) } catch { throw RecordingError(error.message) }
        if !dataChecked, let setup {
          try header.checkData(setup: setup)
          dataChecked = true
        }
        lead = setup?.optimizer
        rivals = [:]
        outcome.runs += 1
      case .optimizers(let kind, let race):
        guard let setup else { continue }
        do {
          lead = kind == .hf ? setup.optimizer : try optimizerFactory(setup, kind)
          for rival in race { rivals[rival] = try optimizerFactory(setup, rival) }
        } catch {
          throw RecordingError("The recording's optimizers cannot be rebuilt: \((error as? DataError)?.message ?? String(describing: error))")
        }
      case .resume(let k):
        guard let setup else {
          throw RecordingError(
            "The recording begins by resuming another session's checkpoint (after iteration \(k)); it cannot be re-executed on its own.")
        }
        let resumed = lead?.iteration ?? setup.optimizer.iteration
        if resumed != k {
          return finish(
            VerificationDivergence(
              eventIndex: nil, iteration: k, cgStep: nil, field: "resumed iteration", recorded: String(k),
              reexecuted: String(resumed)))
        }
      case .controls(let controls, _):
        guard let optimizer = setup?.optimizer, lead?.kind == .hf else { continue }
        for control in controls where control.validationError == nil { control.apply(to: optimizer) }
      case .iteration(let k, let recordedEvents, let finished):
        if let limit = iterationLimit, k > limit {
          outcome.recordedIterations = timeline.iterations.filter { $0.report.optimizer == lead?.kind }.count
          return finish(nil)
        }
        guard let optimizer = lead else { continue }
        Self.replay(optimizer, racer: nil, events: recordedEvents, finished: finished, verifier: &verifier)
        if let divergence = verifier.divergence { return finish(divergence) }
        if finished { outcome.lastIteration = k }
        progress(k)
      case .racerIteration(let kind, let k, let recordedEvents, let finished):
        guard let optimizer = rivals[kind] else {
          return finish(
            VerificationDivergence(
              eventIndex: nil, iteration: k, cgStep: nil, field: "racer", recorded: kind.displayName, reexecuted: "not racing"))
        }
        Self.replay(optimizer, racer: kind, events: recordedEvents, finished: finished, verifier: &verifier)
        if let divergence = verifier.divergence { return finish(divergence) }
      }
    }
    return finish(verifier.finish())
  }

  /// Steps `optimizer` once, checking each event, stopped after `events` events when the recorded
  /// attempt did not finish.
  private static func replay(
    _ optimizer: any TrainingOptimizer<Float>, racer: OptimizerKind?, events recordedEvents: Int, finished: Bool,
    verifier: inout RecordingVerifier
  ) {
    var seen = 0
    var diverged = false
    optimizer.step { event in
      if diverged || (!finished && seen >= recordedEvents) { return .stop }
      seen += 1
      var event = event
      if case .iterationFinished(var r) = event, r.optimizer != (racer ?? optimizer.kind) {
        r.optimizer = racer ?? optimizer.kind  // as the session labels it
        event = .iterationFinished(r)
      }
      if verifier.check(event, racer: racer) != nil {
        diverged = true
        return .stop
      }
      return !finished && seen == recordedEvents ? .stop : .proceed
    }
  }
}

/// What `RecordingReexecution.run` found.
public struct VerificationOutcome: Sendable, Equatable {
  /// The first divergence (nil when every recorded engine event was reproduced).
  public var divergence: VerificationDivergence?
  /// Engine events reproduced before the divergence (all of them when identical).
  public var checkedEvents = 0
  /// Engine events in the recording.
  public var expectedEvents: Int
  /// The last HF iteration that finished identically.
  public var lastIteration = 0
  /// Runs re-executed (1 + restarts).
  public var runs = 0
  /// Set when re-execution stopped at an iteration limit: the iterations the recording holds.
  public var recordedIterations: Int?

  /// An outcome before anything ran.
  public init(expectedEvents: Int) { self.expectedEvents = expectedEvents }

  /// Whether the re-execution reproduced the recording.
  public var isIdentical: Bool { divergence == nil }

  /// "identical through iteration 30 (1234 engine events)", or the divergence.
  public var summary: String {
    if let divergence { return "diverged at " + divergence.description }
    let runsText = runs > 1 ? " in \(runs) runs" : ""
    let partText = recordedIterations.map { "; the first \(lastIteration) of \($0) iterations re-executed" } ?? ""
    return "identical through iteration \(lastIteration) (\(checkedEvents) engine events\(runsText)\(partText))"
  }
}
