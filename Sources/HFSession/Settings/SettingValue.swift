import HFRecording
/// Value parsers shared by the command-line table; every error names the setting and echoes the input.
enum SettingValue {
  /// "got 'abc'" or "got nothing".
  static func got(_ text: String) -> String { text.isEmpty ? "got nothing" : "got '\(text)'" }

  /// A finite number within `range`.
  static func number(
    _ text: String, name: String, in range: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude, needs: String
  ) -> Result<Double, SettingError> {
    guard let v = Double(text), v.isFinite, range.contains(v) else {
      return .failure(SettingError("\(name) needs \(needs), \(got(text))"))
    }
    return .success(v)
  }

  /// A whole number ≥ `minimum`.
  static func whole(_ text: String, name: String, minimum: Int) -> Result<Int, SettingError> {
    guard let v = Int(text), v >= minimum else {
      return .failure(SettingError("\(name) needs a whole number ≥ \(minimum), \(got(text))"))
    }
    return .success(v)
  }

  static let onWords: Set<String> = ["on", "true", "yes", "1"]
  static let offWords: Set<String> = ["off", "false", "no", "0"]

  /// on/off (also true/false, yes/no, 1/0).
  static func flag(_ text: String, name: String) -> Result<Bool, SettingError> {
    let w = text.lowercased()
    if onWords.contains(w) { return .success(true) }
    if offWords.contains(w) { return .success(false) }
    return .failure(SettingError("\(name) needs on or off, \(got(text))"))
  }

  /// One of `choices` (each with its accepted spellings).
  static func choice<T>(_ text: String, name: String, _ choices: [(T, [String])]) -> Result<T, SettingError> {
    let w = text.lowercased()
    if let hit = choices.first(where: { $0.1.contains(w) }) { return .success(hit.0) }
    let names = choices.map { $0.1[0] }
    let list = names.dropLast().joined(separator: ", ") + " or " + names.last!
    return .failure(SettingError("\(name) needs \(list), \(got(text))"))
  }

  /// No value at all (run commands).
  static func none(_ text: String, name: String, _ control: SessionControl) -> Result<SessionControl, SettingError> {
    text.isEmpty ? .success(control) : .failure(SettingError("\(name) takes no value, \(got(text))"))
  }
}
