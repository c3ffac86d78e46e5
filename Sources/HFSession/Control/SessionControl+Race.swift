import HFEngine
import HFRecording

extension SessionControl {
  /// The setting a hyperparameter control changes, as the confirmations name it ("λ", "max CG");
  /// nil for run and racer controls.
  public var settingName: String? { setting.flatMap(Settings.setting)?.name }

  /// Why a session with `options` refuses this control (one sentence), nil when it takes it:
  /// HF's hyperparameters on a run of another optimizer, racer controls outside a race or for
  /// an optimizer that is not racing.
  public func rejection(by options: SessionOptions) -> String? {
    switch self {
    case .setRacerPaused(let kind, _), .dropRacer(let kind):
      if !options.isRace { return "This run is not a race, so there is no \(kind.displayName) racer to hold or drop." }
      if !options.race.contains(kind) {
        return "\(kind.displayName) is not in this race (racing: \(options.optimizers.map(\.displayName).joined(separator: ", ")))."
      }
      return nil
    default:
      guard isHyperparameter, options.optimizer != .hf, let name = settingName else { return nil }
      return "\(name) applies to HF; this run uses \(options.optimizer.displayName)."
    }
  }
}
