/// One row of the help overlay: the keys, what they do, and the group they are listed under.
///
/// The key map (written elsewhere) produces these, so dispatch and help come from one table.
public struct HelpEntry: Sendable, Equatable {
  /// The keys as shown, e.g. "q", "[ ]", "space".
  public var keys: String
  /// What the keys do.
  public var help: String
  /// The group heading, e.g. "Engine", "View".
  public var group: String

  /// Creates an entry.
  public init(keys: String, help: String, group: String = "") {
    self.keys = keys
    self.help = help
    self.group = group
  }
}
