import HFEngine

/// A flat, named value of an iteration report: the columns of exports and the fields verification compares.
enum FieldValue: Equatable {
  case int(Int)
  case double(Double)
  case optionalDouble(Double?)
  case text(String)
  case bool(Bool)
}

enum ReportFields {
  /// Every metric of `r` as (column, value), per-group arrays flattened with `groupNames`
  /// (`grad_norm_W1`, …); phase times come last, named `time_…`.
  static func flatten(_ r: IterationReport, groupNames: [String]) -> [(String, FieldValue)] {
    var out: [(String, FieldValue)] = [
      ("iteration", .int(r.iteration)), ("objective", .double(r.objective)), ("error", .double(r.error)),
      ("objective_before", .double(r.objectiveBefore)), ("test_objective", .optionalDouble(r.testObjective)),
      ("test_error", .optionalDouble(r.testError)), ("lambda_before", .double(r.lambdaBefore)),
      ("lambda_after", .double(r.lambdaAfter)), ("rho", .double(r.rho)), ("rho_model", .text(r.rhoModel.rawValue)),
      ("cg_iterations", .int(r.cgIterations)), ("cg_chosen", .int(r.cgChosen)), ("cg_reason", .text(r.cgReason.rawValue)),
      ("step_rate", .double(r.stepRate)), ("accepted", .bool(r.accepted)), ("grad_norm", .double(r.gradientNorm)),
      ("step_norm", .double(r.stepNorm)),
    ]
    let groups = groupColumns(groupNames, count: Swift.max(r.layerGradientNorms.count, r.layerStepNorms.count))
    for (k, g) in groups.enumerated() {
      out.append(("grad_norm_" + g, .optionalDouble(k < r.layerGradientNorms.count ? r.layerGradientNorms[k] : nil)))
    }
    for (k, g) in groups.enumerated() {
      out.append(("step_norm_" + g, .optionalDouble(k < r.layerStepNorms.count ? r.layerStepNorms[k] : nil)))
    }
    out += [
      ("curvature_products", .int(r.curvatureProducts)), ("data_passes", .double(r.dataPasses)),
      ("curvature_batch", .int(r.curvatureBatch)), ("curvature", .text(r.curvatureType.rawValue)),
      ("time_gradient", .double(r.times.gradient)), ("time_cg", .double(r.times.cg)),
      ("time_backtracking", .double(r.times.backtracking)), ("time_line_search", .double(r.times.lineSearch)),
      ("time_evaluation", .double(r.times.evaluation)), ("time_total", .double(r.times.total)),
    ]
    return out
  }

  /// First-order methods' step settings: `learning_rate` and `momentum` (absent for HF).
  static func rateFields(_ r: IterationReport) -> [(String, FieldValue)] {
    [("learning_rate", .optionalDouble(r.learningRate)), ("momentum", .optionalDouble(r.momentum))]
  }

  /// Group column suffixes: the recorded names, then `g<k>` for any extra entries.
  static func groupColumns(_ names: [String], count: Int) -> [String] {
    (0..<Swift.max(count, names.count)).map { $0 < names.count ? names[$0] : "g\($0 + 1)" }
  }

  /// Whether two values agree: exactly, NaN matching NaN, or within a relative `tolerance`.
  static func agree(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
    if a == b || (a.isNaN && b.isNaN) { return true }
    return tolerance > 0 && a.isFinite && b.isFinite && abs(a - b) <= tolerance * Swift.max(abs(a), abs(b))
  }
}
