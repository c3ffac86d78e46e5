import HFEngine

/// A setting's value as the table moves it between the config, controls, recordings and text.
public enum SettingValue: Sendable, Equatable, Hashable {
  case number(Double)
  case whole(Int)
  case flag(Bool)
  /// One of a setting's choices, by its raw value ("gaussNewton", "damped").
  case choice(String)
  /// The setting's default rule (a curvature batch of 1/chunks of the data, the full training set,
  /// a constant learning rate, …).
  case automatic

  /// The value as a number (whole numbers included), nil for the other kinds.
  public var number: Double? {
    switch self {
    case .number(let x): x
    case .whole(let n): Double(n)
    default: nil
    }
  }
}

/// The settings a table entry reads and writes: HF's configuration, the running λ (λ₀ before the
/// run), and the racers' settings.
public struct RunSettings: Sendable, Equatable {
  public var config: HFConfig
  /// λ in force (the initial λ when the settings describe a run that has not started).
  public var lambda: Double
  public var racers: RacerSettings

  /// Settings with λ = `lambda` (default: the config's initial λ).
  public init(config: HFConfig = HFConfig(), lambda: Double? = nil, racers: RacerSettings = RacerSettings()) {
    self.config = config
    self.lambda = lambda ?? config.initialLambda
    self.racers = racers
  }
}

/// A setting's name in one word: the `:` command name, the key of controls in recordings.
public struct SettingID: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { rawValue = value }
  public var description: String { rawValue }

  // The settings code refers to by name (keys, the panel); the rest are only in the table.
  public static let lambda: SettingID = "lambda"
  public static let adaptiveLambda: SettingID = "adaptive"
  public static let structuralDamping: SettingID = "mu"
  public static let maxCG: SettingID = "maxcg"
  public static let minCG: SettingID = "mincg"
  public static let curvatureBatch: SettingID = "batch"
  public static let preconditioner: SettingID = "precond"
  public static let curvature: SettingID = "curvature"
}
