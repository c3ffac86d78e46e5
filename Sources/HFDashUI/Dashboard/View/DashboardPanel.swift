/// A panel of the dashboard; Tab cycles the focus through the panels on screen in this order.
public enum DashboardPanel: String, Sendable, CaseIterable, Hashable {
  case objective, error, lambda, rho, cgIterations, layers, cgRun, spectrum, settings, log
  /// Races: every racer's objective (or error) in one chart, and the race table.
  case race, racers

  /// The panels of a single-optimizer session, in Tab order.
  public static let standard: [DashboardPanel] = [
    .objective, .error, .lambda, .rho, .cgIterations, .layers, .cgRun, .spectrum, .settings, .log,
  ]
  /// The panels of a race, in Tab order.
  public static let racing: [DashboardPanel] = [
    .race, .racers, .lambda, .rho, .cgIterations, .layers, .cgRun, .spectrum, .settings, .log,
  ]

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
    case .spectrum: "Curvature spectrum"
    case .settings: "Hyperparameters"
    case .log: "Events"
    case .race: "Race"
    case .racers: "Racers"
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
    case .spectrum: "Spectrum"
    case .settings: "Settings"
    case .log: "Events"
    case .race: "Race"
    case .racers: "Racers"
    }
  }

  /// The y scale the panel starts with (nil for panels that are not y-charts).
  public var defaultScale: AxisScale? {
    switch self {
    case .objective, .error, .lambda, .race, .spectrum: .log10
    case .rho: .clamped(-1, 1.5)
    case .cgIterations, .cgRun: .linear
    case .layers, .settings, .log, .racers: nil
    }
  }

  /// The scale `l` switches to (nil when the panel has no alternative).
  public var alternateScale: AxisScale? {
    switch self {
    case .objective, .error, .lambda, .race, .spectrum: .linear
    case .rho: .linear
    case .cgIterations: .log10
    case .cgRun, .layers, .settings, .log, .racers: nil
    }
  }

  /// The next panel in Tab order among `panels` (`step` −1 for Shift-Tab); the first of them when
  /// this panel is not one.
  public func cycled(by step: Int, in panels: [DashboardPanel] = standard) -> DashboardPanel {
    guard let i = panels.firstIndex(of: self) else { return panels.first ?? self }
    return panels[((i + step) % panels.count + panels.count) % panels.count]
  }
}
