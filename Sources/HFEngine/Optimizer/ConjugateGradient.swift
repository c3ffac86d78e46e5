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
  }

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
    if phis.count < settings.maxIterations + 1 { phis = Array(repeating: 0, count: settings.maxIterations + 1) }
    stored.removeAll(keepingCapacity: true)
    let xp = x.pointer, rp = r.pointer, yp = y.pointer, pp = p.pointer, app = ap.pointer
    if let x0 { xp.update(from: x0, count: n) } else { x.zero() }
    // r = B x0 − b
    apply(UnsafePointer(xp), rp)
    for j in 0..<n { rp[j] -= b[j] }
    precondition(rp, into: yp, preconditioner)
    for j in 0..<n { pp[j] = -yp[j] }
    var ry = VectorMath.dot(rp, yp, n)
    var phi = 0.5 * (VectorMath.dot(rp, xp, n) - VectorMath.dot(b, xp, n))
    var reason = CGTermination.maxIterations
    var i = 0
    var storedLast = false
    var gridIndex = 0
    while i < settings.maxIterations {
      apply(UnsafePointer(pp), app)
      let pAp = VectorMath.dot(pp, app, n)
      if !pAp.isFinite || !ry.isFinite {
        reason = .nonFinite
        break
      }
      if pAp <= 0 {
        reason = .negativeCurvature
        break
      }
      i += 1
      let alpha = ry / pAp
      let a = S(alpha)
      for j in 0..<n {
        xp[j] += a * pp[j]
        rp[j] += a * app[j]
      }
      precondition(rp, into: yp, preconditioner)
      let ryNew = VectorMath.dot(rp, yp, n)
      let beta = S(ryNew / ry)
      for j in 0..<n { pp[j] = -yp[j] + beta * pp[j] }
      ry = ryNew
      // φ(x) = ½(r − b)ᵀx with r = Bx − b.
      phi = 0.5 * (VectorMath.dot(rp, xp, n) - VectorMath.dot(b, xp, n))
      phis[i] = phi
      storedLast = false
      if gridIndex < grid.count && grid[gridIndex] == i {
        store(i: i, phi: phi)
        gridIndex += 1
        storedLast = true
      }
      let k = Swift.max(Int((settings.windowFraction * Double(i)).rounded(.up)), settings.minWindow)
      var progress = Double.nan
      if i > k { progress = (phi - phis[i - k]) / phi }
      if !phi.isFinite {
        reason = .nonFinite
        break
      }
      let stop = !onStep(CGStep(hfIteration: 0, i: i, phi: phi, relativeProgress: progress, stored: storedLast))
      if stop {
        reason = .interrupted
        break
      }
      if i > k && phis[i - k] < 0 && progress < Double(k) * settings.tolerance && i >= settings.minIterations {
        reason = .converged
        break
      }
    }
    if !storedLast && phi.isFinite { store(i: i, phi: phi) }
    return Result(iterations: i, reason: reason, finalPhi: phi)
  }

  private func store(i: Int, phi: Double) {
    let buffer = pool[stored.count]
    buffer.copy(from: x)
    stored.append((i, phi, buffer))
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
