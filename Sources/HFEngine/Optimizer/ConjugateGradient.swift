/// Preconditioned linear CG minimizing φ(x) = ½xᵀBx − bᵀx exactly as Martens' `conjgrad_1`
/// (hf-spec §5.1), with workspaces allocated once so an iteration allocates nothing.
public final class ConjugateGradient<S: HFScalar> {
  public let dimension: Int
  let r: Buffer<S>, y: Buffer<S>, p: Buffer<S>, ap: Buffer<S>
  /// The current iterate.
  public let x: Buffer<S>
  private var pool: [Buffer<S>] = []
  private var phis: [Double] = []

  /// Stored iterates of the last solve, in order: (CG iteration, φ, copy of x).
  public private(set) var stored: [(i: Int, phi: Double, x: Buffer<S>)] = []
  /// The Lanczos tridiagonal of the last solve, built from its α and β (`ConjugateGradient+Spectrum`).
  public let lanczos = LanczosTridiagonal()
  /// Whether the last solve started from a nonzero x₀ (then its Krylov space is that of r₀ = Bx₀ − b).
  public private(set) var warmStarted = false

  public init(dimension: Int) {
    self.dimension = dimension
    r = Buffer(count: dimension)
    y = Buffer(count: dimension)
    p = Buffer(count: dimension)
    ap = Buffer(count: dimension)
    x = Buffer(count: dimension)
  }

  /// Result of a solve: iterations run, why it stopped, φ at the last iterate.
  public struct Result: Sendable {
    public var iterations: Int
    public var reason: CGTermination
    public var finalPhi: Double
    /// With reason `.nonFinite`: which scalar was NaN or infinite (pᵀBp, rᵀM⁻¹r or φ) and its value.
    public var nonFinite: (quantity: NonFiniteQuantity, value: Double)? = nil
  }

  /// Whether the last solve stored an iterate (none when φ was not finite from the start).
  public var hasUsableStep: Bool { !stored.isEmpty }

