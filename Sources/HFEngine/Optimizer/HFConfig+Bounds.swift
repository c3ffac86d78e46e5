/// The valid values of the settings users change (flags, `:` commands, keys, recorded controls),
/// as the settings table (HFRecording's `Settings`) checks them and words its errors. They agree
/// with the engine's own whole-configuration check (`HFConfig.validationError`), which stays the
/// backstop for configurations that arrive another way.
extension HFConfig {
  public enum Bounds {
    public static let lambda = SettingBounds.atLeast(0)
    /// A factor λ (or another number setting) is multiplied by.
    public static let lambdaFactor = SettingBounds.above(0)
    public static let maxCG = SettingBounds.count(atLeast: 1)
    public static let minCG = SettingBounds.count(atLeast: 0)
    public static let cgTolerance = SettingBounds(lower: 0, upper: 1)
    public static let chunks = SettingBounds(lower: 1, upper: 1_000_000, whole: true)
    /// Curvature and gradient batches, in cases.
    public static let batch = SettingBounds(lower: 1, upper: 100_000_000, whole: true)
    public static let weightCost = SettingBounds.atLeast(0)
    public static let warmStartDecay = SettingBounds(lower: 0, upper: 1)
    public static let preconditionerExponent = SettingBounds(lower: 0, upper: 1)
    public static let structuralDamping = SettingBounds.atLeast(0)
    public static let threads = SettingBounds(lower: 1, upper: 1024, whole: true)
    public static let testInterval = SettingBounds.count(atLeast: 0)
  }
}

extension RacerSettings {
  /// The valid values of the racers' settings, as the settings table checks them.
  public enum Bounds {
    public static let learningRate = SettingBounds.above(0)
    public static let momentumMax = SettingBounds(lower: 0, upper: 1, upperInclusive: false)
    /// Mini-batch and full-batch sizes, in cases.
    public static let batch = SettingBounds(lower: 1, upper: 100_000_000, whole: true)
    public static let learningRateDecay = SettingBounds.above(0)
    public static let adamRate = SettingBounds.above(0)
    public static let lbfgsHistory = SettingBounds(lower: 1, upper: 1000, whole: true)
    public static let ncgRestart = SettingBounds.count(atLeast: 1)
    public static let passesPerReport = SettingBounds(lower: 0, lowerInclusive: false, upper: 1000)
  }
}
