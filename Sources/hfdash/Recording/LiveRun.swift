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

  static func make(
    options: RunOptions, recording: RecordingOptions, resume: String?, maxIterations: Int?, pauseOnAlarm: Bool,
    collective: (any Collective)? = nil
  ) throws(DataError) -> LiveRun {
    if let resume {
      let plan = try ResumePlan(path: resume, collective: collective)
      let spec = plan.setup.spec
      var sessionOptions = SessionOptions(maxIterations: maxIterations.map { plan.checkpoint.iteration + $0 }, pauseOnAlarm: pauseOnAlarm)
      sessionOptions.scheduledControls = plan.schedule
      let session = Session(setup: plan.setup, makeSetup: { try TrainingSetup(spec, collective: collective) }, options: sessionOptions)
      let writer = try plan.openForAppending()
      let recorder = LiveRecorder(
        session: session, writer: writer, url: plan.url, header: plan.header,
        checkpointEvery: plan.header.checkpointInterval ?? recording.checkpointEvery)
      for note in plan.notes { writer.append(note) }
      return LiveRun(session: session, recorder: recorder, setup: plan.setup)
    }
    let spec = try options.runSpec()
    let setup = try TrainingSetup(spec, collective: collective)
    let session = Session(
      setup: setup, makeSetup: { try TrainingSetup(spec, collective: collective) },
      options: SessionOptions(maxIterations: maxIterations, pauseOnAlarm: pauseOnAlarm))
    let recorder = try recording.startRecorder(session: session, setup: setup)
    return LiveRun(session: session, recorder: recorder, setup: setup)
  }

  init(session: Session, recorder: LiveRecorder?, setup: TrainingSetup) {
    self.session = session
    self.recorder = recorder
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
