/// The rows of the hyperparameter panel, computed from settings.
enum SettingsRows {
  /// One row: label, value and a note.
  struct Row: Equatable {
    var key: SettingKey
    var label: String
    var value: String
    var note: String
    /// The keys whose pending changes show on this row.
    var covers: [SettingKey]
  }

  /// The rows shown, top to bottom.
  static func rows(_ s: DashboardSettings, trainCases: Int?) -> [Row] {
    let order: [SettingKey] = [
      .lambda, .structuralDamping, .maxCG, .curvature, .curvatureBatch, .preconditioner, .lineSearch, .backtracking,
      .rhoModel, .warmStart, .weightCost,
    ]
    return order.compactMap { key in
      if key == .structuralDamping && !s.hasStructuralDamping { return nil }
      return row(key, settings: s, trainCases: trainCases)
    }
  }

  /// The row for one setting (nil for μ on a model without structural damping).
  static func row(_ key: SettingKey, settings s: DashboardSettings, trainCases: Int? = nil) -> Row? {
    let c = s.config
    func onOff(_ b: Bool) -> String { b ? "on" : "off" }
    switch key {
    case .lambda:
      return Row(
        key: key, label: "λ", value: Format.compact(s.lambda), note: c.adaptiveLambda ? "adaptive" : "frozen",
        covers: [.lambda, .adaptiveLambda])
    case .adaptiveLambda:
      return Row(key: key, label: "adaptive λ", value: onOff(c.adaptiveLambda), note: "", covers: [.adaptiveLambda])
    case .structuralDamping:
      return Row(
        key: key, label: "μ", value: Format.compact(c.structuralDamping), note: "structural, ×λ",
        covers: [.structuralDamping])
    case .maxCG:
      return Row(
        key: key, label: "max CG", value: String(c.cg.maxIterations), note: "min \(c.cg.minIterations)",
        covers: [.maxCG, .minCG])
    case .minCG:
      return Row(key: key, label: "min CG", value: String(c.cg.minIterations), note: "", covers: [.minCG])
    case .curvature:
      return Row(key: key, label: "curvature", value: c.curvature.shortName, note: "", covers: [.curvature])
    case .curvatureBatch:
      let value = s.curvatureBatch.map(String.init) ?? "–"
      let note = trainCases.map { "of \($0)" } ?? ""
      return Row(key: key, label: "curv. batch", value: value, note: note, covers: [.curvatureBatch])
    case .preconditioner:
      return Row(
        key: key, label: "precond", value: onOff(c.preconditioner),
        note: c.preconditioner ? "α " + Format.compact(c.preconditionerExponent) : "", covers: [.preconditioner])
    case .lineSearch:
      return Row(
        key: key, label: "line search", value: onOff(c.lineSearch),
        note: c.lineSearch ? "Armijo" : "", covers: [.lineSearch])
    case .backtracking:
      return Row(key: key, label: "backtracking", value: onOff(c.backtracking), note: "", covers: [.backtracking])
    case .rhoModel:
      return Row(key: key, label: "ρ model", value: c.rhoModel.rawValue, note: "", covers: [.rhoModel])
    case .warmStart:
      return Row(key: key, label: "warm start", value: "×" + Format.compact(c.warmStartDecay), note: "", covers: [.warmStart])
    case .weightCost:
      return Row(key: key, label: "weight cost", value: Format.compact(c.weightCost), note: "L2", covers: [.weightCost])
    }
  }
}
