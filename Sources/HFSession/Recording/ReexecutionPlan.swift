import HFEngine
import HFRecording

/// The engine work a recording holds, as the steps that re-execute it: runs begun from scratch
/// or resumed, hyperparameter controls at iteration boundaries, and every attempt at an HF
/// iteration — finished, or abandoned (a stop or quit mid-CG, a crash) after a number of events.
///
/// Built from the recorded events in file order, so a control posted after an abandoned
/// iteration is applied before its second attempt only, exactly as the session took it.
public struct ReexecutionPlan: Sendable, Equatable {
  /// One thing to do, in order.
  public enum Step: Sendable, Equatable {
    /// Build a fresh setup from the header: the first run, and every restart (a `.started`
    /// event without `resumedFrom`).
    case freshRun
    /// The session was resumed from its checkpoint after `iteration`; the run goes on with the
    /// state it has (the recording was cut back to that iteration when it was resumed).
    case resume(afterIteration: Int)
    /// Hyperparameter controls the session took at the boundary before `iteration`, in order.
    case controls([SessionControl], iteration: Int)
    /// One attempt at HF iteration `iteration`: `recordedEvents` engine events were recorded for
    /// it; `finished` is false when it was abandoned (or cut off) after them.
    case iteration(Int, recordedEvents: Int, finished: Bool)
    /// Right after a fresh run that does not train HF alone: the single run's optimizer, or
    /// HF (`optimizer`) and its rivals in race order, built from the run's initial θ.
    case optimizers(OptimizerKind, race: [OptimizerKind])
    /// One attempt at iteration `iteration` of the race's rival `racer`, like `iteration`.
    case racerIteration(OptimizerKind, Int, recordedEvents: Int, finished: Bool)
  }

  /// The steps, in the order the session took them.
  public var steps: [Step]

  /// A plan from explicit steps.
  public init(steps: [Step]) { self.steps = steps }

  /// The plan that re-executes `timeline`.
  public init(timeline: RecordingTimeline) {
    self.init(events: timeline.events.map(\.event))
  }

  /// The plan that re-executes these recorded events.
  public init(events: [SessionEvent]) {
    var steps: [Step] = []
    var attempt: (iteration: Int, events: Int)?
    var racerAttempt: (kind: OptimizerKind, iteration: Int, events: Int)?
    var sawRun = false
    func closeAttempt(finished: Bool) {
      closeRacerAttempt(finished: false)
      closeHFAttempt(finished: finished)
    }
    func closeHFAttempt(finished: Bool) {
      guard let a = attempt else { return }
      steps.append(.iteration(a.iteration, recordedEvents: a.events, finished: finished))
      attempt = nil
    }
    func closeRacerAttempt(finished: Bool) {
      guard let a = racerAttempt else { return }
      steps.append(.racerIteration(a.kind, a.iteration, recordedEvents: a.events, finished: finished))
      racerAttempt = nil
    }
    for event in events {
      switch event {
      case .started(let description):
        closeAttempt(finished: false)
        steps.append(description.resumedFrom.map { .resume(afterIteration: $0) } ?? .freshRun)
        if description.resumedFrom == nil && (description.optimizer != .hf || !description.racers.isEmpty) {
          steps.append(.optimizers(description.optimizer, race: description.racers.map(\.kind).filter { $0 != .hf }))
        }
        sawRun = true
      case .control(let applied) where applied.control.isHyperparameter:
        closeAttempt(finished: false)
        if case .controls(var list, let k)? = steps.last, k == applied.iteration {
          list.append(applied.control)
          steps[steps.count - 1] = .controls(list, iteration: k)
        } else {
          steps.append(.controls([applied.control], iteration: applied.iteration))
        }
      case .engine(let e):
        if !sawRun {
          steps.append(.freshRun)
          sawRun = true
        }
        switch e {
        case .iterationStarted(let k, _):
          closeAttempt(finished: false)
          attempt = (k, 1)
        case .iterationFinished:
          attempt?.events += 1
          closeAttempt(finished: true)
        case .cgStep, .cgFinished, .warning:
          attempt?.events += 1
        }
      case .racer(let kind, let e):
        closeHFAttempt(finished: false)  // HF's attempt ended before the rivals' turns
        if case .iterationStarted = e { closeRacerAttempt(finished: false) }
        if let a = racerAttempt, a.kind != kind { closeRacerAttempt(finished: false) }
        if racerAttempt == nil { racerAttempt = (kind, e.iteration, 0) }
        racerAttempt?.events += 1
        if case .iterationFinished = e { closeRacerAttempt(finished: true) }
      default:
        break
      }
    }
    closeAttempt(finished: false)
    self.steps = steps
  }

  /// Engine events the plan expects to see re-executed (HF's and the rivals').
  public var engineEventCount: Int {
    steps.reduce(0) {
      switch $1 {
      case .iteration(_, let n, _), .racerIteration(_, _, let n, _): $0 + n
      default: $0
      }
    }
  }


  /// Attempts that did not finish.
  public var abandonedIterations: [Int] {
    steps.compactMap { if case .iteration(let k, _, false) = $0 { k } else { nil } }
  }
}
