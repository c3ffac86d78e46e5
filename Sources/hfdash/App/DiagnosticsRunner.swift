import Foundation
import HFEngine
import HFSession

/// Runs the dashboard's `v` finite-difference check: θ is copied at the engine's next safe point,
/// the check runs on a thread of its own (so neither the UI nor training waits), and the result
/// line is picked up by the next frame.
// @unchecked Sendable: its mutable fields are guarded by its lock (see the members).
final class DiagnosticsRunner: @unchecked Sendable {
  struct Result: Sendable {
    var text: String
    var passed: Bool
  }

  private let session: Session
  private let lock = NSLock()
  private var results: [Result] = []
  private var running = false
  /// Called with the result instead of keeping it for `takeResults` (a viewer in another process).
  private var notify: (@Sendable (Result) -> Void)?

  init(session: Session) { self.session = session }

  /// Starts a check unless one is running; its result goes to `notify` if given (else to `takeResults`).
  func request(notify: (@Sendable (Result) -> Void)? = nil) {
    let start = lock.withLock { () -> Bool in
      if running { return false }
      running = true
      self.notify = notify
      return true
    }
    guard start else {
      notify?(Result(text: "a finite-difference check is already running", passed: false))
      return
    }
    session.runAtSafePoint { [self] setup in
      guard let problem = setup.problem as? FeedForwardProblem<Float> else {
        finish(Result(text: "the finite-difference check is available for feed-forward models only", passed: false))
        return
      }
      let theta = setup.optimizer.theta.array
      let curvature = setup.optimizer.config.curvature
      let architecture = problem.model.architecture
      let data = problem.train
      Thread.detachNewThread { [self] in
        let report = FiniteDifferenceCheck.run(architecture: architecture, theta: theta, data: data, curvature: curvature)
        finish(Result(text: report.summary, passed: report.passed))
      }
    }
  }

  private func finish(_ result: Result) {
    let callback = lock.withLock { () -> (@Sendable (Result) -> Void)? in
      running = false
      defer { notify = nil }
      if notify == nil { results.append(result) }
      return notify
    }
    callback?(result)
  }

  /// Results since the last call.
  func takeResults() -> [Result] {
    lock.withLock {
      defer { results = [] }
      return results
    }
  }
}
