import HFEngine
import HFRecording

/// Controls to apply at fixed HF-iteration boundaries, independent of timing: how a recorded
/// session is re-executed to the same numbers.
///
/// A control keyed by iteration k is taken at the boundary just before iteration k runs (so a
/// hyperparameter holds from iteration k, exactly what `AppliedControl.iteration` records).
/// Controls for one iteration keep their order.
public struct ControlSchedule: Sendable, Equatable {
  /// Controls by the iteration they hold from.
  public private(set) var controls: [Int: [ControlRequest]]

  /// A schedule from explicit controls.
  public init(_ controls: [Int: [ControlRequest]] = [:]) {
    self.controls = controls
  }

  /// The hyperparameter controls of one recorded run, each at the iteration it held from, in
  /// recorded order. Pass the events of one run (`runs(in:)` splits a recording at `.started`);
  /// pause, step, stop and the like do not change any number and are left out.
  public init(recorded events: [SessionEvent]) {
    var controls: [Int: [ControlRequest]] = [:]
    for case .control(let applied) in events where applied.control.isHyperparameter {
      controls[applied.iteration, default: []].append(ControlRequest(applied.control, source: "recording"))
    }
    self.controls = controls
  }

  /// One schedule per run in a recording: the events are split at each `.started`.
  public static func runs(in events: [SessionEvent]) -> [ControlSchedule] {
    var runs: [[SessionEvent]] = []
    for event in events {
      if case .started = event { runs.append([]) }
      if runs.isEmpty { runs.append([]) }
      runs[runs.count - 1].append(event)
    }
    return runs.map { ControlSchedule(recorded: $0) }
  }

  /// Whether nothing is scheduled.
  public var isEmpty: Bool { controls.values.allSatisfy(\.isEmpty) }

  /// The controls taken at the boundary before `iteration`.
  public func controls(at iteration: Int) -> [ControlRequest] { controls[iteration] ?? [] }

  /// Adds `request` after those already scheduled at `iteration`.
  public mutating func add(_ request: ControlRequest, at iteration: Int) {
    controls[iteration, default: []].append(request)
  }

  /// Applies the hyperparameters scheduled at `iteration` to `optimizer`, for a headless
  /// re-execution that calls `optimizer.step()` itself: call it before each step with
  /// `optimizer.iteration + 1`. Returns what was applied, as the session would have recorded it.
  @discardableResult
  public func apply<S: HFScalar>(at iteration: Int, to optimizer: HFOptimizer<S>) -> [AppliedControl] {
    controls(at: iteration).compactMap { request in
      guard request.control.validationError == nil, let change = request.control.apply(to: optimizer) else { return nil }
      return AppliedControl(
        control: request.control, setting: change.setting, old: change.old, new: change.new, iteration: iteration,
        cgStep: nil, source: request.source, config: optimizer.config, lambda: optimizer.lambda)
    }
  }
}