  /// Solves B x = b from `x0` (or 0). `apply(v, out)` writes B·v; `preconditioner` is the
  /// diagonal M (nil = identity); `onStep` sees every iteration and may ask to stop.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func solve(
    apply: (UnsafePointer<S>, UnsafeMutablePointer<S>) -> Void,
    b: UnsafePointer<S>, x0: UnsafePointer<S>?, preconditioner: Buffer<S>?,
    settings: CGSettings, onStep: (CGStep) -> Bool
  ) -> Result {
    let n = dimension
    let grid = settings.storedIterationGrid
    if pool.count < grid.count + 1 {
      pool = (0..<(grid.count + 1)).map { _ in Buffer(count: n) }
    }
    // Bounded by CGSettings.iterationLimit, whatever the settings say.
    let maxIterations = settings.effectiveMaxIterations
    if phis.count < maxIterations + 1 { phis = Array(repeating: 0, count: maxIterations + 1) }
    stored.removeAll(keepingCapacity: true)
    stored.reserveCapacity(grid.count + 1)  // so that storing an iterate never allocates
    lanczos.reset(capacity: maxIterations)
    let xp = x.pointer, rp = r.pointer, yp = y.pointer, pp = p.pointer, app = ap.pointer
    if let x0 { xp.update(from: x0, count: n) } else { x.zero() }
    warmStarted = x0 != nil && VectorMath.dot(xp, xp, n) > 0
    // r = B x0 − b
    apply(UnsafePointer(xp), rp)
    for j in 0..<n { rp[j] -= b[j] }
    precondition(rp, into: yp, preconditioner)
    for j in 0..<n { pp[j] = -yp[j] }
    var ry = VectorMath.dot(rp, yp, n)
    var phi = 0.5 * (VectorMath.dot(rp, xp, n) - VectorMath.dot(b, xp, n))
    var reason = CGTermination.maxIterations
    var nonFinite: (quantity: NonFiniteQuantity, value: Double)? = nil
    var i = 0
    var storedLast = false
    var gridIndex = 0
    while i < maxIterations {
      apply(UnsafePointer(pp), app)
      let pAp = VectorMath.dot(pp, app, n)
      if !pAp.isFinite || !ry.isFinite {
        reason = .nonFinite
        nonFinite = pAp.isFinite ? (.residual, ry) : (.curvatureProduct, pAp)
        break
      }
      if pAp <= 0 {
        reason = .negativeCurvature
        break
      }
      i += 1
      let alpha = ry / pAp
      // Two fused passes: x, r, y = M⁻¹r and rᵀy; then p and φ(x) = ½(r − b)ᵀx with r = Bx − b.
      let ryNew = Self.stepAndPrecondition(
        S(alpha), x: xp, r: rp, p: UnsafePointer(pp), ap: UnsafePointer(app), y: yp, m: preconditioner?.pointer, n)
      let beta = S(ryNew / ry)
      lanczos.appendCG(alpha: alpha, beta: ryNew / ry)
      let (rx, bx) = Self.updateDirection(beta, p: pp, y: UnsafePointer(yp), r: UnsafePointer(rp), b: b, x: UnsafePointer(xp), n)
      ry = ryNew
      phi = 0.5 * (rx - bx)
      phis[i] = phi
      storedLast = false
      if !phi.isFinite {
        reason = .nonFinite
        nonFinite = (.phi, phi)
        break
      }
      if gridIndex < grid.count && grid[gridIndex] == i {
        store(i: i, phi: phi)
        gridIndex += 1
        storedLast = true
      }
      let k = Swift.max(Int((settings.windowFraction * Double(i)).rounded(.up)), settings.minWindow)
      var progress = Double.nan
      if i > k { progress = (phi - phis[i - k]) / phi }
      let step = CGStep(
        hfIteration: 0, i: i, phi: phi, relativeProgress: progress, stored: storedLast,
        ritzRange: Self.estimatesRitzRange(atStep: i) ? lanczos.ritzRange() : nil)
      let stop = !onStep(step)
      if stop {
        reason = .interrupted
        break
      }
      if i > k && phis[i - k] < 0 && progress < Double(k) * settings.tolerance && i >= settings.minIterations {
        reason = .converged
        break
      }
    }
    // The last finite iterate (x is only advanced past it when φ stayed finite).
    if !storedLast && phi.isFinite { store(i: i, phi: phi) }
    if reason == .nonFinite && !phi.isFinite && stored.isEmpty { nonFinite = (.noUsableStep, phi) }
    return Result(iterations: i, reason: reason, finalPhi: phi, nonFinite: nonFinite)
  }

  private func store(i: Int, phi: Double) {
    let buffer = pool[stored.count]
    buffer.copy(from: x)
    stored.append((i, phi, buffer))
  }

  /// x ← x + a·p, r ← r + a·Ap, y ← r / m (or r), returning rᵀy in Double (four partial sums).
  @inline(__always)
  static func stepAndPrecondition(
    _ a: S, x: UnsafeMutablePointer<S>, r: UnsafeMutablePointer<S>, p: UnsafePointer<S>, ap: UnsafePointer<S>,
    y: UnsafeMutablePointer<S>, m: UnsafeMutablePointer<S>?, _ n: Int
  ) -> Double {
    var s = (0.0, 0.0, 0.0, 0.0)
    var j = 0
    @inline(__always) func one(_ k: Int) -> Double {
      x[k] += a * p[k]
      let rk = r[k] + a * ap[k]
      r[k] = rk
      let yk = m.map { rk / $0[k] } ?? rk
      y[k] = yk
      return Double(rk) * Double(yk)
    }
    while j + 4 <= n {
      s.0 += one(j)
      s.1 += one(j + 1)
      s.2 += one(j + 2)
      s.3 += one(j + 3)
      j += 4
    }
    while j < n {
      s.0 += one(j)
      j += 1
    }
    return (s.0 + s.1) + (s.2 + s.3)
  }

  /// p ← −y + β·p, returning (rᵀx, bᵀx) in Double (four partial sums each).
  @inline(__always)
  static func updateDirection(
    _ beta: S, p: UnsafeMutablePointer<S>, y: UnsafePointer<S>, r: UnsafePointer<S>, b: UnsafePointer<S>,
    x: UnsafePointer<S>, _ n: Int
  ) -> (Double, Double) {
    var rx = (0.0, 0.0, 0.0, 0.0), bx = (0.0, 0.0, 0.0, 0.0)
    var j = 0
    while j + 4 <= n {
      for k in 0..<4 { p[j + k] = -y[j + k] + beta * p[j + k] }
      rx.0 += Double(r[j]) * Double(x[j])
      rx.1 += Double(r[j + 1]) * Double(x[j + 1])
      rx.2 += Double(r[j + 2]) * Double(x[j + 2])
      rx.3 += Double(r[j + 3]) * Double(x[j + 3])
      bx.0 += Double(b[j]) * Double(x[j])
      bx.1 += Double(b[j + 1]) * Double(x[j + 1])
      bx.2 += Double(b[j + 2]) * Double(x[j + 2])
      bx.3 += Double(b[j + 3]) * Double(x[j + 3])
      j += 4
    }
    while j < n {
      p[j] = -y[j] + beta * p[j]
      rx.0 += Double(r[j]) * Double(x[j])
      bx.0 += Double(b[j]) * Double(x[j])
      j += 1
    }
    return ((rx.0 + rx.1) + (rx.2 + rx.3), (bx.0 + bx.1) + (bx.2 + bx.3))
  }

  @inline(__always)
  private func precondition(_ r: UnsafeMutablePointer<S>, into y: UnsafeMutablePointer<S>, _ m: Buffer<S>?) {
    if let m {
      let mp = m.pointer
      for j in 0..<dimension { y[j] = r[j] / mp[j] }
    } else {
      y.update(from: r, count: dimension)
    }
  }
}
