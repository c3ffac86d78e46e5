import Foundation
import HFEngine

extension RecordingV1 {
  /// A version-1 header: `model` and `data` nested, camelCase keys inside `config`,
  /// `architecture`, `recurrent`, `initializer` and `racer_settings` (all read by the types'
  /// own decoders, which take camelCase keys as they are).
  struct Header: Decodable {
    struct Model: Decodable {
      var summary: String
      var parameters: Int
      var groups: [String]
      var error: String
      var architecture: NetworkArchitecture?
      var recurrent: RecurrentSpec?
    }

    struct DataSet: Decodable {
      var source: String
      var label: String?
      var sha256: String
      var trainCases: Int
      var testCases: Int?
    }

    var toolVersion: String
    var created: Date
    var preset: String
    var model: Model
    var data: DataSet
    var seed: UInt64
    var initializer: ParameterInitializer
    var config: HFConfig
    var threads: Int
    var ranks: Int
    var blasKernel: String?
    var checkpointInterval: Int?
    var resumedFrom: ResumeOrigin?
    var racerSettings: RacerSettings?

    var header: RecordingHeader {
      var h = RecordingHeader(
        toolVersion: toolVersion, created: created, preset: preset, modelSummary: model.summary,
        architecture: model.architecture, parameterCount: model.parameters, groupNames: model.groups, errorName: model.error,
        dataSource: data.source, csvLabel: data.label, dataFingerprint: data.sha256, trainCases: data.trainCases,
        testCases: data.testCases, seed: seed, initializer: initializer, config: config, threads: threads, ranks: ranks,
        checkpointInterval: checkpointInterval, resumedFrom: resumedFrom, recurrent: model.recurrent)
      h.racerSettings = racerSettings
      h.blasKernel = blasKernel
      h.version = 1
      return h
    }
  }
}
