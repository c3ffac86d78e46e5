import Foundation
import HFDashUI
import HFEngine
import HFSession
import HFRecording

/// Recordings for replay tests, built in memory from the scripted CURVES run.
enum ReplayFixture {
  static var header: RecordingHeader {
    let d = ScriptedRun.description
    return RecordingHeader(
      toolVersion: "test", created: Date(timeIntervalSince1970: 1_795_914_123), preset: d.preset, modelSummary: d.model,
      architecture: nil, parameterCount: d.parameterCount, groupNames: d.groupNames, errorName: d.errorName,
      dataSource: "generated", dataFingerprint: String(repeating: "0", count: 64), trainCases: d.trainCases,
      testCases: d.testCases, seed: d.seed, initializer: .martensSparse, config: d.config, threads: 1)
  }

  /// The scripted run's 40 iterations (with its control, alarm, checkpoint, note and warning),
  /// timed from 0, ending with `.finished` and DONE.
  static func scripted() -> RecordingTimeline {
    var events = ScriptedRun.events(liveSteps: 5, finishLive: false).map {
      RecordedEvent(time: $0.time - ScriptedRun.startTime, event: $0.event)
    }
    // Drop the unfinished 41st iteration.
    if let cut = events.lastIndex(where: { if case .engine(.iterationFinished) = $0.event { true } else { false } }) {
      events.removeSubrange((cut + 1)...)
    }
    let end = events.last!.time
    events.append(RecordedEvent(time: end, event: .finished(reason: .iterationLimit, iteration: 40, message: "reached 40 iterations")))
    events.append(RecordedEvent(time: end, event: .state(.done)))
    return RecordingTimeline(header: header, events: events)
  }

  /// `iterations` short iterations (3 CG steps each) one second apart, a note every 7th, an
  /// alarm every 11th; `gapAfter` leaves `gap` idle seconds after that iteration.
  static func long(iterations: Int, gapAfter: Int? = nil, gap: Double = 0) -> RecordingTimeline {
    var events: [RecordedEvent] = []
    var t = 0.0
    func emit(_ e: SessionEvent) { events.append(RecordedEvent(time: t, event: e)) }
    emit(.state(.starting))
    emit(.started(ScriptedRun.description))
    emit(.state(.running))
    var lambda = 45.0
    var objective = 60.0
    for k in 1...iterations {
      emit(.engine(.iterationStarted(iteration: k, lambda: lambda)))
      for step in ScriptedRun.cgSteps(hf: k, count: 3) {
        t += 0.25
        emit(.engine(.cgStep(step)))
      }
      let summary = ScriptedRun.cgSummary(hf: k, computed: 3, reason: .converged)
      emit(.engine(.cgFinished(summary)))
      let before = objective
      objective *= 0.99
      let after = k % 11 == 0 ? lambda * 1.5 : lambda * 0.9
      t += 0.25
      var report = ScriptedRun.report(
        k, objective: objective, before: before, lambda: lambda, after: after, rho: k % 11 == 0 ? -0.5 : 0.8,
        computed: 3, chosen: summary.chosen, reason: .converged, accepted: k % 11 != 0, passes: Double(k))
      report.testObjective = objective * 1.04  // no NaN, so states compare equal with ==
      emit(.engine(.iterationFinished(report)))
      if k % 11 == 0 { emit(.alarm(Alarm(kind: .rejectedStep, iteration: k, message: "rejected at \(k)"))) }
      if k % 7 == 0 { emit(.note(iteration: k, text: "note \(k)")) }
      if k == gapAfter { t += gap }
      lambda = after
    }
    emit(.finished(reason: .iterationLimit, iteration: iterations, message: "done"))
    emit(.state(.done))
    return RecordingTimeline(header: header, events: events)
  }

  /// The state made by applying `events[..<count]` from scratch, as the player does.
  static func freshState(_ timeline: RecordingTimeline, count: Int) -> DashboardState {
    var state = DashboardState()
    for e in timeline.events.prefix(count) {
      state.now = e.time
      state.apply(e.event)
    }
    return state
  }
}
