extension RacerRun {
  /// Whether a stop was requested through the problem's interruption.
  var interrupted: Bool { problem.interruption?.isRequested == true }

  /// Runs one step of `racer` (`body`, given the observer to report through) so that a stop
  /// requested meanwhile abandons it with nothing changed, as an HF iteration is abandoned: the
  /// racer's whole state is put back as it was before the step, its `.iterationFinished` is never
  /// reported, and the result is nil. A step whose report went out stands. Without an
  /// interruption to watch, `body` runs as it is (no snapshot).
  func abandonable<R: CheckpointableRacer<S>>(
    _ racer: R, observer: (HFEvent) -> HFDirective, _ body: (@escaping (HFEvent) -> HFDirective) -> IterationReport?
  ) -> IterationReport? {
    withoutActuallyEscaping(observer) { observer -> IterationReport? in
      guard let interruption = problem.interruption else { return body(observer) }
      if interruption.isRequested { return nil }
      let saved = racer.state
      var reported = false
      let report = body { event in
        if case .iterationFinished = event {
          if interruption.isRequested { return .stop }  // not reported: the step is undone below
          reported = true
        }
        return observer(event)
      }
      if reported { return report }
      do {
        try racer.restore(saved)
      } catch {
        // The state was taken from this racer a moment ago, so it always fits.
        preconditionFailure("unreachable: a racer refused its own state: \(error)")
      }
      return nil
    }
  }
}
