import Foundation
import HFEngine

extension RecordingHeader {
  /// The header line's JSON object (without the newline).
  var jsonBytes: [UInt8] {
    var b = JSONBuilder(capacity: 2048)
    b.openObject()
    b.member("format", Self.formatName)
    b.member("version", version)
    b.member("tool_version", toolVersion)
    b.member("created", ISO8601UTC.format(created))
    b.member("preset", preset)
    b.key("model")
    b.openObject()
    b.member("summary", modelSummary)
    b.member("parameters", parameterCount)
    b.member("groups", groupNames)
    b.member("error", errorName)
    if let architecture { b.member("architecture", CodableBridge.encode(architecture)) }
    if let recurrent { b.member("recurrent", CodableBridge.encode(recurrent)) }
    b.closeObject()
    b.key("data")
    b.openObject()
    b.member("source", dataSource)
    b.member("label", ifPresent: csvLabel)
    b.member("sha256", dataFingerprint)
    b.member("train_cases", trainCases)
    b.member("test_cases", ifPresent: testCases)
    b.closeObject()
    b.key("seed")
    b.value(seed)
    b.member("initializer", CodableBridge.encode(initializer))
    b.member("threads", threads)
    b.member("ranks", ranks)
    b.member("blas_kernel", ifPresent: blasKernel)
    b.key("checkpoint_interval")
    if let checkpointInterval { b.value(checkpointInterval) } else { b.null() }
    if let r = resumedFrom {
      b.key("resumed_from")
      b.openObject()
      b.member("recording", r.recording)
      b.member("checkpoint", r.checkpoint)
      b.member("iteration", r.iteration)
      b.closeObject()
    }
    b.member("config", CodableBridge.encode(config: config))
    if let racerSettings { b.member("racer_settings", CodableBridge.encode(racerSettings)) }
    b.closeObject()
    return b.bytes
  }

  /// Whether a parsed first line claims to be a recording header.
  static func isHeader(_ value: JSONValue) -> Bool {
    value.object?["format"]?.string == formatName
  }

  /// Reads a header object; `name` names the file in errors.
  static func decode(_ value: JSONValue, name: String) throws(RecordingError) -> RecordingHeader {
    guard let object = value.object, object["format"]?.string == formatName else {
      throw RecordingError("\(name) is not an hfdash recording (its first line is not a recording header).")
    }
    guard let version = object["version"]?.int else {
      throw RecordingError("\(name) has a recording header without a format version.")
    }
    if version > formatVersion {
      throw RecordingError(
        "\(name): recording format version \(version) is newer than this hfdash understands (\(formatVersion)); upgrade hfdash.")
    }
    let r = FieldReader(object: object)
    do throws(FieldReader.Missing) {
      let model = try r.object("model")
      let data = try r.object("data")
      guard let created = ISO8601UTC.parse(try r.string("created")) else { throw FieldReader.Missing(key: "created") }
      var resumed: ResumeOrigin?
      if object["resumed_from"] != nil {
        let o = try r.object("resumed_from")
        resumed = ResumeOrigin(
          recording: try o.string("recording"), checkpoint: try o.string("checkpoint"), iteration: try o.int("iteration"))
      }
      var header = RecordingHeader(
        toolVersion: try r.string("tool_version"), created: created, preset: try r.string("preset"),
        modelSummary: try model.string("summary"),
        architecture: model.object["architecture"] == nil ? nil : try model.decoded("architecture", as: NetworkArchitecture.self),
        parameterCount: try model.int("parameters"), groupNames: try model.strings("groups"), errorName: try model.string("error"),
        dataSource: try data.string("source"), csvLabel: try data.optionalString("label"),
        dataFingerprint: try data.string("sha256"), trainCases: try data.int("train_cases"),
        testCases: try data.optionalInt("test_cases"), seed: try r.uint64("seed"),
        initializer: try r.decoded("initializer", as: ParameterInitializer.self),
        config: try r.decoded("config", as: HFConfig.self), threads: try r.int("threads"), ranks: try r.int("ranks"),
        checkpointInterval: try r.optionalInt("checkpoint_interval"), resumedFrom: resumed,
        recurrent: model.object["recurrent"] == nil ? nil : try model.decoded("recurrent", as: RecurrentSpec.self))
      header.version = version
      header.blasKernel = try r.optionalString("blas_kernel")
      if object["racer_settings"] != nil { header.racerSettings = try r.decoded("racer_settings", as: RacerSettings.self) }
      return header
    } catch {
      throw RecordingError("\(name) has a damaged recording header (its '\(error.key)' field is missing or invalid).")
    }
  }
}

/// ISO 8601 timestamps in UTC with whole seconds ("2026-11-29T01:02:03Z").
enum ISO8601UTC {
  static func format(_ date: Date) -> String {
    var t = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    gmtime_r(&t, &parts)
    return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))"
      + "T\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))Z"
  }

  /// Parses "YYYY-MM-DDTHH:MM:SS" followed by "Z" (fractions of a second are ignored).
  static func parse(_ text: String) -> Date? {
    let u = Array(text.utf8)
    guard u.count >= 20, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"), u[10] == UInt8(ascii: "T"),
      u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"), u.last == UInt8(ascii: "Z")
    else { return nil }
    func number(_ r: Range<Int>) -> Int? { Int(String(decoding: u[r], as: UTF8.self)) }
    guard let y = number(0..<4), let mo = number(5..<7), let d = number(8..<10), let h = number(11..<13),
      let mi = number(14..<16), let s = number(17..<19)
    else { return nil }
    var parts = tm()
    parts.tm_year = Int32(y - 1900)
    parts.tm_mon = Int32(mo - 1)
    parts.tm_mday = Int32(d)
    parts.tm_hour = Int32(h)
    parts.tm_min = Int32(mi)
    parts.tm_sec = Int32(s)
    return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
  }

  /// "2026-11-29T01-02-03": the same instant with dashes instead of colons, for file names.
  static func fileStamp(_ date: Date) -> String {
    String(format(date).dropLast()).replacingOccurrences(of: ":", with: "-")
  }

  private static func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }
}
