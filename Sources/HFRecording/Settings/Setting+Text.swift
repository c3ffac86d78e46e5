import HFEngine

/// Why a typed or recorded setting cannot be used, as one sentence.
public struct SettingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The sentence to show.
  public let message: String
  /// An error saying `message`.
  public init(_ message: String) { self.message = message }
  /// The message.
  public var description: String { message }
}

/// Writing, typing and checking values: one format and one sentence per kind for every path.
extension Setting {
  /// The value in force.
  public func value(in s: RunSettings) -> SettingValue { get(s) }

  /// A valid value written into `s` (dependent settings adjusted).
  public func write(_ value: SettingValue, into s: inout RunSettings) { set(&s, value) }

  /// How the screen and confirmations show `value` ("0.012", "on", "GN", "1/4 of data").
  public func display(_ value: SettingValue, in s: RunSettings) -> String {
    switch value {
    case .number(let x): NumberFormat.compact(x)
    case .whole(let n): String(n)
    case .flag(let b): b ? "on" : "off"
    case .choice(let raw): choices.first { $0.value == raw }?.display ?? raw
    case .automatic: automaticText(s)
    }
  }

  /// The value in force as the screen shows it.
  public func display(in s: RunSettings) -> String { display(get(s), in: s) }

  /// The value in force as it is typed on the `:` prompt ("gn", "0.012", "on").
  public func typed(in s: RunSettings) -> String {
    if case .choice(let raw) = get(s) { return choices.first { $0.value == raw }?.words.first ?? raw }
    return display(in: s)
  }

  /// The choices of a choice setting (empty otherwise).
  public var choices: [Choice] {
    if case .choice(let c) = kind { return c }
    return []
  }

  /// The fixed values completion offers ("on", "off"; "gn", "hessian", "fisher").
  public var completions: [String] {
    switch kind {
    case .flag: ["on", "off"]
    case .choice(let c): c.compactMap(\.words.first)
    case .number, .whole: []
    }
  }

  /// What a value looks like, for help: "NUMBER ≥ 0", "N at least 1", "on|off", "gn|hessian|fisher".
  public var syntax: String {
    switch kind {
    case .number(let b): "NUMBER " + b.phrase
    case .whole(let b): "N " + b.phrase
    case .flag: "on|off"
    case .choice: completions.joined(separator: "|")
    }
  }

  /// "a number ≥ 0", "a whole number at least 1", "on or off", "gn, hessian or fisher".
  var expected: String {
    switch kind {
    case .number(let b): return "a number " + b.phrase
    case .whole(let b): return "a whole number " + b.phrase
    case .flag: return "on or off"
    case .choice:
      let words = completions
      return words.dropLast().joined(separator: ", ") + " or " + (words.last ?? "")
    }
  }

  /// Parses typed text (a flag's value, the rest of a `:` line); errors name `subject`
  /// ("--lambda", "lambda"): "--lambda must be ≥ 0 (got -1)."
  public func parse(_ text: String, subject: String) -> Result<SettingValue, SettingError> {
    let got = text.isEmpty ? "nothing" : "'\(text)'"
    func bad() -> Result<SettingValue, SettingError> { .failure(SettingError("\(subject) must be \(expected) (got \(got)).")) }
    let value: SettingValue
    switch kind {
    case .number:
      guard let x = Double(text), x.isFinite else { return bad() }
      value = .number(x)
    case .whole:
      guard let n = Int(text) else { return bad() }
      value = .whole(n)
    case .flag:
      let w = text.lowercased()
      if ["on", "true", "yes", "1"].contains(w) {
        value = .flag(true)
      } else if ["off", "false", "no", "0"].contains(w) {
        value = .flag(false)
      } else {
        return bad()
      }
    case .choice(let choices):
      guard let c = choices.first(where: { $0.words.contains(text.lowercased()) }) else { return bad() }
      value = .choice(c.value)
    }
    if let error = validationError(value, subject: subject, typed: text) { return .failure(SettingError(error)) }
    return .success(value)
  }

  /// Why `value` is not one this setting takes (wrong kind, out of bounds), naming `subject`;
  /// nil when it is valid. `typed` is how the user wrote it, if they did.
  public func validationError(_ value: SettingValue, subject: String, typed: String? = nil) -> String? {
    switch (kind, value) {
    case (.number(let b), .number(let x)):
      return b.contains(x) ? nil : b.sentence(subject, got: typed ?? NumberFormat.compact(x))
    case (.whole(let b), .whole(let n)):
      return b.contains(n) ? nil : b.sentence(subject, got: typed ?? String(n))
    case (.whole, .automatic):
      return nil
    case (.flag, .flag):
      return nil
    case (.choice(let c), .choice(let raw)):
      return c.contains { $0.value == raw } ? nil : "\(subject) must be \(expected) (got '\(raw)')."
    default:
      return "\(subject) must be \(expected)."
    }
  }

  /// Why the problem cannot honour `value` (nil when it can): one sentence for every path.
  public func refusal(_ value: SettingValue, on capabilities: ProblemCapabilities) -> String? {
    capability(capabilities, value)
  }

  /// `value` × `factor` for a number setting; whole numbers move by at least one in the factor's
  /// direction; both stay within the bounds. nil for settings that do not scale.
  public func scaled(_ value: SettingValue, by factor: Double) -> SettingValue? {
    switch (kind, value) {
    case (.number, .number(let x)):
      return .number(x * factor)
    case (.whole(let b), .whole(let n)):
      let target = Int((Double(n) * factor).rounded())
      var next = factor > 1 ? Swift.max(n + 1, target) : Swift.min(n - 1, target)
      next = Swift.max(next, Int(b.lower.rounded(.up)) + (b.lowerInclusive ? 0 : 1))
      if let upper = b.upper { next = Swift.min(next, Int(upper)) }
      return .whole(next)
    default:
      return nil
    }
  }
}
