extension String {
  /// This text cut to `width` columns (one per Unicode scalar), ending in `ellipsis` when anything was cut.
  public func truncated(to width: Int, ellipsis: Unicode.Scalar = "…") -> String {
    let scalars = Array(unicodeScalars)
    if width <= 0 { return "" }
    if scalars.count <= width { return self }
    var out = String.UnicodeScalarView(scalars.prefix(width - 1))
    out.append(ellipsis)
    return String(out)
  }
}
