/// A line search for the strong Wolfe conditions (Nocedal & Wright, Numerical Optimization, 2nd
/// ed., Algorithms 3.5 and 3.6): bracket by doubling, then zoom with safeguarded cubic (both
/// slopes known) or quadratic interpolation. It works on scalars only — φ(α) and φ′(α) along a
/// direction — so NCG and L-BFGS share it and it is testable on any function.
///
/// `value(α)` may be a forward-only evaluation; `slope(α)` (which needs a gradient) is only asked
/// at a point that has just passed the sufficient-decrease test, always right after `value` at
/// the same α — so a caller whose `slope` computes the gradient at x + αd holds the gradient of
/// the accepted point whenever `gradientAtStep` is true.
public struct WolfeLineSearch: Sendable, Equatable {
  /// Sufficient-decrease constant c₁.
  public var c1: Double
  /// Curvature constant c₂ (0.9 for quasi-Newton, 0.1 for non-linear CG).
  public var c2: Double
  /// Most φ evaluations per search.
  public var maxEvaluations: Int

  public init(c1: Double = 1e-4, c2: Double = 0.9, maxEvaluations: Int = 20) {
    self.c1 = c1
    self.c2 = c2
    self.maxEvaluations = maxEvaluations
  }

  /// What a search found.
  public struct Result: Sendable, Equatable {
    /// The accepted step α (0: no point with sufficient decrease was found).
    public var step: Double
    /// φ(α) (φ(0) when the step is 0).
    public var value: Double
    /// Whether both strong Wolfe conditions hold at `step` (else only sufficient decrease).
    public var satisfied: Bool
    /// Whether the last `slope` call was at `step` (the caller's gradient is the new point's).
    public var gradientAtStep: Bool
    /// `value` and `slope` calls made.
    public var evaluations: Int
    public var slopes: Int
  }

  private struct Point {
    var step: Double
    var value: Double
    var slope: Double?
  }

  /// Searches from φ(0) = `f0`, φ′(0) = `slope0` < 0, trying `initialStep` first.
  public func search(
    f0: Double, slope0: Double, initialStep: Double, abandoned: () -> Bool = { false }, value: (Double) -> Double,
    slope: (Double) -> Double
  ) -> Result {
    var evaluations = 0, slopes = 0, lastSlopeStep = -1.0
    func done(_ p: Point, satisfied: Bool) -> Result {
      Result(
        step: p.step, value: p.value, satisfied: satisfied, gradientAtStep: p.step > 0 && lastSlopeStep == p.step,
        evaluations: evaluations, slopes: slopes)
    }
    func sufficient(_ a: Double, _ f: Double) -> Bool { f.isFinite && f <= f0 + c1 * a * slope0 }
    func curvature(_ d: Double) -> Bool { abs(d) <= -c2 * slope0 }
    func slopeAt(_ a: Double) -> Double {
      slopes += 1
      lastSlopeStep = a
      return slope(a)
    }
    guard slope0 < 0, f0.isFinite, initialStep > 0 else {
      return Result(step: 0, value: f0, satisfied: false, gradientAtStep: false, evaluations: 0, slopes: 0)
    }

    // Zoom inside the bracket (lo, hi): lo has sufficient decrease, the lowest value so far and a
    // known slope pointing towards hi.
    func zoom(_ start: Point, _ end: Point) -> Result {
      var lo = start, hi = end
      while evaluations < maxEvaluations && !abandoned() {
        let a = interpolate(lo, hi)
        let f = value(a)
        evaluations += 1
        if !sufficient(a, f) || f >= lo.value {
          hi = Point(step: a, value: f, slope: nil)
        } else {
          let d = slopeAt(a)
          // A non-finite slope marks a point to stay short of, like insufficient decrease.
          guard d.isFinite else {
            hi = Point(step: a, value: .infinity, slope: nil)
            continue
          }
          if curvature(d) { return done(Point(step: a, value: f, slope: d), satisfied: true) }
          if d * (hi.step - lo.step) >= 0 { hi = lo }
          lo = Point(step: a, value: f, slope: d)
        }
        if abs(hi.step - lo.step) <= 1e-14 * Swift.max(1, lo.step) { break }
      }
      return done(lo, satisfied: false)
    }

    var previous = Point(step: 0, value: f0, slope: slope0)
    var a = initialStep
    while evaluations < maxEvaluations && !abandoned() {
      let f = value(a)
      evaluations += 1
      if !sufficient(a, f) || (previous.step > 0 && f >= previous.value) {
        return zoom(previous, Point(step: a, value: f.isFinite ? f : .infinity, slope: nil))
      }
      let d = slopeAt(a)
      guard d.isFinite else { return zoom(previous, Point(step: a, value: .infinity, slope: nil)) }
      let here = Point(step: a, value: f, slope: d)
      if curvature(d) { return done(here, satisfied: true) }
      if d >= 0 { return zoom(here, previous) }
      previous = here
      a *= 2
    }
    return done(previous, satisfied: false)
  }

  /// The minimizer of the cubic (both slopes known) or quadratic interpolant on [lo, hi],
  /// kept inside the middle 80 % of the interval (bisection when the model has no minimizer).
  private func interpolate(_ lo: Point, _ hi: Point) -> Double {
    let left = Swift.min(lo.step, hi.step), right = Swift.max(lo.step, hi.step), width = right - left
    var a = Double.nan
    if hi.value.isFinite, let dl = lo.slope {
      let h = hi.step - lo.step
      if let dh = hi.slope {
        // Nocedal & Wright (3.59).
        let d1 = dl + dh - 3 * (lo.value - hi.value) / (lo.step - hi.step)
        let disc = d1 * d1 - dl * dh
        if disc >= 0 {
          let d2 = (h >= 0 ? 1.0 : -1.0) * disc.squareRoot()
          a = hi.step - (hi.step - lo.step) * (dh + d2 - d1) / (dh - dl + 2 * d2)
        }
      } else {
        let curvature = hi.value - lo.value - dl * h
        if curvature > 0 { a = lo.step - dl * h * h / (2 * curvature) }
      }
    }
    if !a.isFinite { a = left + width / 2 }
    return Swift.min(Swift.max(a, left + 0.1 * width), right - 0.1 * width)
  }
}
