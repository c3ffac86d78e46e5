import HFEngine
import HFSession

/// The dashboard's view of the on-demand Lanczos run: the one under way, and the last result.
public struct LanczosProbeState: Equatable, Sendable {
  /// The run requested or running (nil when none is).
  public var running: LanczosUpdate?
  /// The last finished run, drawn in the Spectrum panel at its iteration.
  public var result: LanczosUpdate?
  /// The user asked the running run to stop (the session has not confirmed yet).
  public var cancelling = false

  /// No run yet.
  public init() {}

  /// Whether a run is requested or running.
  public var isRunning: Bool { running != nil }

  /// "Lanczos 23/60" while running, nil otherwise.
  public var progressText: String? {
    guard let r = running else { return nil }
    if cancelling { return "Lanczos stopping…" }
    return r.phase == .requested ? "Lanczos waiting…" : "Lanczos \(r.step)/\(r.steps)"
  }

  /// "L 23/60" while running (the panel's short title), nil otherwise.
  public var shortProgressText: String? {
    guard let r = running else { return nil }
    if cancelling { return "L stopping…" }
    return r.phase == .requested ? "L waiting…" : "L \(r.step)/\(r.steps)"
  }
}

extension DashboardState {
  /// The user asked for a Lanczos run of `steps` steps: shown as waiting until the session reports.
  public mutating func requestedLanczos(steps: Int) {
    lanczos.running = LanczosUpdate(phase: .requested, iteration: currentIteration, step: 0, steps: steps)
    lanczos.cancelling = false
    postNotice(
      "Lanczos: \(steps) products on the undamped curvature at the next safe point (L or Esc stops it)", role: .accent)
  }

  /// The user asked the running Lanczos run to stop.
  public mutating func cancellingLanczos() {
    guard lanczos.isRunning else { return }
    lanczos.cancelling = true
    postNotice("stopping the Lanczos run…", role: .accent)
  }

  /// Folds one update of the on-demand Lanczos run: progress, the result (event log line, Spectrum
  /// panel column) or why it ended without one.
  public mutating func apply(lanczos u: LanczosUpdate) {
    switch u.phase {
    case .requested, .progress:
      let wasCancelling = lanczos.cancelling && lanczos.isRunning
      lanczos.running = u
      lanczos.cancelling = wasCancelling
      // The status line carries the progress wherever the Spectrum panel is (at 80×24 it is under Tab).
      if u.phase == .progress && !wasCancelling {
        setStatus("Lanczos \(u.step)/\(u.steps) products on the undamped curvature… (L or Esc stops it)", role: .accent)
      }
    case .finished:
      lanczos.running = nil
      lanczos.cancelling = false
      lanczos.result = u
      guard let text = Self.lanczosSummary(u) else { return }
      appendLog(u.iteration, .spectrum, text)
      setStatus(text, role: .good)
    case .failed:
      lanczos.running = nil
      lanczos.cancelling = false
      let text = "Lanczos: " + (u.message ?? "the run ended without a result.")
      appendLog(u.iteration > 0 ? u.iteration : nil, .warning, text)
      setStatus(text, role: .bad)
    }
  }

  /// "Lanczos k 60, undamped GN: θ 3e-6? … 93.2 · κ 3.1e7? · 11/60 conv · 2.1s" (`?`: not converged).
  static func lanczosSummary(_ u: LanczosUpdate) -> String? {
    guard let s = u.spectrum, let lo = s.smallest.first, let hi = s.largest.first else { return nil }
    func value(_ r: RitzValue) -> String { Format.compact(r.value) + (r.converged ? "" : "?") }
    let kappa = Format.compact(s.conditionNumber) + (lo.converged && hi.converged ? "" : "?")
    var text = "Lanczos k \(s.steps), undamped \(u.curvature): θ \(value(lo)) … \(value(hi)) · κ \(kappa)"
    text += " · \(s.convergedCount)/\(s.steps) conv"
    if let t = u.seconds { text += " · " + Format.duration(t) }
    return text
  }
}
