import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

/// The one encoding (format version 2) and the version-1 reading path.
@Suite("Recording encoding: Codable, version 2, version 1")
struct RecordingEncodingTests {
  /// One event of every kind, racer events of every engine kind, and controls with and without values.
  func everyKind() throws -> [SessionEvent] {
    let engine = try realTinyEvents()
    var engineKinds: [HFEvent] = []
    for e in engine where !engineKinds.contains(where: { RecordedEvent(time: 0, event: .engine($0)).kind == RecordedEvent(time: 0, event: .engine(e)).kind }) {
      engineKinds.append(e)
    }
    engineKinds.append(.warning(iteration: 2, message: "the training objective is not finite (nan)"))
    var adamReport = try #require(engine.compactMap { if case .iterationFinished(let r) = $0 { r } else { nil } }.first)
    adamReport.optimizer = .adam
    adamReport.learningRate = 1e-3
    adamReport.momentum = 0.9
    adamReport.timeStepGradientNorms = [0.5, .nan, 2]
    adamReport.testObjective = 12.5
    adamReport.times.communication = 0.25
    var description = SessionDescription(
      preset: "tiny", model: "64-32-16-4-16-32-64", data: "generated:tiny", parameterCount: 5000, trainCases: 1000,
      testCases: 200, seed: UInt64.max, config: HFConfig(), groupNames: ["W1", "W2"], errorName: "squared error", resumedFrom: 4)
    description.optimizer = .sgd
    description.racers = [RacerDescription(kind: .hf, settings: "λ₀ 45"), RacerDescription(kind: .adam, settings: "α 0.001")]
    return engineKinds.map { .engine($0) } + engineKinds.map { .racer(.adam, $0) } + [
      .engine(.iterationFinished(adamReport)),
      .control(AppliedControl(control: .setMaxCG(8), setting: "max CG", old: "50", new: "8", iteration: 3, cgStep: nil, source: "key c")),
      .control(AppliedControl(control: .pause, setting: "state", old: "RUNNING", new: "PAUSED", iteration: 3, cgStep: 7, source: "key space")),
      .control(
        AppliedControl(control: .setRacerPaused(.adam, true), setting: "Adam", old: "racing", new: "paused", iteration: 2, cgStep: nil, source: "key 2")),
      .control(AppliedControl(control: .continueRun(extraIterations: nil), setting: "state", old: "DONE", new: "RUNNING", iteration: 6, cgStep: nil, source: "key +")),
      .state(.stepping), .alarm(Alarm(kind: .cgAtMaximum, iteration: 4, message: "CG hit its cap")),
      .note(iteration: 2, text: "λ settles \"quoted\"\n"), .checkpoint(iteration: 4, path: "run.checkpoints/iter-000004"),
      .finished(reason: .success, iteration: 5, message: "test error below 0.001"), .started(description),
    ]
  }

