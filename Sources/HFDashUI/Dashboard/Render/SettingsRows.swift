import HFRecording

/// The rows of the hyperparameter panel: which settings of the table it shows, in which order,
/// and the note beside each; labels fall back to the table's names, values are its display.
enum SettingsRows {
  /// One row: label, value and a note.
  struct Row: Equatable {
    var key: SettingID
    var label: String
    var value: String
    var note: String
    /// The settings whose pending changes show on this row.
    var covers: [SettingID]
  }

  /// One row of the panel's layout.
  struct Layout: Sendable {
    var id: SettingID
    /// A shorter label than the table's name, where the panel needs one.
    var label: String?
    /// What the value is written after ("×" for the warm-start decay).
    var prefix = ""
    var note: @Sendable (DashboardSettings, _ trainCases: Int?) -> String = { _, _ in "" }
    var covers: [SettingID] = []
  }

  /// The panel, top to bottom.
  static let layout: [Layout] = [
    Layout(id: .lambda, note: { s, _ in s.config.adaptiveLambda ? "adaptive" : "frozen" }, covers: [.adaptiveLambda]),
    Layout(id: .structuralDamping, note: { _, _ in "structural, ×λ" }),
    Layout(id: .maxCG, note: { s, _ in "min \(s.config.cg.minIterations)" }, covers: [.minCG]),
    Layout(id: .curvature),
    Layout(id: .curvatureBatch, label: "curv. batch", note: { _, n in n.map { "of \($0)" } ?? "" }),
    Layout(id: .preconditioner, label: "precond", note: { s, _ in s.config.preconditioner ? "α " + Format.compact(s.config.preconditionerExponent) : "" }),
    Layout(id: "linesearch", note: { s, _ in s.config.lineSearch ? "Armijo" : "" }),
    Layout(id: "backtracking"),
    Layout(id: "rho"),
    Layout(id: "decay", label: "warm start", prefix: "×"),
    Layout(id: "wc", note: { _, _ in "L2" }),
  ]

  /// The rows shown, top to bottom (μ only for models with structural damping).
  static func rows(_ s: DashboardSettings, trainCases: Int?) -> [Row] {
    layout.compactMap { item in
      if item.id == .structuralDamping && !s.hasStructuralDamping { return nil }
      return row(item.id, settings: s, trainCases: trainCases)
    }
  }

  /// The row for one setting (nil for a setting the panel does not show).
  static func row(_ id: SettingID, settings s: DashboardSettings, trainCases: Int? = nil) -> Row? {
    guard let item = layout.first(where: { $0.id == id }), let setting = Settings.setting(id) else { return nil }
    // The curvature batch shows the size the engine reports (the default rule is 1/chunks of the data).
    let value = id == .curvatureBatch ? s.curvatureBatch.map(String.init) ?? "–" : setting.display(in: s.run)
    return Row(
      key: id, label: item.label ?? setting.name, value: item.prefix + value, note: item.note(s, trainCases),
      covers: [id] + item.covers)
  }
}
