import Foundation
import ArgumentParser
import HFEngine
import HFSession
import HFRecording

/// The flags shared by `run` and `train`: preset, data, seed, and every setting of the settings
/// table that has a flag. Each setting's flag is declared here (swift-argument-parser needs a
/// property per flag) with the table's help; its value is read, checked and applied through the
/// table by the flag's name (`givenSettings`), and a test checks the two agree.
struct RunOptions: ParsableArguments {
  @Option(help: "Preset: \(Preset.all.map(\.name).joined(separator: ", ")).")
  var preset: String = Preset.default.name
  @Option(help: "Data: generated (calibrated CURVES without folded curves, = generated:curves-v3), generated:curves-v2 (calibrated, with folded curves), generated:curves-v1 (the first CURVES generator), generated:tiny, mnist:DIR or csv:FILE (default: the preset's).")
  var data: String?
  @Option(help: "CSV label column (name or 1-based index) for classifier presets.")
  var label: String?
  @Option(parsing: .unconditional, help: "Random seed (data generation, shuffling, initialization).")
  var seed: UInt64 = 1
  @Option(help: "Initialization (feed-forward presets).")
  var initialization: Initialization = .sparse
  @Option(parsing: .unconditional, help: "Recurrent presets: the task's length setting T (Sutskever's lengths scale with T/100).")
  var seqLen: Int?
  @Option(parsing: .unconditional, help: "Recurrent presets: tanh hidden units (default 100).")
  var hidden: Int?

  // The settings table's flags (see `Settings.all`).
  @Option(parsing: .unconditional, help: flagHelp("lambda")) var lambda: Double?
  @Flag(help: flagHelp("freeze-lambda")) var freezeLambda = false
  @Option(parsing: .unconditional, help: flagHelp("max-cg")) var maxCg: Int?
  @Option(parsing: .unconditional, help: flagHelp("min-cg")) var minCg: Int?
  @Option(parsing: .unconditional, help: flagHelp("cg-tolerance")) var cgTolerance: Double?
  @Option(parsing: .unconditional, help: flagHelp("curvature-batch")) var curvatureBatch: Int?
  @Option(parsing: .unconditional, help: flagHelp("chunks")) var chunks: Int?
  @Option(parsing: .unconditional, help: flagHelp("gradient-batch")) var gradientBatch: Int?
  @Option(parsing: .unconditional, help: flagHelp("mu")) var mu: Double?
  @Flag(help: flagHelp("no-preconditioner")) var noPreconditioner = false
  @Option(parsing: .unconditional, help: flagHelp("preconditioner-exponent")) var preconditionerExponent: Double?
  @Option(help: flagHelp("curvature")) var curvature: CurvatureType?
  @Flag(help: flagHelp("no-line-search")) var noLineSearch = false
  @Flag(help: flagHelp("no-backtracking")) var noBacktracking = false
  @Option(parsing: .unconditional, help: flagHelp("weight-cost")) var weightCost: Double?
  @Option(parsing: .unconditional, help: flagHelp("warm-start-decay")) var warmStartDecay: Double?
  @Option(help: flagHelp("rho-model")) var rhoModel: RhoModel?
  @Option(parsing: .unconditional, help: flagHelp("threads")) var threads: Int?
  @Option(parsing: .unconditional, help: flagHelp("test-interval")) var testInterval: Int?
  @Option(parsing: .unconditional, help: flagHelp("learning-rate")) var learningRate: Double?
  @Option(parsing: .unconditional, help: flagHelp("momentum-max")) var momentumMax: Double?
  @Option(parsing: .unconditional, help: flagHelp("mini-batch")) var miniBatch: Int?
  @Option(parsing: .unconditional, help: flagHelp("lr-decay")) var lrDecay: Double?
  @Option(parsing: .unconditional, help: flagHelp("adam-rate")) var adamRate: Double?
  @Option(parsing: .unconditional, help: flagHelp("lbfgs-history")) var lbfgsHistory: Int?
  @Option(parsing: .unconditional, help: flagHelp("ncg-restart")) var ncgRestart: Int?
  @Option(parsing: .unconditional, help: flagHelp("line-search-batch")) var lineSearchBatch: Int?
  @Option(parsing: .unconditional, help: flagHelp("report-passes")) var reportPasses: Double?

