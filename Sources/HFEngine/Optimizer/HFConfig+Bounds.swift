/// The valid values of the settings users change (flags, `:` commands, keys, recorded controls),
/// as the settings table (HFRecording's `Settings`) checks them and words its errors. Where the
/// engine has a range (`ValidRanges.swift`) the bound is made from it, so the table and the
/// engine's own whole-configuration check (`HFConfig.validationError`, the backstop for
/// configurations that arrive another way) cannot disagree.
extension HFConfig {
  public enum Bounds {
    public static let lambda = SettingBounds.atLeast(0)
    /// A factor λ (or another number setting) is multiplied by.
    public static let lambdaFactor = SettingBounds.above(0)
    public static let maxCG = SettingBounds(HFConfig.cgIterationRange)
    public static let minCG = SettingBounds.count(atLeast: 0)
    public static let cgTolerance = SettingBounds(HFConfig.cgToleranceRange)
    public static let chunks = SettingBounds(HFConfig.chunksRange)
    /// Curvature and gradient batches, in cases.
    public static let batch = SettingBounds(HFConfig.batchSizeRange)
    public static let weightCost = SettingBounds.atLeast(0)
    public static let warmStartDecay = SettingBounds(HFConfig.warmStartDecayRange)
    public static let preconditionerExponent = SettingBounds(HFConfig.preconditionerExponentRange)
    public static let structuralDamping = SettingBounds.atLeast(0)
    public static let threads = SettingBounds(HFConfig.threadRange)
    public static let testInterval = SettingBounds.count(atLeast: 0)
  }
}

extension RacerSettings {
  /// The valid values of the racers' settings, as the settings table checks them.
  public enum Bounds {
    public static let learningRate = SettingBounds.above(0)
    public static let momentumMax = SettingBounds(lower: 0, upper: 1, upperInclusive: false)
    /// Mini-batch and full-batch sizes, in cases.
    public static let batch = SettingBounds(RacerSettings.batchSizeRange)
    public static let learningRateDecay = SettingBounds.above(0)
    public static let adamRate = SettingBounds.above(0)
    public static let lbfgsHistory = SettingBounds(RacerSettings.lbfgsHistoryRange)
    public static let ncgRestart = SettingBounds.count(atLeast: 1)
    public static let passesPerReport = SettingBounds(lower: 0, lowerInclusive: false, upper: 1000)
  }
}
