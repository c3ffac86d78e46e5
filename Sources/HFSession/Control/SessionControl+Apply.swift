import HFEngine
import HFRecording

extension SessionControl {
  /// Why this control cannot be applied whatever the current settings are (nil when it can):
  /// λ must be finite and ≥ 0, a λ factor finite and > 0, max CG ≥ 1, and so on.
  public var validationError: String? {
    switch self {
    case .setLambda(let v) where !(v.isFinite && v >= 0): "λ must be a finite number ≥ 0 (got \(v))."
    case .scaleLambda(let f) where !(f.isFinite && f > 0): "the λ factor must be a finite number > 0 (got \(f))."
    case .setMaxCG(let n) where !HFConfig.cgIterationRange.contains(n):
      "max CG must be between \(HFConfig.cgIterationRange.lowerBound) and \(HFConfig.cgIterationRange.upperBound) (got \(n))."
    case .setMinCG(let n) where n < 0: "min CG must be at least 0 (got \(n))."
    case .setCurvatureBatch(let n) where !HFConfig.batchSizeRange.contains(n):
      "the curvature batch must hold between \(HFConfig.batchSizeRange.lowerBound) and \(HFConfig.batchSizeRange.upperBound) cases (got \(n))."
    case .setStructuralDamping(let v) where !(v.isFinite && v >= 0): "μ must be a finite number ≥ 0 (got \(v))."
    case .setWeightCost(let v) where !(v.isFinite && v >= 0): "the weight cost must be a finite number ≥ 0 (got \(v))."
    case .setWarmStartDecay(let v) where !(v >= 0 && v <= 1): "the warm-start decay must be in [0, 1] (got \(v))."
    case .continueRun(let n?) where n < 1: "continue needs at least 1 more iteration (got \(n))."
    case .dropRacer(.hf): "HF cannot be dropped from its own race; stop the run instead."
    case .setRacerPaused(.hf, _): "HF sets the race's pace and cannot be held alone; pause the whole race instead."
    default: nil
    }
  }

  /// Applies a hyperparameter to `optimizer` (its `config` or `lambda`), effective from its next
  /// `step`; nil (and nothing changed) for run controls such as pause or stop.
  ///
  /// The session calls this at HF-iteration boundaries; a headless re-execution can call it
  /// directly between `step`s and gets the same numbers. Call only with a valid control
  /// (`validationError == nil`). A max CG below min CG lowers min CG with it (and the reverse
  /// caps min CG at max CG); `new` says so.
  @discardableResult
  public func apply<S: HFScalar>(to optimizer: HFOptimizer<S>) -> SettingChange? {
    let c = optimizer.config
    switch self {
    case .setLambda(let v):
      defer { optimizer.lambda = v }
      return SettingChange(setting: "λ", old: SettingFormat.number(optimizer.lambda), new: SettingFormat.number(v))
    case .scaleLambda(let f):
      let old = optimizer.lambda
      optimizer.lambda = old * f
      return SettingChange(setting: "λ", old: SettingFormat.number(old), new: SettingFormat.number(optimizer.lambda))
    case .setAdaptiveLambda(let on):
      optimizer.config.adaptiveLambda = on
      return SettingChange(setting: "adaptive λ", old: SettingFormat.flag(c.adaptiveLambda), new: SettingFormat.flag(on))
    case .setMaxCG(let n):
      optimizer.config.cg.maxIterations = n
      var new = String(n)
      if c.cg.minIterations > n {
        optimizer.config.cg.minIterations = n
        new += " (min CG lowered to \(n))"
      }
      return SettingChange(setting: "max CG", old: String(c.cg.maxIterations), new: new)
    case .setMinCG(let n):
      let value = Swift.min(n, c.cg.maxIterations)
      optimizer.config.cg.minIterations = value
      let new = value == n ? String(n) : "\(value) (capped at max CG)"
      return SettingChange(setting: "min CG", old: String(c.cg.minIterations), new: new)
    case .setCurvatureBatch(let n):
      optimizer.config.curvatureBatchSize = n
      return SettingChange(setting: "curvature batch", old: Self.batchDescription(c), new: String(n))
    case .setPreconditioner(let on):
      optimizer.config.preconditioner = on
      return SettingChange(setting: "preconditioner", old: SettingFormat.flag(c.preconditioner), new: SettingFormat.flag(on))
    case .setCurvature(let type):
      optimizer.config.curvature = type
      return SettingChange(setting: "curvature", old: c.curvature.shortName, new: type.shortName)
    case .setStructuralDamping(let mu):
      optimizer.config.structuralDamping = mu
      return SettingChange(setting: "μ", old: SettingFormat.number(c.structuralDamping), new: SettingFormat.number(mu))
    case .setLineSearch(let on):
      optimizer.config.lineSearch = on
      return SettingChange(setting: "line search", old: SettingFormat.flag(c.lineSearch), new: SettingFormat.flag(on))
    case .setBacktracking(let on):
      optimizer.config.backtracking = on
      return SettingChange(setting: "backtracking", old: SettingFormat.flag(c.backtracking), new: SettingFormat.flag(on))
    case .setWeightCost(let wc):
      optimizer.config.weightCost = wc
      return SettingChange(setting: "weight cost", old: SettingFormat.number(c.weightCost), new: SettingFormat.number(wc))
    case .setWarmStartDecay(let d):
      optimizer.config.warmStartDecay = d
      return SettingChange(
        setting: "warm-start decay", old: SettingFormat.number(c.warmStartDecay), new: SettingFormat.number(d))
    case .setRhoModel(let model):
      optimizer.config.rhoModel = model
      return SettingChange(setting: "ρ model", old: c.rhoModel.rawValue, new: model.rawValue)
    case .pause, .resume, .stepOnce, .stop, .restart, .continueRun, .setRacerPaused, .dropRacer:
      return nil
    }
  }

  /// The curvature batch as the settings describe it: an explicit size, or "1/4 of data".
  static func batchDescription(_ c: HFConfig) -> String {
    c.curvatureBatchSize.map(String.init) ?? "1/\(c.chunks) of data"
  }
}
