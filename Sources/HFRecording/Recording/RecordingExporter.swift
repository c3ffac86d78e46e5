import HFEngine

/// Exports a recording's iterations as a table: one row per iteration, every metric a column.
///
/// Columns: `run`, `t` (seconds since the start), `optimizer` (`hf`, or the racer or single
/// run's optimizer: a race's rows interleave in file order), then the report's metrics with
/// per-group arrays flattened (`grad_norm_W1`, …, `step_norm_W1`, …) and the phase times
/// (`time_gradient`, …), then `learning_rate` and `momentum` (blank for HF). Test metrics are blank (CSV) or null (JSON) when absent; non-finite
/// numbers are written NaN, Infinity, -Infinity.
public enum RecordingExporter {
  /// The column names, in order.
  public static func columns(_ timeline: RecordingTimeline) -> [String] {
    ["run", "t", "optimizer"] + template(timeline).map(\.0)
  }

  /// A CSV table with a header row (RFC 4180, "\n" line ends).
  public static func csv(_ timeline: RecordingTimeline) -> String {
    var out = columns(timeline).joined(separator: ",") + "\n"
    for (mark, fields) in rows(timeline) {
      var cells = [String(mark.run), number(mark.time), mark.report.optimizer.rawValue]
      for (_, v) in fields {
        switch v {
        case .int(let i): cells.append(String(i))
        case .double(let d): cells.append(number(d))
        case .optionalDouble(let d): cells.append(d.map(number) ?? "")
        case .text(let s): cells.append(quoted(s))
        case .bool(let b): cells.append(b ? "true" : "false")
        }
      }
      out += cells.joined(separator: ",") + "\n"
    }
    return out
  }

  /// One JSON object per line and iteration, with the same keys as the CSV columns.
  public static func jsonl(_ timeline: RecordingTimeline) -> String {
    var out: [UInt8] = []
    for (mark, fields) in rows(timeline) {
      var b = JSONBuilder(capacity: 1024)
      b.openObject()
      b.member("run", mark.run)
      b.member("t", mark.time)
      b.member("optimizer", mark.report.optimizer.rawValue)
      for (k, v) in fields {
        switch v {
        case .int(let i): b.member(k, i)
        case .double(let d): b.member(k, d)
        case .optionalDouble(let d):
          if let d { b.member(k, d) } else { b.key(k); b.null() }
        case .text(let s): b.member(k, s)
        case .bool(let x): b.member(k, x)
        }
      }
      b.closeObject()
      out += b.bytes
      out.append(0x0A)
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static func groupCount(_ timeline: RecordingTimeline) -> Int {
    marks(timeline).reduce(timeline.header.groupNames.count) {
      Swift.max($0, $1.report.layerGradientNorms.count, $1.report.layerStepNorms.count)
    }
  }

  private static func groupNames(_ timeline: RecordingTimeline) -> [String] {
    ReportFields.groupColumns(timeline.header.groupNames, count: groupCount(timeline))
  }

  private static func template(_ timeline: RecordingTimeline) -> [(String, FieldValue)] {
    var blank = EnginePrototypes.iterationReport
    blank.layerGradientNorms = []
    blank.layerStepNorms = []
    return ReportFields.flatten(blank, groupNames: groupNames(timeline)) + ReportFields.rateFields(blank)
  }

  /// A race's iterations, every racer's, in file order.
  private static func marks(_ timeline: RecordingTimeline) -> [IterationMark] {
    guard !timeline.racerIterations.isEmpty else { return timeline.iterations }
    return (timeline.iterations + timeline.racerIterations).sorted { $0.endIndex < $1.endIndex }
  }


  private static func rows(_ timeline: RecordingTimeline) -> [(IterationMark, [(String, FieldValue)])] {
    let names = groupNames(timeline)
    return marks(timeline).map { ($0, ReportFields.flatten($0.report, groupNames: names) + ReportFields.rateFields($0.report)) }
  }

  private static func number(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
    return d.description
  }

  private static func quoted(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