  @Test("every event kind round-trips through Codable exactly, one line each, keys in snake_case")
  func everyKindRoundTrips() throws {
    let events = try everyKind()
    #expect(Set(events.map { RecordedEvent(time: 0, event: $0).kind }) == Set(RecordedEvent.Kind.allCases))
    for e in events {
      let line = RecordingCodec.line(for: RecordedEvent(time: 7.25, event: e))
      #expect(line.last == 0x0A && !line.dropLast().contains(0x0A))
      guard case .event(let back) = try RecordingCodec.decode(line: line) else {
        Issue.record("not decoded: \(String(decoding: line, as: UTF8.self))")
        continue
      }
      #expect(back.time == 7.25 && sameEvent(back.event, e), "\(String(decoding: line, as: UTF8.self))")
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
      for key in keys(object) { #expect(key == key.lowercased(), "\(key) is not snake_case") }
    }
  }

  /// Every key of a JSON object, nested objects' keys included (dictionary-valued extra state has none here).
  func keys(_ object: [String: Any]) -> [String] {
    object.flatMap { key, value -> [String] in
      if let nested = value as? [String: Any] { return [key] + keys(nested) }
      if let array = value as? [Any] { return [key] + array.compactMap { $0 as? [String: Any] }.flatMap(keys) }
      return [key]
    }
  }

  @Test("a field missing from a line decodes as nil or its default, or the line is refused; never a silent value")
  func missingFields() throws {
    for e in try everyKind() {
      let line = RecordingCodec.line(for: RecordedEvent(time: 1, event: e))
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
      for key in object.keys where key != "k" {
        var without = object
        without[key] = nil
        let bytes = Array(try JSONSerialization.data(withJSONObject: without))
        guard case .event(let back)? = try? RecordingCodec.decode(line: bytes) else { continue }  // a required field: refused
        // Decoded: the value re-encodes to the same line without the key, or with the key at its absent default.
        let again = try #require(
          try JSONSerialization.jsonObject(with: Data(RecordingCodec.line(for: back))) as? [String: Any])
        var rest = again
        let restored = rest.removeValue(forKey: key)
        #expect(try canonical(rest) == canonical(without), "removing \(key) changed other fields")
        if let restored { #expect(isAbsentDefault(restored), "\(key) came back as \(restored)") }
      }
    }
  }

  /// A parsed object as sorted JSON text (to compare two parsed objects).
  func canonical(_ object: [String: Any]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
  }

  /// 0, false, "" or [] (what `DefaultWhenAbsent` gives).
  func isAbsentDefault(_ value: Any) -> Bool {
    if let n = value as? NSNumber { return n.doubleValue == 0 }
    if let s = value as? String { return s.isEmpty }
    if let a = value as? [Any] { return a.isEmpty }
    return false
  }

  @Test("a version-2 line without newer fields reads: optionals nil, defaulted fields their default")
  func olderVersion2Line() throws {
    guard case .iterationFinished(let r) = try realTinyEvents().last! else {
      Issue.record("the last event of an iteration is its report")
      return
    }
    var text = String(decoding: RecordingCodec.line(for: RecordedEvent(time: 1, event: .engine(.iterationFinished(r)))), as: UTF8.self)
    for field in [#""communication":0,"#, #""test_error":\#(r.testError!.description),"#] {
      #expect(text.contains(field), "\(field) is not in \(text)")
      text = text.replacingOccurrences(of: field, with: "")
    }
    guard case .event(let back) = try RecordingCodec.decode(line: Array(text.utf8)), case .engine(.iterationFinished(let report)) = back.event else {
      Issue.record("not an iteration report: \(text)")
      return
    }
    var expected = r
    expected.testError = nil
    #expect(report == expected)
  }

  @Test("unknown kinds and unknown fields are skipped with a warning; the rest reads")
  func unknownKindsAndFields() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let run = try recordTinyRun(to: scratch.file("run.hfrec.jsonl"), iterations: 2)
    var lines = try String(contentsOf: run.url, encoding: .utf8).split(separator: "\n").map(String.init)
    let iter = try #require(lines.indices.first { lines[$0].contains(#""k":"iter""#) })
    lines[iter] = lines[iter].replacingOccurrences(of: #""k":"iter","#, with: #""future_field":{"x":1},"k":"iter","#)
    let cg = try #require(lines.indices.first { lines[$0].contains(#""k":"cg""#) })
    lines[cg] = lines[cg].replacingOccurrences(of: #""k":"cg","#, with: #""k":"cg","ritz":[1,2],"#)
    lines.insert(#"{"k":"telemetry","t":0.5,"gpu":3}"#, at: 2)
    try (lines.joined(separator: "\n") + "\n").write(to: run.url, atomically: true, encoding: .utf8)
    let timeline = try RecordingReader.open(run.url)
    #expect(timeline.iterations.count == 2 && timeline.faults.skippedLines == 0)
    #expect(timeline.faults.unknownKinds == ["telemetry"])
    #expect(timeline.faults.unknownFields == ["cg.ritz", "iter.future_field"])
    #expect(
      timeline.faults.warnings == [
        "1 event of kinds this hfdash does not know (telemetry) was ignored.",
        "Fields this hfdash does not know (cg.ritz, iter.future_field) were ignored.",
      ])
    #expect(timeline.reports.map(\.objective) == run.reports.map(\.objective))
  }

  @Test("the header round-trips with every optional field set; its keys are snake_case and flat")
  func headerRoundTrip() throws {
    var header = RecordingHeader(setup: try tinySetup(), toolVersion: "test", created: fixedDate, checkpointInterval: 10)
    header.csvLabel = "label"
    header.testCases = 17
    header.resumedFrom = ResumeOrigin(recording: "a.hfrec.jsonl", checkpoint: "a.checkpoints/iter-000004", iteration: 4)
    header.recurrent = RecurrentSpec(task: .addition, sequenceLength: 30, hiddenUnits: 20, testSequences: 100)
    header.racerSettings = RacerSettings(for: .classifier)
    header.config.curvatureBatchSize = 300
    let line = RecordingCodec.headerLine(header)
    let text = String(decoding: line, as: UTF8.self)
    for key in [#""format":"hfdash-recording""#, #""version":2"#, #""train_cases":"#, #""initial_lambda":"#, #""data_fingerprint":"#] {
      #expect(text.contains(key), "\(key) missing from \(text)")
    }
    #expect(!text.contains("adaptiveLambda") && !text.contains("trainCases"))
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    try Data(line).write(to: scratch.file("h.hfrec.jsonl"))
    #expect(try RecordingReader.readHeader(scratch.file("h.hfrec.jsonl")) == header)
  }

  @Test("a header missing a required field names it")
  func damagedHeader() throws {
    let header = RecordingHeader(setup: try tinySetup(), toolVersion: "test", created: fixedDate)
    let text = String(decoding: RecordingCodec.headerLine(header), as: UTF8.self)
      .replacingOccurrences(of: #""train_cases":\#(header.trainCases),"#, with: "")
    #expect(throws: RecordingError("h has a damaged recording header (its 'train_cases' field is missing).")) {
      try RecordingReader.parse(Array(text.utf8), name: "h")
    }
  }

  static let v1Fixtures = ["adam", "addition", "race", "resumed"].map {
    repositoryRoot.appendingPathComponent("Tests/HFSessionTests/Fixtures/v1/\($0).hfrec.jsonl")
  } + [repositoryRoot.appendingPathComponent("assets/sample-tiny.hfrec.jsonl")]

  @Test("version-1 recordings (sample and fixtures) read cleanly, re-execute identically and export", arguments: v1Fixtures)
  func version1(_ url: URL) throws {
    let timeline = try RecordingReader.open(url)
    #expect(timeline.header.version == 1)
    #expect(timeline.faults.isClean, "\(timeline.faults.warnings)")
    #expect(!timeline.iterations.isEmpty)
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(timeline.events.count == text.split(separator: "\n").count - 1)
    // Every line decoded: engine events carry real numbers, reports are complete.
    for mark in timeline.iterations { #expect(mark.report.objective.isFinite && !mark.report.layerGradientNorms.isEmpty) }
    // Bit for bit on the OpenBLAS kernel that made it (the fixtures name theirs; the sample was made on
    // SkylakeX), within 5 % on another (float sums round differently; see RecordingSampleTests).
    let kernel = timeline.header.blasKernel ?? "SkylakeX"
    let onRecordedKernel = kernel == BLASKernel.current || (kernel == "SkylakeX" && BLASKernel.current == "Cooperlake")
    let outcome = try RecordingReexecution(timeline: timeline, tolerance: onRecordedKernel ? 0 : 0.05).run()
    #expect(outcome.divergence == nil, "\(outcome.divergence?.description ?? "")")
    let csv = RecordingExporter.csv(timeline)
    #expect(csv.split(separator: "\n").count == timeline.iterations.count + timeline.racerIterations.count + 1)
  }

  @Test("the fixtures hold what version 1 wrote: short CG keys, flat controls, camelCase config")
  func version1Layout() throws {
    let text = try String(contentsOf: Self.v1Fixtures[4], encoding: .utf8)
    #expect(text.contains(#""k":"cg","i":1,"j":1,"#) && text.contains(#""adaptiveLambda":"#) && text.contains(#""k":"control","op":"#))
    let race = try RecordingReader.open(Self.v1Fixtures[2])
    #expect(race.racers.map(\.kind) == [.hf, .sgd, .adam] && !race.racerIterations.isEmpty)
    #expect(Set(race.racerReports.keys) == [.sgd, .adam])
    let addition = try RecordingReader.open(Self.v1Fixtures[1])
    #expect(addition.header.recurrent?.task == .addition)
    #expect(addition.iterations.allSatisfy { $0.report.timeStepGradientNorms?.isEmpty == false })
    let adam = try RecordingReader.open(Self.v1Fixtures[0])
    #expect(adam.optimizer == .adam && adam.reports.allSatisfy { $0.optimizer == .adam && $0.learningRate != nil })
    #expect(race.header.blasKernel == "Haswell")
    let resumed = try RecordingReader.open(Self.v1Fixtures[3])
    #expect(resumed.markers.contains { $0.kind == .start && $0.label.hasPrefix("resumed after iteration") })
  }

  @Test("a version-1 HF line lacks the fields added since: they read as nil or their defaults")
  func version1LineDefaults() throws {
    let text = try String(contentsOf: Self.v1Fixtures[4], encoding: .utf8)
    let line = try #require(text.split(separator: "\n").first { $0.contains(#""k":"iter","#) })
    for newer in ["optimizer", "communication", "learning_rate", "time_grad_norms", "time_step_gradient_norms"] {
      #expect(!line.contains(newer), "the sample's line has \(newer)")
    }
    guard case .event(let e) = try RecordingCodec.decode(line: Array(line.utf8), version: 1),
      case .engine(.iterationFinished(let r)) = e.event
    else {
      Issue.record("not an iteration report: \(line)")
      return
    }
    #expect(r.iteration == 1 && r.optimizer == .hf && r.learningRate == nil && r.momentum == nil)
    #expect(r.times.communication == 0 && r.timeStepGradientNorms == nil && r.times.total > 0)
    // Written again, it is a complete version-2 line that reads back the same.
    guard case .event(let back) = try RecordingCodec.decode(line: RecordingCodec.line(for: e)) else {
      Issue.record("the version-2 line does not read back")
      return
    }
    #expect(back.time == e.time && sameEvent(back.event, e.event))
  }

  @Test("a version-1 recording's CG steps, read on demand, equal a version-2 copy's")
  func version1MatchesVersion2() throws {
    let v1 = try RecordingReader.open(Self.v1Fixtures[4])
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    var header = v1.header
    header.version = RecordingHeader.formatVersion
    let w = try RecordingWriter(creating: scratch.file("v2.hfrec.jsonl"), header: header)
    for e in v1.events { w.append(e) }
    w.close()
    let v2 = try RecordingReader.open(scratch.file("v2.hfrec.jsonl"))
    #expect(v2.header == header && v2.faults.isClean)
    #expect(sameRecorded(Array(v2.events), Array(v1.events)))
    #expect(v1.events.contains { if case .engine(.cgStep) = $0.event { true } else { false } })
  }
}