  @Option(help: "The optimizer of the run.")
  var optimizer: OptimizerKind = .hf
  @Option(
    help: ArgumentHelp(
      "Race HF against these optimizers (comma-separated: \(SessionOptions.rivalNames)) from the same initial weights, taking turns in equal slices of data passes.",
      valueName: "list"))
  var race: RaceList?

  /// Checks every given setting (bounds, and what the preset's problem can honour), the preset
  /// and the optimizer choice, before anything is loaded: one sentence, exit status 2.
  func validate() throws {
    do {
      _ = try runSettings()
      _ = try sessionOptimizers()
    } catch { throw ValidationError(error.message) }
  }

  /// The settings the table's flags give, in the table's order.
  func givenSettings() -> [(Setting, SettingValue)] {
    var given: [SettingID: SettingValue] = [:]
    for child in Mirror(reflecting: self).children {
      guard let label = child.label, label.hasPrefix("_"), let setting = Settings.setting(flag: Self.flagName(label.dropFirst()))
      else { continue }
      if let value = Self.value(child.value, off: setting.flag.map { if case .off = $0 { true } else { false } } ?? false) {
        given[setting.id] = value
      }
    }
    return Settings.all.compactMap { s in given[s.id].map { (s, $0) } }
  }

  /// The preset with --seq-len / --hidden applied.
  func chosenPreset() throws(DataError) -> Preset {
    guard let preset = Preset.named(self.preset) else {
      throw DataError("Unknown preset '\(self.preset)'; choose one of \(Preset.all.map(\.name).joined(separator: ", ")).")
    }
    guard seqLen != nil || hidden != nil else { return preset }
    guard let adjusted = preset.adjusted(sequenceLength: seqLen, hiddenUnits: hidden) else {
      throw DataError("--seq-len and --hidden only apply to the recurrent presets (\(Preset.recurrentPresets.map(\.name).joined(separator: ", "))).")
    }
    return adjusted
  }

  /// The preset's settings with every given flag applied through the table; a value out of
  /// bounds or one the preset's problem cannot honour is one sentence naming its flag.
  func runSettings() throws(DataError) -> (Preset, RunSettings) {
    let preset = try chosenPreset()
    var s = RunSettings(config: preset.config, racers: RacerSettings(for: preset.kind))
    s.config.threads = ProcessInfoCores.count
    for (setting, value) in givenSettings() {
      let subject = "--" + (setting.flag?.name ?? setting.id.rawValue)
      if let problem = setting.validationError(value, subject: subject) ?? setting.refusal(value, on: preset.capabilities) {
        throw DataError(problem)
      }
      setting.write(value, into: &s)
    }
    s.config.initialLambda = s.lambda
    if let problem = s.config.validationError { throw DataError("Impossible setting: " + problem) }
    if let problem = s.racers.validationError { throw DataError("Impossible racer setting: " + problem) }
    if preset.recurrent != nil && initialization != .sparse {
      throw DataError("The recurrent presets always use Sutskever's sparse initialization; --initialization does not apply.")
    }
    return (preset, s)
  }

  /// The single run's optimizer and HF's rivals (empty unless --race).
  func sessionOptimizers() throws(DataError) -> (optimizer: OptimizerKind, race: [OptimizerKind]) {
    guard let race else { return (optimizer, []) }
    let options = SessionOptions(optimizer: optimizer, race: race.kinds)
    if let problem = options.optimizerError { throw DataError(problem) }
    if race.kinds.isEmpty { throw DataError("--race needs at least one optimizer to race HF (\(SessionOptions.rivalNames)).") }
    return (optimizer, race.kinds)
  }

  /// The run these flags describe; a bad value is reported as one sentence.
  func runSpec() throws(DataError) -> RunSpec {
    let (preset, s) = try runSettings()
    var spec = RunSpec(preset: preset, data: try data.map { v throws(DataError) in try DataSource(parsing: v) }, seed: seed, config: s.config)
    spec.initializer = initialization.initializer
    if let label { spec.csvLabel = CSVLabel(parsing: label) }
    spec.racers = s.racers
    return spec
  }
}

