import HFEngine
import Testing

/// CG keeps O(log) stored iterates and at most `CGSettings.iterationLimit` φ values however large
/// its cap, and never stores a non-finite iterate.
@Suite("CG bounds and non-finite values")
struct ConjugateGradientBoundsTests {
  /// The stored-iterate grid as the loop over every iteration computed it (the reference).
  static func referenceGrid(first: Double, ratio: Double, max: Int) -> [Int] {
    var grid: [Int] = []
    var next = first
    for i in 1...max where Double(i) == next.rounded(.up) {
      grid.append(i)
      next *= ratio
    }
    return grid
  }

  @Test("the stored-iterate grid equals the per-iteration reference for ordinary caps")
  func gridMatchesReference() {
    for cap in [1, 4, 5, 6, 50, 250, 300, 1000, 10_000] {
      var s = CGSettings()
      s.maxIterations = cap
      #expect(s.storedIterationGrid == Self.referenceGrid(first: 5, ratio: 1.3, max: cap), "cap \(cap)")
    }
    var s = CGSettings()
    s.storeFirst = 1
    s.storeRatio = 1.01  // ⌈1.01ʲ⌉ stalls at 2: the reference never reaches another point either
    s.maxIterations = 500
    #expect(s.storedIterationGrid == Self.referenceGrid(first: 1, ratio: 1.01, max: 500))
    #expect(s.storedIterationGrid == [1, 2])
  }

  @Test("a cap of 10¹⁵ is bounded: the grid is the 10000-iteration grid and a solve runs at most 10000 steps")
  func hugeCapIsBounded() {
    var s = CGSettings()
    s.maxIterations = 1_000_000_000_000_000
    #expect(s.effectiveMaxIterations == CGSettings.iterationLimit)
    #expect(s.storedIterationGrid == Self.referenceGrid(first: 5, ratio: 1.3, max: 10_000))
    #expect(s.storedIterationGrid.count == 29)
    // A 3×3 system converges long before any cap; the solve must neither preallocate for 10¹⁵
    // steps nor loop over them.
    let cg = ConjugateGradient<Double>(dimension: 3)
    let b: [Double] = [1, 2, 3]
    let result = b.withUnsafeBufferPointer { bp in
      cg.solve(
        apply: { v, out in for j in 0..<3 { out[j] = Double(j + 1) * v[j] } }, b: bp.baseAddress!, x0: nil,
        preconditioner: nil, settings: s, onStep: { _ in true })
    }
    #expect(result.iterations <= CGSettings.iterationLimit)
    #expect(abs(cg.x[0] - 1) < 1e-9 && abs(cg.x[1] - 1) < 1e-9 && abs(cg.x[2] - 1) < 1e-9)
  }

  @Test("a non-finite φ from the start leaves no stored iterate: no usable step, named")
  func noUsableStep() {
    let cg = ConjugateGradient<Double>(dimension: 4)
    let b: [Double] = [1, 1, 1, 1]
    let x0: [Double] = [0, .nan, 0, 0]
    let result = b.withUnsafeBufferPointer { bp in
      x0.withUnsafeBufferPointer { xp in
        cg.solve(
          apply: { v, out in for j in 0..<4 { out[j] = 2 * v[j] } }, b: bp.baseAddress!, x0: xp.baseAddress!,
          preconditioner: nil, settings: CGSettings(), onStep: { _ in true })
      }
    }
    #expect(result.reason == .nonFinite)
    #expect(!cg.hasUsableStep && cg.stored.isEmpty)
    #expect(result.nonFinite?.quantity == .noUsableStep)
  }

  @Test("a curvature product that turns infinite mid-solve stops CG; only finite iterates were stored")
  func productTurnsInfinite() {
    let n = 40
    let cg = ConjugateGradient<Double>(dimension: n)
    let b = (0..<n).map { Double($0 % 7) - 3 }
    var calls = 0
    let result = b.withUnsafeBufferPointer { bp in
      cg.solve(
        apply: { v, out in
          calls += 1
          for j in 0..<n { out[j] = calls > 12 ? .infinity : (1 + Double(j)) * v[j] }
        }, b: bp.baseAddress!, x0: nil, preconditioner: nil, settings: CGSettings(), onStep: { _ in true })
    }
    #expect(result.reason == .nonFinite)
    #expect(result.nonFinite?.quantity == .curvatureProduct && result.nonFinite?.value.isFinite == false)
    #expect(result.iterations == 11, "the 12th product (after the initial residual's) is the infinite one")
    #expect(cg.hasUsableStep)
    #expect(cg.stored.map(\.i) == [5, 7, 9, 11])
    for it in cg.stored {
      #expect(it.phi.isFinite && it.x.array.allSatisfy(\.isFinite))
    }
  }
}
