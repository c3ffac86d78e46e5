import HFSession

/// The `:lanczos` command: `:lanczos` (k = 60), `:lanczos K` (1 ≤ K ≤ 500), `:lanczos stop`.
public enum LanczosCommand {
  /// Why a `:lanczos` command was refused (one sentence for the prompt).
  public struct Failure: Error, Equatable {
    public var message: String
    /// A failure saying `message`.
    public init(message: String) { self.message = message }
  }

  /// The words that name the command.
  public static let names: Set<String> = ["lanczos", "spectrum"]

  /// The prompt's hint for the command.
  public static let hint =
    "lanczos [K]: K steps (1 to \(LanczosDefaults.maximumSteps), default \(LanczosDefaults.steps)) on the undamped curvature; lanczos stop"

  /// The command names that start with `prefix` (for Tab completion beside the settings).
  public static func completions(prefix: String) -> [String] {
    let p = prefix.lowercased()
    return p.isEmpty ? [] : names.sorted().filter { $0.hasPrefix(p) }
  }

  /// The command for `text`, or nil when `text` is not a `:lanczos` command (a setting command).
  public static func parse(_ text: String) -> Result<DashboardCommand, Failure>? {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
    guard let first = words.first, names.contains(first) else { return nil }
    guard words.count <= 2 else {
      return .failure(Failure(message: "usage: :lanczos [K] (K steps, 1 to \(LanczosDefaults.maximumSteps)) or :lanczos stop"))
    }
    guard words.count == 2 else { return .success(.lanczos(steps: LanczosDefaults.steps)) }
    let word = words[1]
    if word == "stop" || word == "cancel" { return .success(.cancelLanczos) }
    guard let k = Int(word), k >= 1, k <= LanczosDefaults.maximumSteps else {
      return .failure(
        Failure(message: "the Lanczos step count must be a whole number from 1 to \(LanczosDefaults.maximumSteps) (got \(word))"))
    }
    return .success(.lanczos(steps: k))
  }
}
