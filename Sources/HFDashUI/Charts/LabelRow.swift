/// Places axis labels along one row without overlaps: each label is centred on its column if it can be,
/// kept inside the row's bounds, and skipped when it would touch an already placed label.
struct LabelRow {
  let lo: Int, hi: Int  // columns lo..<hi
  var taken: [Range<Int>] = []

  init(from lo: Int, to hi: Int) {
    self.lo = lo
    self.hi = hi
  }

  /// The start column for a label `width` wide centred on `column` (or aligned to `anchor`), or nil if it does not fit.
  mutating func place(width: Int, at column: Int, anchor: Anchor = .center) -> Int? {
    guard width > 0, width <= hi - lo else { return nil }
    let wanted: Int
    switch anchor {
    case .center: wanted = column - width / 2
    case .leading: wanted = column
    case .trailing: wanted = column - width + 1
    }
    let start = min(max(wanted, lo), hi - width)
    let padded = (start - 1)..<(start + width + 1)
    guard !taken.contains(where: { $0.overlaps(padded) }) else { return nil }
    taken.append(start..<(start + width))
    return start
  }

  enum Anchor { case center, leading, trailing }
}
