import HFEngine
import Testing

/// Rosenbrock f = 100(y − x²)² + (1 − x)², minimum 0 at (1, 1).
func rosenbrock(_ x: Buffer<Double>, _ g: Buffer<Double>) -> Double {
  let a = x[0], b = x[1]
  g.pointer[0] = -400 * a * (b - a * a) - 2 * (1 - a)
  g.pointer[1] = 200 * (b - a * a)
  return 100 * (b - a * a) * (b - a * a) + (1 - a) * (1 - a)
}

@Suite("Line-search minimizers")
struct LineSearchMinimizerTests {
  @Test("strong Wolfe search on φ(α) = (α − 3)²: both conditions hold at the accepted step")
  func wolfeOnParabola() {
    let ls = WolfeLineSearch(c1: 1e-4, c2: 0.1)
    let r = ls.search(
      f0: 9, slope0: -6, initialStep: 1, value: { ($0 - 3) * ($0 - 3) }, slope: { 2 * ($0 - 3) })
    #expect(r.satisfied && r.gradientAtStep)
    #expect(abs(2 * (r.step - 3)) <= 0.1 * 6)
    #expect(r.value <= 9 + 1e-4 * r.step * -6)
    // An ascent "direction" is refused without evaluations.
    let up = ls.search(f0: 1, slope0: 1, initialStep: 1, value: { _ in 0 }, slope: { _ in 0 })
    #expect(up.step == 0 && up.evaluations == 0)
  }

  @Test("an abandoned search tries no further points: a stop during a long bracketing phase ends it at once")
  func abandonedSearchStops() {
    // φ(α) = −α keeps decreasing with slope −1, so the search doubles α until it runs out of evaluations.
    let ls = WolfeLineSearch(c1: 1e-4, c2: 0.1, maxEvaluations: 20)
    var calls = 0
    let full = ls.search(f0: 0, slope0: -1, initialStep: 1, value: { calls += 1; return -$0 }, slope: { _ in -1 })
    #expect(full.evaluations == 20 && calls == 20)
    calls = 0
    let cut = ls.search(
      f0: 0, slope0: -1, initialStep: 1, abandoned: { calls >= 3 }, value: { calls += 1; return -$0 }, slope: { _ in -1 })
    #expect(cut.evaluations == 3 && calls == 3)
  }

  @Test("L-BFGS solves Rosenbrock from (−1.2, 1) to 1e-6")
  func lbfgsRosenbrock() {
    let m = LBFGSMinimizer<Double>(initial: [-1.2, 1], history: 10)
    let f = SmoothObjective<Double>(rosenbrock, dimension: 2)
    var iterations = 0
    while iterations < 200 {
      let s = m.iterate(f)
      iterations += 1
      if s.gradientNorm < 1e-10 || !s.accepted { break }
    }
    #expect(abs(m.x[0] - 1) < 1e-6 && abs(m.x[1] - 1) < 1e-6, "x = \(m.x.array) after \(iterations)")
    #expect(m.value < 1e-12)
    #expect(iterations < 60)
    #expect(m.pairCount == 10)
  }

  @Test("L-BFGS keeps only pairs with sᵀy > 0 and γ = sᵀy/yᵀy scales the first quasi-Newton step")
  func lbfgsQuadratic() {
    // f = ½(x² + 100y²): after one steepest-descent step the pair gives the exact curvature along s.
    let quad: (Buffer<Double>, Buffer<Double>) -> Double = { x, g in
      g.pointer[0] = x[0]
      g.pointer[1] = 100 * x[1]
      return 0.5 * (x[0] * x[0] + 100 * x[1] * x[1])
    }
    let m = LBFGSMinimizer<Double>(initial: [1, 1], history: 5)
    let f = SmoothObjective<Double>(quad, dimension: 2)
    for _ in 0..<30 {
      let s = m.iterate(f)
      if s.gradientNorm < 1e-12 || !s.accepted { break }
    }
    #expect(abs(m.x[0]) < 1e-8 && abs(m.x[1]) < 1e-8)
    #expect(m.skippedUpdates == 0)
    for pair in m.pairs {
      let sy = zip(pair.s, pair.y).map { $0 * $1 }.reduce(0, +)
      #expect(sy > 0)
    }
  }

