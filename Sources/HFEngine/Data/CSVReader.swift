/// Which CSV column holds the class label.
public enum CSVLabel: Sendable, Equatable {
  /// The column with this header name.
  case name(String)
  /// The column with this 1-based number (as in error messages and `cut -f`).
  case column(Int)

  /// Parses a command-line value: a positive integer is a column number, anything else a name.
  public init(parsing text: String) {
    if let number = Int(text), number > 0 { self = .column(number) } else { self = .name(text) }
  }
}

/// Reads numeric CSV files: an optional header row, an optional integer label column.
///
/// The header is detected when no field of the first non-blank row is a number. Fields are
/// separated by commas (or by tabs or semicolons when the first row has no comma); blank lines
/// are skipped. Without a label column the data is an autoencoder set (targets = inputs); with
/// one, its values (whole numbers 0…9999) become `labels`, and for `.classifier` one-hot targets.
public enum CSVReader {
  /// The largest class number a label column may hold.
  public static let maximumClass = 9999

  /// Reads the CSV file at `path` (named as given in errors).
  public static func read(
    path: String, label: CSVLabel? = nil, kind: DataKind = .autoencoder, memory: MemoryBudget = .machine
  ) throws(DataError) -> Dataset {
    try parse(bytes: DataFile.read(path, memory: memory), name: path, label: label, kind: kind, memory: memory)
  }

  /// Parses CSV text; `name` names the data in errors and in the data set's source.
  public static func parse(
    _ text: String, name: String, label: CSVLabel? = nil, kind: DataKind = .autoencoder
  ) throws(DataError) -> Dataset {
    try parse(bytes: Array(text.utf8), name: name, label: label, kind: kind)
  }

  /// Parses CSV bytes (UTF-8); `name` names the data in errors and in the data set's source.
  public static func parse(
    bytes: [UInt8], name: String, label: CSVLabel? = nil, kind: DataKind = .autoencoder,
    memory: MemoryBudget = .machine
  ) throws(DataError) -> Dataset {
    let table = CSVTable(bytes)
    guard let first = table.lines.first else { throw DataError("\(name) is empty.") }
    var fields: [Range<Int>] = []
    table.split(first, into: &fields)
    let firstFields = fields.map(table.string)
    let hasHeader = firstFields.allSatisfy { Float($0) == nil }
    let header = hasHeader ? firstFields : nil
    let rows = hasHeader ? table.lines.dropFirst() : table.lines[...]
    let width = firstFields.count
    guard !rows.isEmpty else { throw DataError("\(name) has a header row but no data rows.") }
    guard width <= DataLimits.maximumWidth + 1 else {
      throw DataError("\(name) has \(width) columns; hfdash reads at most \(DataLimits.maximumWidth) input columns.")
    }
    guard rows.count <= DataLimits.maximumCases else {
      throw DataError("\(name) has \(rows.count) data rows; hfdash reads at most \(DataLimits.maximumCases).")
    }

    let labelIndex = try resolve(label, header: header, width: width, name: name)
    if kind == .classifier && labelIndex == nil {
      throw DataError("\(name) needs a label column to be used for a classifier.")
    }
    let inputWidth = width - (labelIndex == nil ? 0 : 1)
    guard inputWidth > 0 else { throw DataError("\(name) has no input columns besides the label.") }

    func place(_ line: Int, _ column: Int) -> String {
      let title = header.map { " ('\($0[column])')" } ?? ""
      return "\(name) line \(line), column \(column + 1)\(title)"
    }
    var need = MemoryNeed()
    need.add("values", floats: Checked.product(rows.count, width))
    try memory.check(need, for: "Parsing \(name)")
    var inputs: [Float] = []
    inputs.reserveCapacity(rows.count * inputWidth)
    var labels: [Int] = []
    for row in rows {
      table.split(row, into: &fields)
      guard fields.count == width else {
        throw DataError("\(name) line \(row.number) has \(fields.count) columns, expected \(width).")
      }
      for (column, range) in fields.enumerated() {
        let field = table.string(range)
        guard !field.isEmpty else { throw DataError("\(place(row.number, column)) is empty.") }
        guard let value = Float(field) else {
          throw DataError("\(place(row.number, column)): '\(field)' is not a number.")
        }
        guard value.isFinite else {
          throw DataError("\(place(row.number, column)): '\(field)' is not finite.")
        }
        if column == labelIndex {
          guard value >= 0, value <= Float(maximumClass), value == value.rounded() else {
            throw DataError(
              "\(place(row.number, column)): '\(field)' is not a class label (a whole number from 0 to \(maximumClass)).")
          }
          labels.append(Int(value))
        } else {
          inputs.append(value)
        }
      }
    }
    let count = rows.count
    let source = "csv:\(name)"
    switch (labelIndex, kind) {
    case (nil, _):
      return Dataset(
        inputs: inputs, targets: inputs, count: count, inputWidth: inputWidth,
        targetWidth: inputWidth, source: source)
    case (_, .autoencoder):
      return Dataset(
        inputs: inputs, targets: inputs, labels: labels, count: count, inputWidth: inputWidth,
        targetWidth: inputWidth, source: source)
    case (_, .classifier):
      let classes = (labels.max() ?? 0) + 1
      return Dataset(
        inputs: inputs, targets: Dataset.oneHot(labels, classes: classes), labels: labels,
        count: count, inputWidth: width - 1, targetWidth: classes, source: source)
    }
  }

  /// The 0-based index of the label column, if any.
  private static func resolve(_ label: CSVLabel?, header: [String]?, width: Int, name: String)
    throws(DataError) -> Int?
  {
    switch label {
    case nil:
      return nil
    case .column(let number):
      guard number >= 1 && number <= width else {
        throw DataError("\(name) has \(width) columns, so there is no column \(number) to use as the label.")
      }
      return number - 1
    case .name(let wanted):
      guard let header else {
        throw DataError("\(name) has no header row, so the label column '\(wanted)' must be given by number.")
      }
      guard let index = header.firstIndex(of: wanted) else {
        throw DataError(
          "\(name) has no column named '\(wanted)' (columns: \(header.joined(separator: ", "))).")
      }
      return index
    }
  }
}
