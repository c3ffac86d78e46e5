import Foundation
import HFRecording
import Testing

@Suite("Comparison with a reference: the plateau and the summary")
struct ComparisonSummaryTests {
  /// A run of `errors` at `iterations` (every other column empty).
  static func run(_ iterations: [Int], _ errors: [Double?], label: String = "ref") -> ComparisonRun {
    let none = [Double?](repeating: nil, count: iterations.count)
    return ComparisonRun(
      title: label, label: label, details: [], iterations: iterations, trainError: errors, testError: none, objective: none,
      lambda: none, rho: none, cgIterations: none, cgChosen: none, dataPasses: nil)
  }

  @Test("the plateau starts where the error twice changed by under 1 %, and is left below 0.9 × its error")
  func smallCases() {
    // 10.0 → 9.95 (0.5 %) → 9.92 (0.3 %): the plateau is iteration 4's 9.95; 0.9 × 9.95 = 8.955, first below at 7.
    let p = Plateau.find(iterations: [1, 2, 3, 4, 5, 6, 7], errors: [50, 20, 10, 9.95, 9.92, 9.0, 8.5])
    #expect(p == Plateau(iteration: 4, error: 9.95, leftAt: 7))
    // One flat step (a rejected iteration) is not a plateau; two are.
    #expect(Plateau.find(iterations: [1, 2, 3, 4, 5], errors: [50, 50, 20, 10, 5]) == nil)
    // Never left: leftAt nil. Exactly 0.9 × is not below.
    #expect(Plateau.find(iterations: [1, 2, 3, 4, 5], errors: [20, 10, 10, 9.95, 9]) == Plateau(iteration: 3, error: 10, leftAt: nil))
    #expect(Plateau.find(iterations: [1, 2, 3, 4, 5], errors: [20, 10, 10, 9.95, 8.99]) == Plateau(iteration: 3, error: 10, leftAt: 5))
    // Missing and non-finite errors are passed over; iteration numbers may skip.
    #expect(Plateau.find(iterations: [1, 3, 5, 8, 9, 12], errors: [30, nil, 10, .nan, 9.99, 2]) == nil)
    #expect(Plateau.find(iterations: [1, 3, 5, 8, 9, 12, 13], errors: [30, nil, 10, .nan, 9.99, 9.98, 2]) == Plateau(iteration: 9, error: 9.99, leftAt: 13))
    #expect(Plateau.find(iterations: [], errors: []) == nil)
  }

  @Test("Martens' run on CURVES sits on the plateau from iteration 7 (16.95) and leaves it at iteration 40 (15.11 < 15.26)")
  func martens() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let url = root.appendingPathComponent("assets/reference/martens-hf-curves.csv")
    let paper = try ReferenceRunFile.parse(try String(contentsOf: url, encoding: .utf8), name: "m")
    let p = try #require(Plateau.find(iterations: paper.iterations, errors: paper.trainError))
    #expect(p == Plateau(iteration: 7, error: 16.9546, leftAt: 40))
    // The rule, checked on the rows themselves: 39 is still above 0.9 × the plateau, 40 below.
    let at39 = try #require(paper.trainError[38]), at40 = try #require(paper.trainError[39])
    #expect(at39 >= 0.9 * 16.9546 && at40 < 0.9 * 16.9546)
  }

  @Test("the summary: both plateaus, the errors at the last iteration both have, the two last iterations")
  func summary() {
    let reference = Self.run([1, 2, 3, 5, 6, 7, 8], [50, 20, 10, 9.95, 9.92, 8.5, 7])
    let mine = Self.run([1, 2, 3, 4, 5, 6], [60, 30, 12, 11.9, 11.85, 11])
    let s = ComparisonSummary(run: mine, reference: reference)
    #expect(s.plateau == Plateau(iteration: 4, error: 11.9, leftAt: nil))
    #expect(s.referencePlateau == Plateau(iteration: 5, error: 9.95, leftAt: 7))
    #expect(s.lastCommonIteration == 6 && s.error == 11 && s.referenceError == 9.92)
    #expect(s.iterations == 6 && s.referenceIterations == 8)
    // The reference has no row 4: the last common iteration skips to the one before.
    let short = ComparisonSummary(run: Self.run([1, 2, 3, 4], [60, 30, 12, 11.9]), reference: reference)
    #expect(short.lastCommonIteration == 3 && short.error == 12 && short.referenceError == 10)
    let none = ComparisonSummary(run: Self.run([9], [1]), reference: reference)
    #expect(none.lastCommonIteration == nil && none.error == nil && none.iterations == 9)
  }
}
