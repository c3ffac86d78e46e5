import Foundation
import HFEngine

/// The first line of a recording: format, tool, time, and everything needed to re-execute the run.
public struct RecordingHeader: Sendable, Equatable {
  /// The `format` value that identifies a recording.
  public static let formatName = "hfdash-recording"
  /// The newest format version this build reads and the one it writes.
  public static let formatVersion = 1

  public var version: Int
  /// The hfdash version that wrote the recording.
  public var toolVersion: String
  /// When the recording was created (UTC, whole seconds).
  public var created: Date
  public var preset: String
  /// One line describing the model ("64-32-16-4-16-32-64 linear/logistic, logistic+CE").
  public var modelSummary: String
  /// The feed-forward architecture, when the model is one.
  public var architecture: NetworkArchitecture?
  public var parameterCount: Int
  /// Names of the parameter groups whose norms iterations report (W1, W2, …).
  public var groupNames: [String]
  /// What the error metric measures ("squared error", "classification error").
  public var errorName: String
  /// The data source in command-line form (`DataSource.description`).
  public var dataSource: String
  /// The CSV label column as given on the command line, if any.
  public var csvLabel: String?
  /// `DataFingerprint.sha256(of:)` of the training set.
  public var dataFingerprint: String
  public var trainCases: Int
  public var testCases: Int?
  public var seed: UInt64
  public var initializer: ParameterInitializer
  /// Every hyperparameter at the start of the run (controls recorded later change them).
  public var config: HFConfig
  /// Worker shards per process (the summation order depends on it, so re-execution uses it too).
  public var threads: Int
  /// MPI ranks (1 without MPI).
  public var ranks: Int
  /// The OpenBLAS kernel that computed the run (`BLASKernel.current`); re-executions and resumes run
  /// on the same one to get the same floats. Nil in recordings made before it was written.
  public var blasKernel: String?
  /// Checkpoints are written every this many HF iterations and at exit (0 = only at exit, nil = never).
  public var checkpointInterval: Int?
  /// Set when the session continued from another recording's checkpoint.
  public var resumedFrom: ResumeOrigin?
  /// The recurrent experiment (task, length T, hidden units, test set size) for recurrent presets.
  public var recurrent: RecurrentSpec?
  /// The settings of the first-order and quasi-Newton racers when they differ from the preset's
  /// defaults (nil: the defaults, as in every recording made before the racers existed).
  public var racerSettings: RacerSettings?

  /// A header with every field given.
  public init(
    toolVersion: String, created: Date, preset: String, modelSummary: String, architecture: NetworkArchitecture?,
    parameterCount: Int, groupNames: [String], errorName: String, dataSource: String, csvLabel: String? = nil,
    dataFingerprint: String, trainCases: Int, testCases: Int?, seed: UInt64, initializer: ParameterInitializer,
    config: HFConfig, threads: Int, ranks: Int = 1, checkpointInterval: Int? = nil, resumedFrom: ResumeOrigin? = nil,
    recurrent: RecurrentSpec? = nil
  ) {
    self.recurrent = recurrent
    version = Self.formatVersion
    self.toolVersion = toolVersion
    self.created = Date(timeIntervalSince1970: created.timeIntervalSince1970.rounded(.down))
    self.preset = preset
    self.modelSummary = modelSummary
    self.architecture = architecture
    self.parameterCount = parameterCount
    self.groupNames = groupNames
    self.errorName = errorName
    self.dataSource = dataSource
    self.csvLabel = csvLabel
    self.dataFingerprint = dataFingerprint
    self.trainCases = trainCases
    self.testCases = testCases
    self.seed = seed
    self.initializer = initializer
    self.config = config
    self.threads = threads
    self.ranks = ranks
    self.checkpointInterval = checkpointInterval
    self.resumedFrom = resumedFrom
  }

  /// The header for a loaded run; hashes its training data (SHA-256 at roughly 200–350 MB/s:
  /// about half a second for curves' 125 MB).
  public init(
    setup: TrainingSetup, toolVersion: String, created: Date = Date(), checkpointInterval: Int? = nil,
    ranks: Int? = nil, resumedFrom: ResumeOrigin? = nil
  ) {
    let spec = setup.spec
    let source = spec.data ?? spec.preset.defaultData
    let label: String? = spec.csvLabel.map {
      switch $0 {
      case .name(let n): n
      case .column(let c): String(c)
      }
    }
    self.init(
      toolVersion: toolVersion, created: created, preset: spec.preset.name, modelSummary: setup.modelSummary,
      architecture: setup.architecture, parameterCount: setup.problem.parameterCount,
      groupNames: setup.problem.groupNames, errorName: setup.errorName, dataSource: source?.description ?? "",
      csvLabel: label, dataFingerprint: DataFingerprint.of(setup), trainCases: setup.trainCases,
      testCases: setup.testCases, seed: spec.seed, initializer: spec.initializer, config: setup.optimizer.config,
      threads: setup.optimizer.config.threads, ranks: ranks ?? setup.ranks, checkpointInterval: checkpointInterval,
      resumedFrom: resumedFrom, recurrent: spec.preset.recurrent)
    blasKernel = BLASKernel.current
    racerSettings = spec.racers == RacerSettings(for: spec.preset.kind) ? nil : spec.racers
  }

  /// The run this header describes, ready for `TrainingSetup` (to re-execute or resume it).
  public func runSpec() throws(RecordingError) -> RunSpec {
    guard let preset = Preset.named(preset) else {
      throw RecordingError("The recording's preset '\(preset)' is not one this hfdash knows.")
    }
    if let recurrent {
      guard let adjusted = preset.adjusted(sequenceLength: recurrent.sequenceLength, hiddenUnits: recurrent.hiddenUnits) else {
        throw RecordingError("The recording's preset '\(preset.name)' is not a recurrent one.")
      }
      var spec = RunSpec(preset: adjusted, data: nil, seed: seed, config: config)
      spec.initializer = initializer
      if let racerSettings { spec.racers = racerSettings }
      return spec
    }
    let data: DataSource
    do { data = try DataSource(parsing: dataSource) } catch {
      throw RecordingError("The recording's data source '\(dataSource)' cannot be used: \(error.message)")
    }
    var spec = RunSpec(preset: preset, data: data, seed: seed, config: config)
    spec.initializer = initializer
    spec.csvLabel = csvLabel.map { CSVLabel(parsing: $0) }
    if let racerSettings { spec.racers = racerSettings }
    return spec
  }

  /// Checks that `setup` trains on the data this recording was made on.
  public func checkData(setup: TrainingSetup) throws(RecordingError) {
    let actual = DataFingerprint.of(setup)
    if actual != dataFingerprint {
      throw RecordingError(
        "The training data differs from the recording's (SHA-256 \(actual.prefix(12))… instead of \(dataFingerprint.prefix(12))…).")
    }
  }

  /// Checks that `data` is the training set this recording was made on.
  public func checkData(_ data: Dataset) throws(RecordingError) {
    let actual = DataFingerprint.sha256(of: data)
    if actual != dataFingerprint {
      throw RecordingError(
        "The training data differs from the recording's (SHA-256 \(actual.prefix(12))… instead of \(dataFingerprint.prefix(12))…).")
    }
  }

  /// The description the dashboard shows for this run.
  public var sessionDescription: SessionDescription {
    SessionDescription(
      preset: preset, model: modelSummary, data: dataSource, parameterCount: parameterCount, trainCases: trainCases,
      testCases: testCases, seed: seed, config: config, groupNames: groupNames, errorName: errorName)
  }
}
