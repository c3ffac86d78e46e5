import HFEngine

/// What a viewer asks of the on-demand Lanczos run (the `L` frame of the viewer protocol).
public struct LanczosRequest: Codable, Sendable, Equatable {
  /// k, the Lanczos steps (curvature products) to run; ignored when `cancel` is set.
  public var steps: Int
  /// Stop the running Lanczos run instead of starting one.
  public var cancel: Bool

  /// A request to start a run of `steps` steps, or (with `cancel`) to stop the running one.
  public init(steps: Int, cancel: Bool = false) {
    self.steps = steps
    self.cancel = cancel
  }
}

/// One report of an on-demand Lanczos run on the undamped curvature: started, progress, its
/// result, or why it ended without one. Not a session event: it is never recorded.
public struct LanczosUpdate: Codable, Sendable, Equatable {
  /// Where the run is.
  public enum Phase: String, Codable, Sendable {
    /// Requested; waiting for the engine's next safe point.
    case requested
    /// Running: `step` of `steps` products done.
    case progress
    /// Done: `spectrum` holds its Ritz values.
    case finished
    /// Ended without a result (stopped, refused, or failed): `message` says why.
    case failed
  }

  public var phase: Phase
  /// HF iterations completed at the θ the run used (the x of its column in the Spectrum panel).
  public var iteration: Int
  /// Products done so far, and k.
  public var step: Int
  public var steps: Int
  /// The Ritz values of the finished run.
  public var spectrum: CurvatureSpectrum?
  /// The curvature matrix the run used (its short name: "GN", "Hessian", "Fisher").
  public var curvature: String
  /// Seconds the run took (finished runs).
  public var seconds: Double?
  /// Why the run ended without a result (one sentence).
  public var message: String?

  /// An update of a run of `steps` steps.
  public init(
    phase: Phase, iteration: Int, step: Int, steps: Int, curvature: String = "GN", spectrum: CurvatureSpectrum? = nil,
    seconds: Double? = nil, message: String? = nil
  ) {
    self.phase = phase
    self.iteration = iteration
    self.step = step
    self.steps = steps
    self.curvature = curvature
    self.spectrum = spectrum
    self.seconds = seconds
    self.message = message
  }

  /// Whether the run is still going (requested or in progress).
  public var isRunning: Bool { phase == .requested || phase == .progress }
}

/// The bounds of an on-demand Lanczos run.
public enum LanczosDefaults {
  /// k when the key is pressed without a count.
  public static let steps = 60
  /// The largest k (`LanczosProbe.maximumSteps`: the run keeps k + 1 parameter-sized vectors).
  public static var maximumSteps: Int { LanczosProbe.maximumSteps }
  /// Seconds between progress updates.
  public static let progressInterval = 0.25
}
