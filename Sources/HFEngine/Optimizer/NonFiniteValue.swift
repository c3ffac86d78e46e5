/// The part of an HF iteration (or of a racer's step) in which a value was computed.
public enum IterationPhase: String, Codable, Sendable, CaseIterable {
  /// f(θ) and ∇f on the gradient data.
  case gradient
  /// The curvature batch's forward pass at θ.
  case curvature
  /// The diagonal preconditioner and the damping λ + wc.
  case preconditioner
  /// Conjugate gradient.
  case cg
  /// Walking back over the stored CG iterates.
  case backtracking
  /// The reduction ratio ρ (f at θ + p and pᵀCp on the curvature batch).
  case rho
  /// The Armijo line search.
  case lineSearch
  /// A racer's update of θ (SGD, momentum, Adam) or its line search (NCG, L-BFGS).
  case update

  /// How the phase is named in sentences ("the line search").
  public var phrase: String {
    switch self {
    case .gradient: "the gradient phase"
    case .curvature: "the curvature batch"
    case .preconditioner: "the preconditioner"
    case .cg: "CG"
    case .backtracking: "backtracking"
    case .rho: "the ρ computation"
    case .lineSearch: "the line search"
    case .update: "the update"
    }
  }
}

/// Which quantity was NaN or infinite.
public enum NonFiniteQuantity: String, Codable, Sendable, CaseIterable {
  /// The objective f (mean loss plus weight cost).
  case objective
  /// ‖∇f‖.
  case gradient
  /// An entry of the diagonal preconditioner M.
  case preconditioner
  /// The damping λ + wc in the engine's scalar type (λ beyond its range).
  case damping
  /// The structural damping μλ in the engine's scalar type.
  case structuralDamping
  /// A curvature product: pᵀBp in CG, or pᵀCp for ρ.
  case curvatureProduct
  /// CG's preconditioned residual rᵀM⁻¹r.
  case residual
  /// CG's quadratic φ(x).
  case phi
  /// CG stored no iterate (φ was not finite from its start): there is no usable step.
  case noUsableStep
  /// The reduction ratio ρ.
  case rho
  /// The parameters θ after a racer's update.
  case parameters

  /// How the quantity is named in sentences.
  public var phrase: String {
    switch self {
    case .objective: "the objective"
    case .gradient: "the gradient norm"
    case .preconditioner: "the preconditioner"
    case .damping: "the damping λ + wc in single precision"
    case .structuralDamping: "the structural damping μλ in single precision"
    case .curvatureProduct: "the curvature product"
    case .residual: "CG's residual"
    case .phi: "CG's φ"
    case .noUsableStep: "CG's usable step"
    case .rho: "ρ"
    case .parameters: "θ"
    }
  }
}

/// What went non-finite where: the reason an iteration was rejected (see `IterationReport.nonFinite`).
public struct NonFiniteValue: Codable, Sendable, Equatable {
  public var quantity: NonFiniteQuantity
  public var phase: IterationPhase
  /// The offending value (NaN, +∞ or −∞).
  public var value: Double

  /// Creates a record of `quantity` being `value` in `phase`.
  public init(_ quantity: NonFiniteQuantity, in phase: IterationPhase, value: Double) {
    self.quantity = quantity
    self.phase = phase
    self.value = value
  }

  /// Equal when quantity, phase and value agree (NaN matching NaN).
  public static func == (a: NonFiniteValue, b: NonFiniteValue) -> Bool {
    a.quantity == b.quantity && a.phase == b.phase && (a.value == b.value || (a.value.isNaN && b.value.isNaN))
  }

  /// "the gradient norm was NaN in the gradient phase".
  public var description: String {
    let shown = value.isNaN ? "NaN" : value > 0 ? "+Inf" : "-Inf"
    if quantity == .noUsableStep { return "CG has no usable step (its starting φ was \(shown))" }
    return "\(quantity.phrase) was \(shown) in \(phase.phrase)"
  }

  /// The first non-finite value of `checks` (quantity and value), as met in `phase`; nil when all are finite.
  static func first(_ checks: [(NonFiniteQuantity, Double)], in phase: IterationPhase) -> NonFiniteValue? {
    checks.first { !$0.1.isFinite }.map { NonFiniteValue($0.0, in: phase, value: $0.1) }
  }
}

extension VectorMath {
  /// The first non-finite entry of `a` (nil when every entry is finite).
  static func firstNonFinite<S: HFScalar>(_ a: UnsafePointer<S>, _ n: Int) -> Double? {
    for j in 0..<n where !a[j].isFinite { return Double(a[j]) }
    return nil
  }
}
