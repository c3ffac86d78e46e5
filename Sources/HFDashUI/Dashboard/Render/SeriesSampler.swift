import HFCanvas
/// Builds chart series from per-iteration arrays, thinning long histories to what a plot can show.
///
/// Past `maxPoints`, iterations are grouped into buckets and each bucket contributes its minimum
/// and maximum (in order), plus a NaN when it held a non-finite value, so spikes and gaps survive
/// thinning. Work is linear in the history and independent of the plot's height.
enum SeriesSampler {
  /// A series over `iterations` whose value at index k is `value(k)` (nil = absent, skipped).
  static func series(
    iterations: [Int], maxPoints: Int, name: String = "", role: StyleRole, marker: Unicode.Scalar? = nil,
    value: (Int) -> Double?
  ) -> ChartSeries {
    let n = iterations.count
    var xs: [Double] = []
    var ys: [Double] = []
    let buckets = max(1, maxPoints / 2)
    if n <= max(2, maxPoints) {
      xs.reserveCapacity(n)
      ys.reserveCapacity(n)
      for k in 0..<n {
        guard let v = value(k) else { continue }
        xs.append(Double(iterations[k]))
        ys.append(v)
      }
      return ChartSeries(name: name, xs: xs, ys: ys, role: role, asciiMarker: marker)
    }
    xs.reserveCapacity(buckets * 3)
    ys.reserveCapacity(buckets * 3)
    for b in 0..<buckets {
      let lo = b * n / buckets, hi = (b + 1) * n / buckets
      guard hi > lo else { continue }
      var minK = -1, maxK = -1, badK = -1
      var minV = Double.infinity, maxV = -Double.infinity
      for k in lo..<hi {
        guard let v = value(k) else { continue }
        if !v.isFinite {
          if badK < 0 { badK = k }
          continue
        }
        if v < minV { (minV, minK) = (v, k) }
        if v > maxV { (maxV, maxK) = (v, k) }
      }
      var picks = [minK, maxK, badK].filter { $0 >= 0 }
      picks.sort()
      var last = -1
      for k in picks where k != last {
        xs.append(Double(iterations[k]))
        ys.append(value(k)!)
        last = k
      }
    }
    return ChartSeries(name: name, xs: xs, ys: ys, role: role, asciiMarker: marker)
  }
}
