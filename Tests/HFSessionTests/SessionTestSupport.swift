import Foundation
import HFEngine
import HFSession
import HFRecording

/// The tiny preset with seed 1: a few milliseconds per HF iteration.
let makeTiny: @Sendable () throws -> TrainingSetup = {
  try TrainingSetup(RunSpec(preset: Preset.named("tiny")!, seed: 1))
}

/// Reports of `iterations` headless HF iterations on the tiny preset, with `schedule` applied at boundaries.
func headlessReports(_ iterations: Int, schedule: ControlSchedule = ControlSchedule()) throws -> [IterationReport] {
  let setup = try makeTiny()
  var reports: [IterationReport] = []
  for _ in 0..<iterations {
    schedule.apply(at: setup.optimizer.iteration + 1, to: setup.optimizer)
    guard let r = setup.optimizer.step() else { break }
    reports.append(r)
  }
  return reports
}

/// θ after `iterations` headless HF iterations on the tiny preset.
func headlessTheta(_ iterations: Int) throws -> [Float] {
  let setup = try makeTiny()
  for _ in 0..<iterations { setup.optimizer.step() }
  return setup.optimizer.theta.array
}

/// A CG step event, decoded from its recorded form.
func cgStepEvent(iteration: Int, i: Int) -> SessionEvent {
  let json = #"{"hfIteration":\#(iteration),"i":\#(i),"phi":-0.5,"relativeProgress":0.01,"stored":false}"#
  return .engine(.cgStep(try! JSONDecoder().decode(CGStep.self, from: Data(json.utf8))))
}

/// Drains a subscription into `events`, waiting (at most `timeout` seconds) for a condition.
final class EventLog {
  let subscription: EventSubscription
  private(set) var events: [SessionEvent] = []

  init(_ subscription: EventSubscription) { self.subscription = subscription }

  /// Drains until `condition(events)` holds; false if it did not within `timeout` seconds.
  @discardableResult
  func wait(timeout: Double = 10, until condition: ([SessionEvent]) -> Bool) -> Bool {
    let deadline = Date(timeIntervalSinceNow: timeout)
    while true {
      events += subscription.drain()
      if condition(events) { return true }
      if Date() > deadline { return false }
      _ = subscription.waitForEvents(timeout: 0.05)
    }
  }

  /// Waits until `count` `.finished` events have arrived.
  @discardableResult
  func waitFinished(count: Int = 1) -> Bool { wait { $0.finishedEvents.count >= count } }

  /// Waits until the last state event is `state` and at least `count` such events have arrived.
  @discardableResult
  func waitState(_ state: RunState, count: Int = 1) -> Bool {
    wait { $0.states.filter { $0 == state }.count >= count && $0.states.last == state }
  }
}

/// Polls `condition` (every 10 ms) for at most `timeout` seconds.
func poll(timeout: Double = 10, _ condition: () -> Bool) -> Bool {
  let deadline = Date(timeIntervalSinceNow: timeout)
  while !condition() {
    if Date() > deadline { return false }
    Thread.sleep(forTimeInterval: 0.01)
  }
  return true
}

extension Sequence where Element == SessionEvent {
  var reports: [IterationReport] {
    compactMap { if case .engine(.iterationFinished(let r)) = $0 { r } else { nil } }
  }
  var controls: [AppliedControl] {
    compactMap { if case .control(let c) = $0 { c } else { nil } }
  }
  var states: [RunState] {
    compactMap { if case .state(let s) = $0 { s } else { nil } }
  }
  var alarms: [Alarm] {
    compactMap { if case .alarm(let a) = $0 { a } else { nil } }
  }
  var finishedEvents: [(reason: FinishReason, iteration: Int, message: String)] {
    compactMap { if case .finished(let r, let i, let m) = $0 { (r, i, m) } else { nil } }
  }
  var cgSteps: [CGStep] {
    compactMap { if case .engine(.cgStep(let s)) = $0 { s } else { nil } }
  }
  var startedCount: Int { filter { if case .started = $0 { true } else { false } }.count }
}
