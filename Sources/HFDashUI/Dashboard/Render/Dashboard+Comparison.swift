import HFCanvas
import HFRecording

extension Dashboard {
  /// How far past the live run's last iteration the charts show the comparison run: what is coming.
  static func comparisonLookahead(after last: Double) -> Double { max(10, (last * 0.25).rounded()) }

  /// One metric of the comparison run as a dim ghost series behind the live one, within the charts'
  /// shared x range; nil when it is hidden or has no such values.
  static func ghostSeries(
    _ c: RenderContext, maxPoints: Int, _ metric: KeyPath<ComparisonRun, [Double?]>, name: String? = nil
  ) -> ChartSeries? {
    guard let run = c.comparison else { return nil }
    let values = run[keyPath: metric]
    let lo = c.xRange.lowerBound, hi = c.xRange.upperBound
    guard let start = run.iterations.firstIndex(where: { Double($0) >= lo }),
      let end = run.iterations.lastIndex(where: { Double($0) <= hi }), start <= end,
      values[start...end].contains(where: { $0 != nil })
    else { return nil }
    let iterations = Array(run.iterations[start...end])
    return SeriesSampler.series(
      iterations: iterations, maxPoints: maxPoints, name: name ?? run.label, role: .ghost, marker: "~"
    ) { values[start + $0] }
  }

  /// The legend entry of a ghost series: its label and its value at the live run's latest iteration.
  static func ghostLegend(_ c: RenderContext, _ metric: KeyPath<ComparisonRun, [Double?]>, name: String? = nil)
    -> PanelFrame.LegendItem?
  {
    guard let run = c.comparison else { return nil }
    let at = c.state.history.lastIteration.flatMap(run.index(atOrBefore:))
    return legendItem(name ?? run.label, at.flatMap { run[keyPath: metric][$0] }, .ghost)
  }

  /// " · error 13.6, paper 8.5 at 60": the live run's error at its latest iteration beside the comparison
  /// run's at the same iteration (or the last before it), for the status line; empty when there is none.
  static func comparisonSummary(_ s: DashboardState, showsComparison: Bool, iteration: Int) -> String {
    guard showsComparison, let run = s.comparison, let k = run.index(atOrBefore: iteration),
      let ours = s.history.error.last, let theirs = run.trainError[k], theirs.isFinite
    else { return "" }
    return " · error \(Format.compact(ours)), \(run.label) \(Format.compact(theirs)) at \(run.iterations[k])"
  }
}

extension Dashboard {
  /// Adds the comparison run's `metric` to `series` and its entry to `legend`, both last (charts draw
  /// ghosts under the live series).
  static func withGhost(
    _ c: RenderContext, _ maxPoints: Int, _ metric: KeyPath<ComparisonRun, [Double?]>, series: inout [ChartSeries],
    legend: inout [PanelFrame.LegendItem]
  ) {
    guard let ghost = ghostSeries(c, maxPoints: maxPoints, metric), let item = ghostLegend(c, metric) else { return }
    series.append(ghost)
    legend.append(item)
  }
}
