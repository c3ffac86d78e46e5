/// Where a deep autoencoder's error sits on its plateau (the mean-image error, where every run
/// lands after a few iterations) and where it leaves it; the same rule for a run and a reference.
///
/// The plateau starts at the first iteration whose error, and the next iteration's, each changed
/// by less than `flatness` (1 %) from the iteration before; its error is that iteration's. The run
/// leaves it at the first later iteration whose error is below `departure` (0.9) × the plateau's.
public struct Plateau: Sendable, Equatable {
  /// The first iteration on the plateau, and its error.
  public var iteration: Int
  public var error: Double
  /// The first iteration below `departure` × `error` (nil: not left in the rows given).
  public var leftAt: Int?

  /// The largest relative change of a flat iteration.
  public static let flatness = 0.01
  /// The fraction of the plateau's error below which the run has left it.
  public static let departure = 0.9

  public init(iteration: Int, error: Double, leftAt: Int?) {
    self.iteration = iteration
    self.error = error
    self.leftAt = leftAt
  }

  /// The plateau of the rows (iteration numbers ascending, parallel errors; rows without a finite
  /// error are passed over), or nil when the error never held still for two iterations.
  public static func find(iterations: [Int], errors: [Double?]) -> Plateau? {
    let rows = zip(iterations, errors).compactMap { i, e -> (Int, Double)? in
      guard let e, e.isFinite else { return nil }
      return (i, e)
    }
    func flat(_ k: Int) -> Bool { abs(rows[k].1 - rows[k - 1].1) < flatness * abs(rows[k - 1].1) }
    guard rows.count >= 3, let start = (1..<(rows.count - 1)).first(where: { flat($0) && flat($0 + 1) }) else { return nil }
    let error = rows[start].1
    let left = rows[(start + 1)...].first { $0.1 < departure * error }?.0
    return Plateau(iteration: rows[start].0, error: error, leftAt: left)
  }
}
