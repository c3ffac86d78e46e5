/// What a problem can honour, for the settings that depend on it: the curvature matrices it
/// computes, whether it has per-case squared gradients (the diagonal preconditioner's
/// statistics), and whether it has hidden-state dynamics (structural damping μ).
public struct ProblemCapabilities: Sendable, Equatable {
  /// What the problem is called in refusals ("Recurrent networks", "Feed-forward networks").
  public var name: String
  public var supportedCurvatures: [CurvatureType]
  public var hasPreconditionerStatistics: Bool
  public var hasHiddenStateDynamics: Bool

  public init(name: String, supportedCurvatures: [CurvatureType], hasPreconditionerStatistics: Bool, hasHiddenStateDynamics: Bool) {
    self.name = name
    self.supportedCurvatures = supportedCurvatures
    self.hasPreconditionerStatistics = hasPreconditionerStatistics
    self.hasHiddenStateDynamics = hasHiddenStateDynamics
  }

  /// Feed-forward networks: every curvature, the preconditioner, no structural damping.
  public static let feedForward = ProblemCapabilities(
    name: "Feed-forward networks", supportedCurvatures: CurvatureType.allCases, hasPreconditionerStatistics: true,
    hasHiddenStateDynamics: false)
  /// Recurrent networks (`RecurrentProblem`): Gauss-Newton only, no per-sequence squared
  /// gradients, structural damping.
  public static let recurrent = ProblemCapabilities(
    name: "Recurrent networks", supportedCurvatures: [.gaussNewton], hasPreconditionerStatistics: false,
    hasHiddenStateDynamics: true)
}

extension Preset {
  /// What this preset's problem can honour.
  public var capabilities: ProblemCapabilities { recurrent == nil ? .feedForward : .recurrent }
}

extension TrainingSetup {
  /// What this run's problem can honour.
  public var capabilities: ProblemCapabilities { spec.preset.capabilities }
}

/// The refusals: one sentence each, the same from the CLI, the `:` prompt, the keys and the session.
extension ProblemCapabilities {
  /// Why the problem cannot use `curvature` (nil when it can).
  public func refusal(curvature: CurvatureType) -> String? {
    if supportedCurvatures.contains(curvature) { return nil }
    let names = supportedCurvatures.map(\.shortName).joined(separator: ", ")
    return "\(name) support only the \(names) curvature, not \(curvature.shortName)."
  }

  /// Why the problem cannot run with the preconditioner `on` (nil when it can).
  public func refusal(preconditioner on: Bool) -> String? {
    guard on, !hasPreconditionerStatistics else { return nil }
    return "\(name) have no per-case squared gradients, so the diagonal preconditioner is not available."
  }

  /// Why structural damping means nothing for the problem (nil when it has hidden-state dynamics).
  public var structuralDampingRefusal: String? {
    hasHiddenStateDynamics ? nil : "\(name) have no hidden-state dynamics, so structural damping μ does not apply."
  }

  /// The first refusal a whole configuration meets (curvature, preconditioner), nil when it runs.
  public func refusal(_ config: HFConfig) -> String? {
    refusal(curvature: config.curvature) ?? refusal(preconditioner: config.preconditioner)
  }
}
