import Foundation
import HFEngine
import HFRecording
import HFSession
import Testing

/// The dashboard's on-demand Lanczos run (`LanczosRunner`) on a live tiny session.
@Suite(.serialized) struct LanczosRunnerTests {
  /// A tiny session that pauses at iteration 3's first CG step (θ after 2 iterations).
  static func pausedSession(maxIterations: Int = 6) -> (Session, EventLog) {
    let options = SessionOptions(
      maxIterations: maxIterations, scheduledControls: ControlSchedule([3: [ControlRequest(.pause, source: "test")]]))
    let session = Session(makeSetup: makeTiny, options: options)
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    return (session, log)
  }

  static func waitFinished(_ runner: LanczosRunner, into updates: inout [LanczosUpdate]) -> Bool {
    poll(timeout: 30) {
      updates += runner.takeUpdates()
      return updates.contains { !$0.isRunning }
    }
  }

  @Test func aRequestOnAPausedSessionGivesTheOptimizersSpectrumAndLeavesThetaAlone() throws {
    let (session, log) = Self.pausedSession()
    #expect(log.waitState(.paused))
    let before = try #require(session.withSetupWhileIdle { $0.optimizer.theta.array })
    let runner = LanczosRunner(session: session)
    runner.request(steps: 20)
    var updates: [LanczosUpdate] = []
    #expect(Self.waitFinished(runner, into: &updates))
    let last = try #require(updates.last)
    #expect(last.phase == .finished && last.iteration == 2 && last.curvature == "GN", "\(last)")
    #expect(updates.first?.phase == .requested && updates.contains { $0.phase == .progress })
    let got = try #require(last.spectrum)
    // The same θ, batch and seed straight through the engine. Both runs compute the same
    // products in the same order, but the session's ran inside the paused iteration's worker
    // team: the values agree to 1e-9 relative (Float products, Double tridiagonal).
    let (after, direct) = try #require(
      try session.withSetupWhileIdle { setup in (setup.optimizer.theta.array, try setup.optimizer.lanczosSpectrum(steps: 20)) })
    #expect(after == before)
    #expect(got.steps == 20 && direct.steps == 20 && got.source == .lanczos && got.lambda == 0)
    let scale = direct.largestValue
    for (a, b) in zip(got.extremes, direct.extremes) {
      #expect(abs(a.value - b.value) <= 1e-9 * scale, "\(a.value) vs \(b.value)")
      #expect(a.converged == b.converged)
    }
    #expect(got.extremes.count == direct.extremes.count && got.convergedCount == direct.convergedCount)
    session.close()
    #expect(session.awaitClosed(timeout: 10))
  }

  @Test func aRunWithALanczosRequestComputesTheSameNumbers() throws {
    let (session, log) = Self.pausedSession()
    #expect(log.waitState(.paused))
    let runner = LanczosRunner(session: session)
    runner.request(steps: 30)
    var updates: [LanczosUpdate] = []
    #expect(Self.waitFinished(runner, into: &updates))
    #expect(updates.last?.phase == .finished)
    session.post(ControlRequest(.resume, source: "test"))
    #expect(log.waitFinished())
    let (plain, plainLog) = Self.pausedSession()
    #expect(plainLog.waitState(.paused))
    plain.post(ControlRequest(.resume, source: "test"))
    #expect(plainLog.waitFinished())
    let a = log.events.reports, b = plainLog.events.reports
    #expect(a.count == 6 && b.count == 6)
    for (x, y) in zip(a, b) {
      #expect(x.objective == y.objective && x.rho == y.rho && x.cgIterations == y.cgIterations && x.lambdaAfter == y.lambdaAfter)
      #expect(x.dataPasses == y.dataPasses)
    }
    let thetaA = try #require(session.withSetupWhileIdle { $0.optimizer.theta.array })
    let thetaB = try #require(plain.withSetupWhileIdle { $0.optimizer.theta.array })
    #expect(thetaA == thetaB)
    // Nothing about it reached the session's events (so recordings neither hold nor need it).
    #expect(log.events.count == plainLog.events.count)
    for s in [session, plain] {
      s.close()
      #expect(s.awaitClosed(timeout: 10))
    }
  }

  @Test func aRunIsCancelledBeforeItsNextProductAndRefusalsSayWhy() throws {
    let (session, log) = Self.pausedSession()
    #expect(log.waitState(.paused))
    let runner = LanczosRunner(session: session)
    // Cancelled before the engine took it: no product at all.
    runner.cancel()
    runner.request(steps: 500)
    runner.cancel()
    var updates: [LanczosUpdate] = []
    #expect(Self.waitFinished(runner, into: &updates))
    let last = try #require(updates.last)
    #expect(last.phase == .failed && last.spectrum == nil)
    #expect(last.message == "the Lanczos run was stopped before it started." || last.message?.hasPrefix("the Lanczos run was stopped before step") == true)
    #expect(!runner.isRunning)
    // A bad count is refused in one sentence.
    runner.request(steps: 0)
    #expect(runner.takeUpdates().last?.message == "the Lanczos step count must be between 1 and 500 (got 0).")
    session.close()
    #expect(session.awaitClosed(timeout: 10))
    // One run at a time: a session that has not started holds the first request; a second is refused.
    let idle = Session(makeSetup: makeTiny, options: SessionOptions())
    let waiting = LanczosRunner(session: idle)
    waiting.request(steps: 10)
    #expect(waiting.isRunning && waiting.takeUpdates().map(\.phase) == [.requested])
    waiting.request(steps: 10)
    #expect(waiting.takeUpdates().last?.message == "a Lanczos run is already running: L or Esc stops it.")
    idle.close()
  }

  @Test func beforeTheFirstIterationThereIsNoCurvatureBatch() throws {
    let options = SessionOptions(maxIterations: 2, startPaused: true)
    let session = Session(makeSetup: makeTiny, options: options)
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    #expect(log.waitState(.paused))
    let runner = LanczosRunner(session: session)
    runner.request(steps: 10)
    var updates: [LanczosUpdate] = []
    #expect(Self.waitFinished(runner, into: &updates))
    #expect(updates.last?.phase == .failed && updates.last?.message == "no curvature batch yet: run an HF iteration first.")
    session.close()
    #expect(session.awaitClosed(timeout: 10))
  }
}
