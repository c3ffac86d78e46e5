import Foundation
import HFEngine
import Testing

@Suite("Conjugate gradient")
struct ConjugateGradientTests {
  /// A random SPD matrix A = QᵀQ + n·I (row-major).
  static func spd(_ n: Int, seed: UInt64) -> [Double] {
    var rng = SeededGenerator(seed: seed)
    let q = (0..<(n * n)).map { _ in rng.nextGaussian() }
    var a = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in 0..<n {
      var s = 0.0
      for k in 0..<n { s += q[k * n + i] * q[k * n + j] }
      a[i * n + j] = s + (i == j ? Double(n) : 0)
    } }
    return a
  }

  /// Solves A x = b by Gaussian elimination with partial pivoting.
  static func directSolve(_ a: [Double], _ b: [Double]) -> [Double] {
    let n = b.count
    var m = a, x = b
    for c in 0..<n {
      let piv = (c..<n).max { abs(m[$0 * n + c]) < abs(m[$1 * n + c]) }!
      if piv != c { for k in 0..<n { m.swapAt(c * n + k, piv * n + k) }; x.swapAt(c, piv) }
      for r in (c + 1)..<n {
        let f = m[r * n + c] / m[c * n + c]
        for k in c..<n { m[r * n + k] -= f * m[c * n + k] }
        x[r] -= f * x[c]
      }
    }
    for r in stride(from: n - 1, through: 0, by: -1) {
      var s = x[r]
      for k in (r + 1)..<n { s -= m[r * n + k] * x[k] }
      x[r] = s / m[r * n + r]
    }
    return x
  }

  static func apply(_ a: [Double], _ n: Int) -> (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void {
    { v, out in for i in 0..<n { var s = 0.0; for j in 0..<n { s += a[i * n + j] * v[j] }; out[i] = s } }
  }

  @Test("CG on a random SPD system reaches the direct solution, with and without preconditioner")
  func solvesSPD() {
    let n = 30
    let a = Self.spd(n, seed: 1)
    var rng = SeededGenerator(seed: 2)
    let b = (0..<n).map { _ in rng.nextGaussian() }
    let exact = Self.directSolve(a, b)
    for usePrecond in [false, true] {
      let cg = ConjugateGradient<Double>(dimension: n)
      var settings = CGSettings()
      settings.maxIterations = 200
      settings.tolerance = 1e-14
      let m: Buffer<Double>? = usePrecond ? Buffer((0..<n).map { a[$0 * n + $0] }) : nil
      let r = b.withUnsafeBufferPointer { bp in
        cg.solve(apply: Self.apply(a, n), b: bp.baseAddress!, x0: nil, preconditioner: m, settings: settings) { _ in true }
      }
      #expect(Fixtures.relativeError(cg.x.array, exact) < 1e-8, "preconditioned: \(usePrecond)")
      #expect(r.reason == .converged || r.reason == .maxIterations)
    }
  }

  @Test("φ reported by CG equals ½xᵀAx − bᵀx at every step")
  func phiBookkeeping() {
    let n = 12
    let a = Self.spd(n, seed: 3)
    let b = (0..<n).map { Double($0 % 5) - 2 }
    let cg = ConjugateGradient<Double>(dimension: n)
    var settings = CGSettings()
    settings.maxIterations = 8
    let x0 = (0..<n).map { 0.1 * Double($0) }
    var phis: [Double] = []
    b.withUnsafeBufferPointer { bp in
      x0.withUnsafeBufferPointer { xp in
        _ = cg.solve(apply: Self.apply(a, n), b: bp.baseAddress!, x0: xp.baseAddress!, preconditioner: nil, settings: settings) {
          phis.append($0.phi); return true
        }
      }
    }
    let x = cg.x.array
    var ax = [Double](repeating: 0, count: n)
    x.withUnsafeBufferPointer { xp in ax.withUnsafeMutableBufferPointer { Self.apply(a, n)(xp.baseAddress!, $0.baseAddress!) } }
    let direct = 0.5 * zip(x, ax).map(*).reduce(0, +) - zip(b, x).map(*).reduce(0, +)
    #expect(abs(phis.last! - direct) < 1e-10 * max(1, abs(direct)))
    #expect(phis.count == 8)
    for k in 1..<phis.count { #expect(phis[k] <= phis[k - 1] + 1e-12) }  // CG decreases φ monotonically
  }

  @Test("the stored-iterate grid is ⌈5·1.3ʲ⌉")
  func storedGrid() {
    var s = CGSettings()
    s.maxIterations = 250
    #expect(s.storedIterationGrid == [5, 7, 9, 11, 15, 19, 25, 32, 41, 54, 69, 90, 117, 152, 197])
  }

  @Test("the relative-progress rule stops exactly where the published test first holds")
  func stopRule() {
    // A diagonal SPD system with widely spread eigenvalues: CG creeps, so the rule decides.
    let n = 400
    let diag = (0..<n).map { 1 + 1e4 * pow(Double($0) / Double(n), 3) }
    let b = [Double](repeating: 1, count: n)
    let cg = ConjugateGradient<Double>(dimension: n)
    var settings = CGSettings()
    settings.maxIterations = 400
    var phis: [Double] = [0]
    let r = b.withUnsafeBufferPointer { bp in
      cg.solve(apply: { v, out in for i in 0..<n { out[i] = diag[i] * v[i] } }, b: bp.baseAddress!, x0: nil,
               preconditioner: nil, settings: settings) { phis.append($0.phi); return true }
    }
    #expect(r.reason == .converged)
    // Recompute the rule on the recorded φ sequence: the first i where it holds is where CG stopped.
    var first: Int? = nil
    for i in 1..<phis.count {
      let k = max(Int((0.1 * Double(i)).rounded(.up)), 10)
      if i > k && phis[i - k] < 0 && (phis[i] - phis[i - k]) / phis[i] < Double(k) * 5e-4 { first = i; break }
    }
    #expect(first == r.iterations)
    #expect(r.iterations > 10)
  }

  @Test("stored iterates include the grid points reached and the last iterate")
  func storedIterates() {
    let n = 50
    let a = Self.spd(n, seed: 9)
    let b = [Double](repeating: 1, count: n)
    let cg = ConjugateGradient<Double>(dimension: n)
    var settings = CGSettings()
    settings.maxIterations = 12
    settings.tolerance = 0
    _ = b.withUnsafeBufferPointer { bp in
      cg.solve(apply: Self.apply(a, n), b: bp.baseAddress!, x0: nil, preconditioner: nil, settings: settings) { _ in true }
    }
    #expect(cg.stored.map(\.i) == [5, 7, 9, 11, 12])
    #expect(cg.stored.last!.x.array == cg.x.array)
  }

  @Test("an indefinite matrix stops CG with negative curvature")
  func negativeCurvature() {
    let n = 4
    let a = [1.0, 0, 0, 0, 0, -2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]
    let b = [1.0, 1, 1, 1]
    let cg = ConjugateGradient<Double>(dimension: n)
    let r = b.withUnsafeBufferPointer { bp in
      cg.solve(apply: Self.apply(a, n), b: bp.baseAddress!, x0: nil, preconditioner: nil, settings: CGSettings()) { _ in true }
    }
    #expect(r.reason == .negativeCurvature)
  }

  @Test("a stop request ends CG with reason interrupted at that step")
  func interruption() {
    let n = 20
    let a = Self.spd(n, seed: 4)
    let b = [Double](repeating: 1, count: n)
    let cg = ConjugateGradient<Double>(dimension: n)
    let r = b.withUnsafeBufferPointer { bp in
      cg.solve(apply: Self.apply(a, n), b: bp.baseAddress!, x0: nil, preconditioner: nil, settings: CGSettings()) { $0.i < 3 }
    }
    #expect(r.reason == .interrupted)
    #expect(r.iterations == 3)
  }
}