extension RunOptions {
  /// A setting's `--help` line, from the table.
  static func flagHelp(_ flag: String) -> ArgumentHelp {
    guard let s = Settings.setting(flag: flag) else { return ArgumentHelp("") }
    let text = s.help.prefix(1).uppercased() + s.help.dropFirst()
    if case .off? = s.flag { return ArgumentHelp("Turn off: \(s.help).") }
    if case .choice = s.kind { return ArgumentHelp("\(text) (default: the preset's).") }  // the values are listed
    return ArgumentHelp("\(text) (\(s.syntax); default: the preset's).")
  }

  /// A property's flag name: "maxCg" → "max-cg" (swift-argument-parser's own conversion).
  static func flagName(_ property: Substring) -> String {
    var out = ""
    for c in property {
      if c.isUppercase {
        out += "-" + c.lowercased()
      } else {
        out.append(c)
      }
    }
    return out
  }

  /// A parsed flag's value as a setting value (nil when the flag was not given).
  static func value(_ wrapper: Any, off: Bool) -> SettingValue? {
    switch wrapper {
    case let o as Option<Double?>: o.wrappedValue.map(SettingValue.number)
    case let o as Option<Int?>: o.wrappedValue.map(SettingValue.whole)
    case let o as Option<CurvatureType?>: o.wrappedValue.map { .choice($0.rawValue) }
    case let o as Option<RhoModel?>: o.wrappedValue.map { .choice($0.rawValue) }
    case let f as Flag<Bool>: f.wrappedValue ? .flag(!off) : nil
    default: nil
    }
  }
}

/// `--initialization`.
enum Initialization: String, ExpressibleByArgument, CaseIterable {
  /// 15 incoming N(0,1) weights per unit (Martens 2010).
  case sparse
  /// Dense N(0,1) weights.
  case gaussian

  var initializer: ParameterInitializer {
    switch self {
    case .sparse: .martensSparse
    case .gaussian: .gaussian(scale: 1)
    }
  }
}

/// `--race sgd,adam`: HF's rivals, comma-separated.
struct RaceList: ExpressibleByArgument, Equatable {
  var kinds: [OptimizerKind]

  init?(argument: String) {
    var kinds: [OptimizerKind] = []
    for name in argument.split(separator: ",", omittingEmptySubsequences: false) {
      guard let kind = OptimizerKind(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else { return nil }
      kinds.append(kind)
    }
    self.kinds = kinds
  }

  static var allValueStrings: [String] { OptimizerKind.allCases.filter { $0 != .hf }.map(\.rawValue) }
}

extension OptimizerKind: ExpressibleByArgument {
  public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// A choice setting's words from the table (`--curvature gn`), listed in `--help` and completions.
protocol TableChoice: ExpressibleByArgument, RawRepresentable where RawValue == String {
  static var setting: SettingID { get }
}

extension TableChoice {
  /// The raw value the table's words name ("gn" → "gaussNewton").
  static func raw(_ argument: String) -> String? {
    guard case .success(.choice(let raw))? = Settings.setting(setting)?.parse(argument, subject: "") else { return nil }
    return raw
  }
  static var words: [String] { Settings.setting(setting)?.completions ?? [] }
  var word: String { Settings.setting(Self.setting)?.choices.first { $0.value == rawValue }?.words.first ?? rawValue }
}

extension CurvatureType: ExpressibleByArgument, TableChoice {
  static var setting: SettingID { .curvature }
  public init?(argument: String) { self.init(rawValue: Self.raw(argument) ?? "") }
  public static var allValueStrings: [String] { words }
  public static var allValueDescriptions: [String: String] { [:] }
  public var defaultValueDescription: String { word }
}

extension RhoModel: ExpressibleByArgument, TableChoice {
  static var setting: SettingID { "rho" }
  public init?(argument: String) { self.init(rawValue: Self.raw(argument) ?? "") }
  public static var allValueStrings: [String] { words }
  public static var allValueDescriptions: [String: String] { [:] }
  public var defaultValueDescription: String { word }
}

/// The number of cores the engine shards over by default.
enum ProcessInfoCores {
  static var count: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
