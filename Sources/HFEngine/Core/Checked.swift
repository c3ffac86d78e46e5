/// Overflow-checked integer arithmetic for sizes that come from outside: nil instead of a trap.
enum Checked {
  /// a·b·…, nil when a factor is negative or the product overflows Int.
  static func product(_ factors: Int...) -> Int? { product(factors) }

  static func product(_ factors: [Int]) -> Int? {
    var result = 1
    for f in factors {
      guard f >= 0 else { return nil }
      let (p, overflow) = result.multipliedReportingOverflow(by: f)
      if overflow { return nil }
      result = p
    }
    return result
  }

  /// a + b + …, nil when a term is nil or negative, or the sum overflows Int.
  static func sum(_ terms: Int?...) -> Int? { sum(terms) }

  static func sum(_ terms: [Int?]) -> Int? {
    var result = 0
    for t in terms {
      guard let t, t >= 0 else { return nil }
      let (s, overflow) = result.addingReportingOverflow(t)
      if overflow { return nil }
      result = s
    }
    return result
  }
}
