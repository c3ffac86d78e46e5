import HFEngine
import HFRecording

/// Everything a session has published, as a late viewer needs it to rebuild its dashboard.
///
/// Every event is kept except CG steps of HF iterations before the previous one: the dashboard
/// draws only the current and the previous CG run, and iteration reports summarise the rest.
/// So a session of hundreds of iterations keeps a few thousand events, and attaching stays fast.
struct SessionHistory {
  private(set) var events: [RecordedEvent] = []
  /// CG steps held, to know when compacting is worth a pass.
  private var cgSteps = 0

  mutating func append(_ recorded: RecordedEvent) {
    if case .engine(.iterationStarted(let k, _)) = recorded.event, cgSteps > 0 {
      events.removeAll { r in
        if case .engine(.cgStep(let s)) = r.event { return s.hfIteration < k - 1 }
        return false
      }
      cgSteps = events.count(where: { $0.event.isCGStep })
    }
    if recorded.event.isCGStep { cgSteps += 1 }
    events.append(recorded)
  }
}
