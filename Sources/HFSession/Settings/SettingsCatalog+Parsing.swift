import HFRecording
/// Parsing and completing command lines.
extension SettingsCatalog {
  /// Parses one command line (with or without the leading ":") into a control whose source is
  /// "command :<line>", or a one-line error: "unknown setting 'lamda' — did you mean lambda?",
  /// "maxcg needs a whole number ≥ 1, got 'abc'".
  public static func parse(_ line: String) -> Result<ControlRequest, SettingError> {
    let body = stripColon(line.trimmingWhitespace)
    let (word, value) = split(body)
    guard !word.isEmpty else {
      return .failure(SettingError("type a setting and a value, e.g. :lambda 1e-3 (Tab lists the names)"))
    }
    guard let entry = entry(named: word) else { return .failure(SettingError(unknownMessage(word))) }
    return entry.parse(value).map { ControlRequest($0, source: "command :" + body) }
  }

  /// Completions of a partly typed line: the entry names starting with it while the name is being
  /// typed (`"cu"` → `["curvature"]`), then the fixed values (`"curvature h"` → `["curvature hessian"]`).
  /// Each completion is the whole line, keeping a leading ":" if there was one; sorted.
  public static func completions(prefix: String) -> [String] {
    let colon = prefix.hasPrefix(":") ? ":" : ""
    let text = stripColon(prefix)
    guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
      let p = text.lowercased()
      return completable.map(\.name).filter { $0.hasPrefix(p) }.sorted().map { colon + $0 }
    }
    let word = String(text[..<space])
    let value = String(text[space...]).trimmingWhitespace.lowercased()
    guard let entry = entry(named: word) else { return [] }
    return entry.choices.filter { $0.hasPrefix(value) }.sorted().map { colon + entry.name + " " + $0 }
  }

  /// What completion offers: the settings that can change live, then the run commands.
  public static var completable: [SettingEntry] { liveSettings + commands }

  /// "unknown setting 'lamda' — did you mean lambda?", or the list of names when nothing is close.
  static func unknownMessage(_ word: String) -> String {
    if let guess = closestName(to: word) { return "unknown setting '\(word)' — did you mean \(guess)?" }
    return "unknown setting '\(word)' — known: " + completable.map(\.name).joined(separator: ", ")
  }

  /// The canonical name closest to `word`: the only name it starts, or the name or alias within a
  /// small edit distance (1 for short words, 2 from 5 letters on).
  static func closestName(to word: String) -> String? {
    let w = word.lowercased()
    let starts = entries.filter { $0.name.hasPrefix(w) }
    if starts.count == 1, w.count >= 2 { return starts[0].name }
    let limit = w.count >= 5 ? 2 : 1
    var best: (distance: Int, name: String)?
    for entry in entries {
      for candidate in [entry.name] + entry.aliases {
        let d = editDistance(w, candidate)
        if d <= limit, best == nil || d < best!.distance { best = (d, entry.name) }
      }
    }
    return best?.name
  }

  /// Levenshtein distance with adjacent transpositions (optimal string alignment), over characters.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in 0...x.count { d[i][0] = i }
    for j in 0...y.count { d[0][j] = j }
    for i in 1...x.count {
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        d[i][j] = Swift.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = Swift.min(d[i][j], d[i - 2][j - 2] + 1) }
      }
    }
    return d[x.count][y.count]
  }

  private static func stripColon(_ s: String) -> String {
    s.hasPrefix(":") ? String(s.dropFirst()).trimmingWhitespace : s
  }

  /// The first word and the trimmed rest.
  private static func split(_ s: String) -> (String, String) {
    guard let space = s.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (s, "") }
    return (String(s[..<space]), String(s[space...]).trimmingWhitespace)
  }
}
