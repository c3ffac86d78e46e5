/// A panel of the dashboard; Tab cycles the focus through them in this order.
public enum DashboardPanel: String, Sendable, CaseIterable, Hashable {
  case objective, error, lambda, rho, cgIterations, layers, cgRun, settings, log

  /// The panel's title.
  public var title: String {
    switch self {
    case .objective: "Objective"
    case .error: "Error"
    case .lambda: "Damping λ"
    case .rho: "Reduction ratio ρ"
    case .cgIterations: "CG iterations"
    case .layers: "Gradient norm per group"
    case .cgRun: "CG run"
    case .settings: "Hyperparameters"
    case .log: "Events"
    }
  }

  /// A shorter title for narrow panels.
  public var shortTitle: String {
    switch self {
    case .objective: "Objective"
    case .error: "Error"
    case .lambda: "λ"
    case .rho: "ρ"
    case .cgIterations: "CG iters"
    case .layers: "‖∇‖ per group"
    case .cgRun: "CG run"
    case .settings: "Settings"
    case .log: "Events"
    }
  }

  /// The y scale the panel starts with (nil for panels that are not y-charts).
  public var defaultScale: AxisScale? {
    switch self {
    case .objective, .error, .lambda: .log10
    case .rho: .clamped(-1, 1.5)
    case .cgIterations, .cgRun: .linear
    case .layers, .settings, .log: nil
    }
  }

  /// The scale `l` switches to (nil when the panel has no alternative).
  public var alternateScale: AxisScale? {
    switch self {
    case .objective, .error, .lambda: .linear
    case .rho: .linear
    case .cgIterations: .log10
    case .cgRun, .layers, .settings, .log: nil
    }
  }

  /// The next panel in Tab order (`step` −1 for Shift-Tab).
  public func cycled(by step: Int) -> DashboardPanel {
    let all = Self.allCases
    let i = all.firstIndex(of: self)!
    return all[((i + step) % all.count + all.count) % all.count]
  }
}
