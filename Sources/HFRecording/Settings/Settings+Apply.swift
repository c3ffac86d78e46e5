import HFEngine

/// What applying a setting did: its display name and its value before and after, with any
/// dependent setting that moved with it ("5 (min CG lowered to 5)").
public struct SettingChange: Sendable, Equatable {
  /// Display name ("λ", "max CG", "curvature batch").
  public var setting: String
  /// The value before, as displayed ("0.012", "on", "GN").
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

/// Applying and refusing controls: the one implementation the session, re-execution, the
/// command line and the dashboard's fallback for old recordings share.
extension Settings {
  /// Applies a valid hyperparameter control to `s` (call `validationError` first); nil, with
  /// nothing changed, for run and racer controls.
  public static func apply(_ control: SessionControl, to s: inout RunSettings) -> SettingChange? {
    guard let id = control.setting, let setting = setting(id) else { return nil }
    let before = s
    let old = setting.value(in: s)
    var value = old
    switch control {
    case .set(_, let v): value = v
    case .scale(_, let factor): value = setting.scaled(old, by: factor) ?? old
    default: return nil
    }
    if case .number(let b) = setting.kind, let x = value.number, !b.contains(x), let upper = b.upper {
      value = .number(Swift.min(Swift.max(x, b.lower), upper))  // a scaled value stays within its bounds
    }
    setting.write(value, into: &s)
    var new = setting.display(in: s)
    for other in all where other.id != id && other.value(in: before) != other.value(in: s) {
      let verb: String
      switch (other.value(in: before).number, other.value(in: s).number) {
      case (let a?, let b?): verb = b < a ? "lowered to" : "raised to"
      default: verb = "set to"
      }
      new += " (\(other.name) \(verb) \(other.display(in: s)))"
    }
    return SettingChange(setting: setting.name, old: setting.display(in: before), new: new)
  }

  /// Why a run whose problem has `capabilities` refuses `control` (one sentence, the same from
  /// every path), nil when it takes it: a setting that cannot change while the run goes on, or
  /// a value the problem cannot honour. Pass nil capabilities when the problem is not known yet.
  public static func refusal(_ control: SessionControl, capabilities: ProblemCapabilities?) -> String? {
    guard let id = control.setting, let setting = setting(id) else { return nil }
    if !setting.live {
      let flag = setting.flag.map { " (--\($0.name))" } ?? ""
      return "\(setting.name) cannot change while the run goes on; set it when the run starts\(flag)."
    }
    guard let capabilities else { return nil }
    if case .set(_, let value) = control { return setting.refusal(value, on: capabilities) }
    // Scaling: only a setting the problem cannot use at all (μ on a feed-forward net) is refused.
    return setting.refusal(.automatic, on: capabilities)
  }
}
