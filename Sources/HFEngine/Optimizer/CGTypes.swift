/// Why conjugate gradient stopped.
public enum CGTermination: String, Codable, Sendable, CaseIterable {
  /// Martens' relative-progress rule fired.
  case converged
  /// The iteration cap was reached.
  case maxIterations
  /// pᵀBp ≤ 0: the curvature matrix is not positive definite along p (Hessian mode).
  case negativeCurvature
  /// A scalar became NaN or infinite.
  case nonFinite
  /// The run was asked to stop mid-solve.
  case interrupted

  /// Short label for tables and the screen.
  public var shortName: String {
    switch self {
    case .converged: "conv"
    case .maxIterations: "max"
    case .negativeCurvature: "negc"
    case .nonFinite: "nan"
    case .interrupted: "stop"
    }
  }
}

/// CG's stopping and storage settings (hf-spec §5).
public struct CGSettings: Codable, Sendable, Equatable {
  public var maxIterations: Int = 250
  public var minIterations: Int = 1
  /// ε of the relative-progress rule.
  public var tolerance: Double = 5e-4
  /// The window k = max(minWindow, ⌈windowFraction·i⌉).
  public var minWindow: Int = 10
  public var windowFraction: Double = 0.1
  /// Iterates are stored at ⌈first·ratioʲ⌉ (plus the last one).
  public var storeFirst: Double = 5
  public var storeRatio: Double = 1.3
  public init() {}

  /// The most CG iterations one solve runs, whatever `maxIterations` says (HFConfig refuses more).
  public static let iterationLimit = 10_000

  /// `maxIterations` within 1…`iterationLimit`: the iterations a solve may run.
  public var effectiveMaxIterations: Int { Swift.min(Swift.max(maxIterations, 1), Self.iterationLimit) }

  /// The iteration numbers at which iterates are stored, up to `effectiveMaxIterations`
  /// (⌈first·ratioʲ⌉ while that grows; O(log) work and entries, however large the cap).
  public var storedIterationGrid: [Int] {
    var grid: [Int] = []
    var next = storeFirst
    var last = 0
    let cap = Double(effectiveMaxIterations)
    while true {
      let i = next.rounded(.up)
      // A point that does not move past the last one would never be reached again: the grid ends.
      guard i > Double(last), i <= cap else { break }
      last = Int(i)
      grid.append(last)
      next *= storeRatio
    }
    return grid
  }
}

/// One CG iteration as the dashboard sees it.
public struct CGStep: Sendable, Equatable, Codable {
  /// The HF iteration this CG run belongs to.
  public var hfIteration: Int
  /// CG iteration number i (1-based).
  public var i: Int
  /// φ(xᵢ) = ½xᵢᵀBxᵢ + ∇fᵀxᵢ.
  public var phi: Double
  /// (φᵢ − φᵢ₋ₖ)/φᵢ, the quantity compared with k·ε (NaN before i > k).
  public var relativeProgress: Double
  /// Whether xᵢ was stored for backtracking.
  public var stored: Bool
  /// θ_min and θ_max of the Lanczos tridiagonal T_i of the run so far — the running estimate of the
  /// extreme eigenvalues of CG's (preconditioned) matrix and of κ — on the steps
  /// `ConjugateGradient.estimatesRitzRange(atStep:)` picks (nil on the others).
  public var ritzRange: RitzRange?

  /// Creates a CG step report.
  public init(
    hfIteration: Int, i: Int, phi: Double, relativeProgress: Double, stored: Bool, ritzRange: RitzRange? = nil
  ) {
    self.hfIteration = hfIteration
    self.i = i
    self.phi = phi
    self.relativeProgress = relativeProgress
    self.stored = stored
    self.ritzRange = ritzRange
  }
}

/// A stored CG iterate with, once backtracking has looked at it, its objective.
public struct StoredIterate: Sendable, Equatable, Codable {
  public var i: Int
  public var phi: Double
  public var objective: Double?

  /// Creates a stored-iterate record.
  public init(i: Int, phi: Double, objective: Double?) {
    self.i = i
    self.phi = phi
    self.objective = objective
  }
}

/// The outcome of one CG run.
public struct CGSummary: Sendable, Equatable, Codable {
  public var hfIteration: Int
  public var iterations: Int
  public var reason: CGTermination
  public var stored: [StoredIterate]
  /// The CG iteration backtracking chose.
  public var chosen: Int
  public var finalPhi: Double
  /// The Ritz values of the run's Lanczos tridiagonal: the spectrum of the damped (preconditioned)
  /// curvature CG saw (nil when CG took no step).
  public var spectrum: CurvatureSpectrum?

  /// Creates a CG run summary.
  public init(
    hfIteration: Int, iterations: Int, reason: CGTermination, stored: [StoredIterate], chosen: Int, finalPhi: Double,
    spectrum: CurvatureSpectrum? = nil
  ) {
    self.hfIteration = hfIteration
    self.iterations = iterations
    self.reason = reason
    self.stored = stored
    self.chosen = chosen
    self.finalPhi = finalPhi
    self.spectrum = spectrum
  }
}
