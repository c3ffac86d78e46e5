import Foundation
import HFEngine
import HFRecording
import Synchronization

/// Records a live session: a lossless subscription drained by a thread of its own into a
/// `RecordingWriter` (one flushed line per event), and checkpoints every N iterations and at the end.
public final class LiveRecorder: Sendable {
  public let url: URL
  public let writer: RecordingWriter
  public let header: RecordingHeader
  let store: CheckpointStore
  let checkpointEvery: Int?
  private let subscription: EventSubscription
  private let done = DispatchSemaphore(value: 0)
  private let checkpointFailure = Mutex<String?>(nil)

  /// Starts recording `session` (subscribe before `session.start()` so `.started` is the first line).
  /// `writer` is a fresh file (header written) or an existing recording opened for appending.
  public init(session: Session, writer: RecordingWriter, url: URL, header: RecordingHeader, checkpointEvery: Int?) {
    self.url = url
    self.writer = writer
    self.header = header
    self.checkpointEvery = checkpointEvery
    store = CheckpointStore(recording: url)
    subscription = session.subscribe(.lossless)
    let fingerprint = header.dataFingerprint
    if checkpointEvery != nil { session.keepFinalCheckpoints() }
    if let every = checkpointEvery, every > 0 {
      session.setCheckpointingHook { [weak self] setup, report, others in
        guard let self, report.iteration % every == 0 else { return [] }
        return self.checkpoint(setup, racers: others(), fingerprint: fingerprint).map { [$0] } ?? []
      }
    }
    let thread = Thread { [self] in drainLoop() }
    thread.name = "hfdash.recorder"
    thread.start()
  }

  /// A new recording at `url` for `setup` (the header hashes the training data).
  public static func create(
    session: Session, setup: TrainingSetup, url: URL, toolVersion: String, checkpointEvery: Int?
  ) throws(RecordingError) -> LiveRecorder {
    let header = RecordingHeader(setup: setup, toolVersion: toolVersion, checkpointInterval: checkpointEvery)
    let writer = try RecordingWriter(creating: url, header: header)
    return LiveRecorder(session: session, writer: writer, url: url, header: header, checkpointEvery: checkpointEvery)
  }

  private func drainLoop() {
    while true {
      let more = subscription.waitForEvents(timeout: 0.25)
      for event in subscription.drain() { writer.append(event) }
      if !more && subscription.isClosed && subscription.pendingCount == 0 { break }
    }
    done.signal()
  }

  /// Writes a checkpoint of `setup` and the other optimizers (their entries, made by the engine
  /// thread; engine idle) and returns the event announcing it.
  func checkpoint(
    _ setup: TrainingSetup, racers: OtherOptimizerCheckpoints, fingerprint: String
  ) -> SessionEvent? {
    var cp = Checkpoint(
      optimizer: setup.optimizer, layout: setup.parameterLayout, rng: setup.rng, extraState: setup.extraState,
      time: writer.elapsed, dataFingerprint: fingerprint)
    if let lead = racers.lead {
      cp.adopt(lead: lead, layout: setup.parameterLayout)
    } else {
      cp.racers = racers.racers
    }
    guard cp.iteration > 0 else { return nil }
    do {
      if store.iterations().contains(cp.iteration) { return nil }
      _ = try store.write(cp)
      return .checkpoint(iteration: cp.iteration, path: store.recordedPath(iteration: cp.iteration))
    } catch {
      checkpointFailure.withLock { $0 = error.description }
      return nil
    }
  }

  /// The badge the dashboard shows: the file name.
  public var badge: String { url.lastPathComponent }

  /// A recording or checkpoint error to show instead of the badge (training goes on regardless).
  public var error: String? {
    if let e = writer.lastError { return "recording stopped: " + e }
    return checkpointFailure.withLock { $0.map { "checkpoint failed: " + $0 } }
  }

  /// After the session has closed: writes the final checkpoint (when there is an iteration not yet
  /// checkpointed), waits for every event to be written, and closes the file.
  public func finish(session: Session) {
    if checkpointEvery != nil {
      // `others` is there once the loop has ended (`init` asked for it): never a race without its rivals.
      let event: SessionEvent?? = session.withRunWhileIdle { setup, others in
        others.flatMap { checkpoint(setup, racers: $0, fingerprint: header.dataFingerprint) }
      }
      _ = done.wait(timeout: .now() + 10)
      if case .some(.some(let e)) = event { writer.append(e) }
    } else {
      _ = done.wait(timeout: .now() + 10)
    }
    writer.close()
  }
}
