import HFEngine

/// A published run as CSV (`assets/reference/*.csv`): `# key: value` comment lines naming it (`title`,
/// `label`, `source`, `data`, `settings`, `initial_lambda` …), a header row, then one row per HF iteration.
///
/// Columns read (others are ignored): `iteration` (required, ascending), `train_error` or
/// `error_pre_update`, `test_error`, `objective` or `train_log_likelihood` (negated), `lambda` or
/// `lambda_after` (shifted to the λ the iteration ran with), `rho`, `cg_steps`, `cg_chosen`, `data_passes`.
/// Empty cells are absent values; `inf`, `-Inf`, `nan` are accepted.
public enum ReferenceRunFile {
  /// The largest file read (bytes) and the most rows; Martens' longest published run has 6 241.
  public static let maxBytes = 64 << 20
  public static let maxRows = 1_000_000

  /// Parses `text`; `name` names the file in errors and is the title when the file gives none.
  public static func parse(_ text: String, name: String) throws(RecordingError) -> ComparisonRun {
    guard text.utf8.count <= maxBytes else {
      throw RecordingError("\(name) is larger than \(maxBytes >> 20) MB; a reference run is one row per iteration.")
    }
    var keys: [String: String] = [:]
    var columns: [String]? = nil
    var rows: [(line: Int, cells: [Substring])] = []
    // Lines split on the byte: "\r\n" is one Character in Swift, so a String split on "\n" misses CRLF files.
    for (offset, bytes) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
      let line = Substring(String(decoding: bytes.last == 0x0D ? bytes.dropLast() : bytes, as: UTF8.self))
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
      if line.hasPrefix("#") {
        let body = line.dropFirst().drop { $0 == " " }
        if let colon = body.firstIndex(of: ":") {
          let key = body[..<colon].trimmingCharacters(in: " ").lowercased()
          keys[key.hasPrefix("hfdash reference run") ? "name" : key] = body[body.index(after: colon)...].trimmingCharacters(in: " ")
        }
        continue
      }
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      if columns == nil {
        columns = cells.map { $0.trimmingCharacters(in: " ").lowercased() }
        continue
      }
      guard rows.count < maxRows else { throw RecordingError("\(name) has more than \(maxRows) rows.") }
      rows.append((offset + 1, cells))
    }
    guard let columns else { throw RecordingError("\(name) has no header row (iteration,train_error,…).") }
    guard let iterationColumn = columns.firstIndex(of: "iteration") else {
      throw RecordingError("\(name) has no 'iteration' column (its columns: \(columns.joined(separator: ", "))).")
    }
    guard !rows.isEmpty else { throw RecordingError("\(name) has a header row but no iterations.") }
    var table = Table(columns: columns, rows: rows.count)
    var previous = 0
    for (r, row) in rows.enumerated() {
      guard row.cells.count == columns.count else {
        throw RecordingError("\(name) line \(row.line) has \(row.cells.count) cells where the header has \(columns.count).")
      }
      let cell = row.cells[iterationColumn].trimmingCharacters(in: " ")
      guard let iteration = Int(cell), iteration > previous, iteration <= 1_000_000_000 else {
        throw RecordingError(
          "\(name) line \(row.line): iteration '\(cell)' is not a whole number above the previous row's (\(previous)).")
      }
      previous = iteration
      table.iterations.append(iteration)
      for (c, text) in row.cells.enumerated() where c != iterationColumn {
        let t = text.trimmingCharacters(in: " ")
        guard !t.isEmpty else { continue }
        guard let v = number(t) else {
          throw RecordingError("\(name) line \(row.line): '\(t)' in column \(columns[c]) is not a number.")
        }
        table.values[c][r] = v
      }
    }
    return table.run(name: keys["name"] ?? name, keys: keys)
  }

  /// A number as CSV writers spell it, including MATLAB's `Inf`/`NaN` and C's `inf`/`nan`.
  static func number(_ t: String) -> Double? {
    switch t.lowercased() {
    case "inf", "+inf", "infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    case "nan": return .nan
    default: return Double(t)
    }
  }

  /// The parsed columns, before they are given meaning.
  struct Table {
    let columns: [String]
    var iterations: [Int] = []
    var values: [[Double?]]

    init(columns: [String], rows: Int) {
      self.columns = columns
      values = Array(repeating: Array(repeating: nil, count: rows), count: columns.count)
    }

    func column(_ names: String...) -> [Double?]? {
      for n in names { if let c = columns.firstIndex(of: n) { return values[c] } }
      return nil
    }

    func run(name: String, keys: [String: String]) -> ComparisonRun {
      let none = [Double?](repeating: nil, count: iterations.count)
      var lambda = column("lambda") ?? none
      if column("lambda") == nil, let after = column("lambda_after") {
        // The λ an iteration ran with is the previous iteration's λ after its update.
        lambda = [keys["initial_lambda"].flatMap(ReferenceRunFile.number)] + after.dropLast()
      }
      let passes = column("data_passes")
      return ComparisonRun(
        title: keys["title"] ?? name, label: keys["label"] ?? "ref",
        details: ["source", "data", "settings"].compactMap { k in keys[k].map { "\(k): \($0)" } },
        iterations: iterations, trainError: column("train_error", "error_pre_update") ?? none,
        testError: column("test_error") ?? none,
        objective: column("objective") ?? column("train_log_likelihood")?.map { $0.map { -$0 } } ?? none,
        lambda: lambda, rho: column("rho") ?? none, cgIterations: column("cg_steps") ?? none,
        cgChosen: column("cg_chosen") ?? none,
        dataPasses: passes.flatMap { p in p.contains { $0 == nil } ? nil : p.map { $0 ?? 0 } })
    }
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in set: Character) -> String {
    String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
  }
}
