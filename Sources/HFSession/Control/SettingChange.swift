/// What applying a hyperparameter did: the setting's display name and its value before and after.
public struct SettingChange: Sendable, Equatable {
  /// Display name ("λ", "max CG", "curvature batch").
  public var setting: String
  /// The value before, as displayed ("1.2e-2", "on", "GN").
  public var old: String
  /// The value after.
  public var new: String
  /// A change from `old` to `new`.
  public init(setting: String, old: String, new: String) {
    self.setting = setting
    self.old = old
    self.new = new
  }
}
