/// Which contiguous part of every batch one rank computes: rank r of n takes rows
/// ⌊m·r/n⌋ ..< ⌊m·(r+1)/n⌋ of a batch of m rows, so the ranks' parts are the batch, in order.
public struct RankPart: Sendable, Equatable {
  public let rank: Int
  public let size: Int

  /// Part `rank` of `size` (size ≥ 1, 0 ≤ rank < size).
  public init(rank: Int, size: Int) {
    precondition(size >= 1 && rank >= 0 && rank < size)
    self.rank = rank
    self.size = size
  }

  /// The whole batch (one process).
  public static let whole = RankPart(rank: 0, size: 1)

  /// This rank's rows of the batch `rows`.
  public func of(_ rows: Range<Int>) -> Range<Int> {
    let m = rows.count
    return (rows.lowerBound + m * rank / size)..<(rows.lowerBound + m * (rank + 1) / size)
  }
}