  @Test("the PR+ restart rule: periodic, β ≤ 0, Powell's test, else β")
  func conjugacyRule() {
    typealias NCG = NonlinearCGMinimizer<Double>
    // β = (‖g‖² − gᵀg₋)/‖g₋‖².
    let plain = NCG.conjugacy(gradientSquared: 1, gradientDotPrevious: 0.1, previousSquared: 4, sinceRestart: 3, interval: 10)
    #expect(plain.restart == nil && abs(plain.beta - 0.225) < 1e-15)
    #expect(NCG.conjugacy(gradientSquared: 1, gradientDotPrevious: 0.1, previousSquared: 4, sinceRestart: 10, interval: 10).restart == .periodic)
    #expect(NCG.conjugacy(gradientSquared: 1, gradientDotPrevious: 1.5, previousSquared: 4, sinceRestart: 3, interval: 10).restart == .betaNonPositive)
    #expect(NCG.conjugacy(gradientSquared: 1, gradientDotPrevious: 1, previousSquared: 4, sinceRestart: 3, interval: 10).restart == .betaNonPositive)
    #expect(NCG.conjugacy(gradientSquared: 1, gradientDotPrevious: 0.5, previousSquared: 4, sinceRestart: 3, interval: 10).restart == .powell)
    #expect(NCG.conjugacy(gradientSquared: 1, gradientDotPrevious: -0.3, previousSquared: 4, sinceRestart: 3, interval: 10).restart == .powell)
    #expect(NCG.conjugacy(gradientSquared: 1, gradientDotPrevious: 0.19, previousSquared: 4, sinceRestart: 3, interval: 10).restart == nil)
  }

  @Test("NCG on a 2-D quadratic: conjugate directions, no restarts, the minimum in a few iterations")
  func ncgQuadratic() {
    let quad: (Buffer<Double>, Buffer<Double>) -> Double = { x, g in
      g.pointer[0] = 3 * x[0] + x[1] - 1
      g.pointer[1] = x[0] + 2 * x[1] - 2
      return 0.5 * (3 * x[0] * x[0] + 2 * x[0] * x[1] + 2 * x[1] * x[1]) - x[0] - 2 * x[1]
    }
    let m = NonlinearCGMinimizer<Double>(initial: [2, -1])
    m.lineSearch = WolfeLineSearch(c1: 1e-4, c2: 1e-6, maxEvaluations: 60)
    let f = SmoothObjective<Double>(quad, dimension: 2)
    for _ in 0..<6 {
      let s = m.iterate(f)
      if s.gradientNorm < 1e-10 || !s.accepted { break }
    }
    // Minimum at A⁻¹b = (0, 1).
    #expect(abs(m.x[0]) < 1e-7 && abs(m.x[1] - 1) < 1e-7, "x = \(m.x.array)")
    #expect(m.restartCount == 0 || m.restarts[.periodic] == m.restartCount)
  }

  @Test("NCG on Rosenbrock: Powell's test and β ≤ 0 restart it, and it reaches the minimum")
  func ncgRosenbrockRestarts() {
    let m = NonlinearCGMinimizer<Double>(initial: [-1.2, 1], restartInterval: 1000)
    let f = SmoothObjective<Double>(rosenbrock, dimension: 2)
    var iterations = 0
    while iterations < 2000 {
      let s = m.iterate(f)
      iterations += 1
      if s.gradientNorm < 1e-9 || !s.accepted { break }
    }
    #expect(abs(m.x[0] - 1) < 1e-5 && abs(m.x[1] - 1) < 1e-5, "x = \(m.x.array) after \(iterations)")
    #expect((m.restarts[.powell] ?? 0) > 0, "restarts \(m.restarts)")
    #expect(m.restartCount == m.restarts.values.reduce(0, +))
    // With a restart interval of 1 every iteration after the first is a periodic restart.
    let everyStep = NonlinearCGMinimizer<Double>(initial: [-1.2, 1], restartInterval: 1)
    for _ in 0..<5 { everyStep.iterate(f) }
    #expect(everyStep.restarts == [.periodic: 4])
  }
}
