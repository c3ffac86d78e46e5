import Foundation

/// Anti-aliased drawing into square greyscale images, shared by the generated data sets.
///
/// A curve is cut into short chords (≤ ½ px, so the polyline stays within ~0.02 px of a curve
/// bent no tighter than a 2 px radius) and each chord raises the few pixels around it to the
/// stroke profile's value at their exact point-to-segment distance (max-composited). Both
/// profiles fall with distance, so a pixel ends up with the profile's value at its distance to
/// the stroke; a straight stroke is exact. Cost is proportional to the stroke length, not to
/// the image area.
enum StrokeRaster {
  /// Longest chord used to approximate a curve, in pixels.
  static let chord: Float = 0.5

  /// Draws the quadratic Bézier curve with end points `p0`, `p2` and control point `c`.
  static func drawQuadratic(
    _ p0: SIMD2<Float>, _ c: SIMD2<Float>, _ p2: SIMD2<Float>, profile: StrokeProfile, side: Int,
    into image: UnsafeMutablePointer<Float>
  ) {
    // B'(t) = 2[(1 − t)(c − p0) + t(p2 − c)], so |B'| ≤ 2·(longer leg): chords are ≤ `chord`.
    let speed = 2 * max(length(c - p0), length(p2 - c))
    let steps = max(1, Int((speed / chord).rounded(.up)))
    let dt = 1 / Float(steps)
    var previous = p0
    for k in 1...steps {
      let t = Float(k) * dt
      let u = 1 - t
      let point = (u * u) * p0 + (2 * u * t) * c + (t * t) * p2
      drawChord(previous, point, profile: profile, side: side, into: image)
      previous = point
    }
  }

  /// Draws the straight segment from `a` to `b` with the linear profile of half-width `width`.
  static func drawSegment(
    _ a: SIMD2<Float>, _ b: SIMD2<Float>, width: Float, side: Int,
    into image: UnsafeMutablePointer<Float>
  ) {
    drawChord(a, b, profile: .linear(halfWidth: width), side: side, into: image)
  }

  /// Draws a Gaussian spot `exp(−d² / 2σ²)` centred at `center`, max-composited.
  static func drawBlob(
    _ center: SIMD2<Float>, sigma: Float, side: Int, into image: UnsafeMutablePointer<Float>
  ) {
    let scale = -1 / (2 * sigma * sigma)
    for row in 0..<side {
      let dy = Float(row) + 0.5 - center.y
      for column in 0..<side {
        let dx = Float(column) + 0.5 - center.x
        let value = Foundation.expf((dx * dx + dy * dy) * scale)
        let index = row * side + column
        if value > image[index] { image[index] = value }
      }
    }
  }

  /// Raises the pixels within the profile's reach of the segment `a`–`b` (pixel (r, c) has its
  /// centre at (c + ½, r + ½)) to the profile's value at their distance from it.
  @inline(__always)
  static func drawChord(
    _ a: SIMD2<Float>, _ b: SIMD2<Float>, profile: StrokeProfile, side: Int,
    into image: UnsafeMutablePointer<Float>
  ) {
    let reach = profile.reach
    let limit = Float(side - 1)
    let low = pointwiseMin(a, b) - (0.5 + reach), high = pointwiseMax(a, b) - (0.5 - reach)
    let loX = low.x.rounded(.up), hiX = high.x.rounded(.down)
    let loY = low.y.rounded(.up), hiY = high.y.rounded(.down)
    guard hiX >= 0, hiY >= 0, loX <= limit, loY <= limit else { return }
    let c0 = Int(max(loX, 0)), c1 = Int(min(hiX, limit))
    let r0 = Int(max(loY, 0)), r1 = Int(min(hiY, limit))
    guard c0 <= c1, r0 <= r1 else { return }
    let direction = b - a
    let squaredLength = (direction * direction).sum()
    let inverseSquaredLength = squaredLength > 0 ? 1 / squaredLength : 0
    /// The squared distance from pixel (row, column)'s centre to the segment.
    @inline(__always) func squaredDistance(_ row: Int, _ column: Int) -> Float {
      let offset = SIMD2(Float(column) + 0.5, Float(row) + 0.5) - a
      let t = min(max((offset * direction).sum() * inverseSquaredLength, 0), 1)
      let away = offset - t * direction
      return (away * away).sum()
    }
    switch profile {
    case .linear(let halfWidth):
      let inverseWidth = 1 / halfWidth
      for row in r0...r1 {
        let rowBase = row * side
        for column in c0...c1 {
          let value = 1 - squaredDistance(row, column).squareRoot() * inverseWidth
          if value > image[rowBase + column] { image[rowBase + column] = value }
        }
      }
    case .gaussian(let sigma, let peak):
      let scale = -1 / (2 * sigma * sigma), squaredReach = reach * reach
      for row in r0...r1 {
        let rowBase = row * side
        for column in c0...c1 {
          let distanceSquared = squaredDistance(row, column)
          guard distanceSquared <= squaredReach else { continue }
          let value = peak * Foundation.expf(distanceSquared * scale)
          if value > image[rowBase + column] { image[rowBase + column] = value }
        }
      }
    }
  }

  @inline(__always)
  static func length(_ v: SIMD2<Float>) -> Float { (v * v).sum().squareRoot() }
}
