import HFEngine
import HFRecording

extension SessionControl {
  /// Applies a hyperparameter to `optimizer` (its `config` or `lambda`) through the settings
  /// table, effective from its next `step`; nil (and nothing changed) for run controls.
  ///
  /// The session calls this at HF-iteration boundaries; a headless re-execution can call it
  /// directly between `step`s and gets the same numbers. Call only with a valid control
  /// (`validationError == nil`). Dependent settings move with it (a max CG below min CG lowers
  /// min CG) and `new` says so.
  @discardableResult
  public func apply<S: HFScalar>(to optimizer: HFOptimizer<S>) -> SettingChange? {
    var s = RunSettings(config: optimizer.config, lambda: optimizer.lambda)
    guard let change = Settings.apply(self, to: &s) else { return nil }
    optimizer.config = s.config
    optimizer.lambda = s.lambda
    return change
  }
}
