import Foundation
import HFEngine
import HFSession

/// A session with its recorder, built from the command line (a fresh run or a resume).
struct LiveRun {
  let session: Session
  let recorder: LiveRecorder?
  /// The test error below which the run has succeeded (recurrent tasks), and the test for it.
  let successThreshold: Double?
  let isSuccess: @Sendable (IterationReport) -> Bool
  /// The settings of a single run's optimizer other than HF, in one line (nil for HF).
  var optimizerSettings: String?
  /// The preset trained (the comparison run's default comes from it).
  let presetName: String
  /// A resumed run's iterations before its checkpoint, by optimizer (for the race and reference summaries).
  var history: [OptimizerKind: [IterationReport]] = [:]

  /// `run` and `train`'s one start-up: joins the MPI job with --distributed (ranks > 0 follow
  /// rank 0 headless and never return), builds the session and its recorder, and agrees with the
  /// other ranks that every one could. A bad run is one sentence, thrown.
  static func start(
    options: RunOptions, recording: RecordingOptions, distributed: DistributedOptions, resume: String?,
    maxIterations: Int?, pauseOnAlarm: Bool
  ) throws(DataError) -> (LiveRun, MPICollective?) {
    let (mpi, options) = DistributedRun.start(distributed, options: options, resume: resume)
    let live: LiveRun
    do {
      live = try make(
        options: options, recording: recording, resume: resume, maxIterations: maxIterations, pauseOnAlarm: pauseOnAlarm,
        collective: mpi)
    } catch {
      DistributedRun.abandon(mpi)
      throw error
    }
    try DistributedRun.confirm(mpi)
    return (live, mpi)
  }

  static func make(
    options: RunOptions, recording: RecordingOptions, resume: String?, maxIterations: Int?, pauseOnAlarm: Bool,
    collective: (any Collective)? = nil
  ) throws(DataError) -> LiveRun {
    let (optimizer, race) = try options.sessionOptimizers()
    if collective != nil && (!race.isEmpty || optimizer != .hf) {
      throw DataError("--distributed runs HF only; --race and --optimizer run in one process.")
    }
    if let resume {
      if !race.isEmpty || optimizer != .hf {
        throw DataError("--race and --optimizer cannot be combined with --resume: a resumed session goes on with the recording's optimizers, whose state its checkpoint holds.")
      }
      let plan = try ResumePlan(path: resume, collective: collective)
      let spec = plan.setup.spec
      let limit = maxIterations.map { plan.checkpoint.iteration.addingReportingOverflow($0).overflow ? Int.max : plan.checkpoint.iteration + $0 }
      var sessionOptions = SessionOptions(
        maxIterations: limit, pauseOnAlarm: pauseOnAlarm, optimizer: plan.optimizer, race: plan.race)
      sessionOptions.scheduledControls = plan.schedule
      sessionOptions.resumedRacers = plan.resumed.standings
      let session = Session(setup: plan.setup, makeSetup: { try TrainingSetup(spec, collective: collective) }, options: sessionOptions)
      // The first run takes the restored optimizers; a restart builds fresh ones.
      let restored = PrebuiltOptimizers(setup: plan.setup, optimizers: plan.resumed.optimizers)
      session.setOptimizerFactory { s, kind in try restored.take(kind, for: s) ?? s.makeOptimizer(kind) }
      let writer = try plan.openForAppending()
      let recorder = LiveRecorder(
        session: session, writer: writer, url: plan.url, header: plan.header,
        checkpointEvery: plan.header.checkpointInterval ?? recording.checkpointEvery)
      for note in plan.notes { writer.append(note) }
      var live = LiveRun(session: session, recorder: recorder, setup: plan.setup)
      if plan.optimizer != .hf { live.optimizerSettings = spec.racers.summary(for: plan.optimizer) }
      live.history = plan.history
      return live
    }
    let spec = try options.runSpec()
    let setup = try TrainingSetup(spec, collective: collective)
    let session = Session(
      setup: setup, makeSetup: { try TrainingSetup(spec, collective: collective) },
      options: SessionOptions(maxIterations: maxIterations, pauseOnAlarm: pauseOnAlarm, optimizer: optimizer, race: race))
    // Build the other optimizers now, so that bad settings are reported before anything starts;
    // the session's first run takes these, restarts build fresh ones.
    var built: [OptimizerKind: any TrainingOptimizer<Float>] = [:]
    for kind in [optimizer] + race where kind != .hf { built[kind] = try setup.makeOptimizer(kind) }
    let firstRun = PrebuiltOptimizers(setup: setup, optimizers: built)
    session.setOptimizerFactory { s, kind in try firstRun.take(kind, for: s) ?? s.makeOptimizer(kind) }
    let recorder = try recording.startRecorder(session: session, setup: setup)
    var live = LiveRun(session: session, recorder: recorder, setup: setup)
    if optimizer != .hf { live.optimizerSettings = spec.racers.summary(for: optimizer) }
    return live
  }

  init(session: Session, recorder: LiveRecorder?, setup: TrainingSetup) {
    self.session = session
    self.recorder = recorder
    presetName = setup.spec.preset.name
    successThreshold = setup.successThreshold
    isSuccess = { [setup] report in setup.isSuccess(report) }
  }

  /// Ends training (a running iteration is abandoned at its next CG step), waits for the engine,
  /// then writes the final checkpoint and closes the recording.
  func close() {
    session.close()
    _ = session.awaitClosed(timeout: 60)
    recorder?.finish(session: session)
  }
}

/// Optimizers built before a session starts, handed to its first run once each.
// @unchecked Sendable: its dictionary is only touched under its lock; each optimizer is handed out once.
final class PrebuiltOptimizers: @unchecked Sendable {
  private let lock = NSLock()
  private weak var setup: TrainingSetup?
  private var optimizers: [OptimizerKind: any TrainingOptimizer<Float>]

  init(setup: TrainingSetup, optimizers: [OptimizerKind: any TrainingOptimizer<Float>]) {
    self.setup = setup
    self.optimizers = optimizers
  }

  /// The prebuilt optimizer of `kind` for `setup` (once), nil for another setup or a second call.
  func take(_ kind: OptimizerKind, for setup: TrainingSetup) -> (any TrainingOptimizer<Float>)? {
    lock.withLock {
      guard setup === self.setup else { return nil }
      return optimizers.removeValue(forKey: kind)
    }
  }
}
