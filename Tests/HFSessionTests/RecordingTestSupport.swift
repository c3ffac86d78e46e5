import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

/// A fresh temporary directory for one test, removed by `cleanUp()`.
struct RecordingScratch {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("hfdash-recording-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func file(_ name: String) -> URL { url.appendingPathComponent(name) }

  func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// The repository root (this file is Tests/HFSessionTests/RecordingTestSupport.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The header of the recording at `path` (from the repository root), the data source it names,
/// and that source's training set made from the header's seed.
func recordedData(_ path: String) throws -> (header: RecordingHeader, source: DataSource, train: Dataset) {
  let header = try RecordingReader.open(repositoryRoot.appendingPathComponent(path)).header
  let spec = try header.runSpec()
  let source = try #require(spec.data)
  return (header, source, try source.load(seed: spec.seed).train)
}

/// A fixed creation time for headers (2026-11-29T01:02:03Z).
let fixedDate = Date(timeIntervalSince1970: 1_795_914_123)

/// A real `tiny` run recorded through `RecordingWriter`.
struct TinyRecording {
  let url: URL
  let header: RecordingHeader
  let reports: [IterationReport]
  let engineEvents: [HFEvent]
  let writer: RecordingWriter
}

/// Loads the tiny preset (seed 1, one thread).
func tinySetup(seed: UInt64 = 1, configure: (inout HFConfig) -> Void = { _ in }) throws -> TrainingSetup {
  var config = Preset.named("tiny")!.config
  config.threads = 1
  configure(&config)
  return try TrainingSetup(RunSpec(preset: Preset.named("tiny")!, seed: seed, config: config))
}

/// Runs `iterations` HF iterations of `tiny`, recording everything the way a session would:
/// state changes, the start, a note, a max-CG control (50 → 8) applied before iteration `controlAt`,
/// checkpoints every `checkpointEvery` iterations and at the end (when given), and the end.
func recordTinyRun(
  to url: URL, iterations: Int, controlAt: Int? = 3, checkpointEvery: Int? = nil, toolVersion: String = "test"
) throws -> TinyRecording {
  let setup = try tinySetup()
  let header = RecordingHeader(setup: setup, toolVersion: toolVersion, created: fixedDate, checkpointInterval: checkpointEvery)
  let writer = try RecordingWriter(creating: url, header: header)
  let store = CheckpointStore(recording: url)
  func checkpoint() throws {
    let c = Checkpoint(
      optimizer: setup.optimizer, layout: setup.parameterLayout, rng: setup.rng, dataFingerprint: header.dataFingerprint)
    try store.write(c)
    writer.append(.checkpoint(iteration: c.iteration, path: store.recordedPath(iteration: c.iteration)))
  }
  writer.append(.state(.starting))
  writer.append(.started(header.sessionDescription))
  writer.append(.state(.running))
  var reports: [IterationReport] = []
  var engineEvents: [HFEvent] = []
  for k in 1...iterations {
    if k == controlAt {
      let old = setup.optimizer.config.cg.maxIterations
      setup.optimizer.config.cg.maxIterations = 8
      writer.append(
        .control(
          AppliedControl(
            control: .setMaxCG(8), setting: "max CG", old: String(old), new: "8", iteration: k, cgStep: nil, source: "key c")))
    }
    let report = setup.optimizer.step { event in
      engineEvents.append(event)
      writer.append(.engine(event))
      return .proceed
    }
    reports.append(try #require(report))
    if k == 2 { writer.append(.note(iteration: 2, text: "λ settles, \"quoted\", comma")) }
    if let n = checkpointEvery, n > 0, k % n == 0, k < iterations { try checkpoint() }
  }
  if checkpointEvery != nil { try checkpoint() }
  writer.append(.finished(reason: .iterationLimit, iteration: iterations, message: "reached \(iterations) iterations"))
  writer.append(.state(.done))
  return TinyRecording(url: url, header: header, reports: reports, engineEvents: engineEvents, writer: writer)
}

/// One real iteration's events of `tiny` (iterationStarted, CG steps, cgFinished, iterationFinished).
func realTinyEvents() throws -> [HFEvent] {
  let setup = try tinySetup()
  var events: [HFEvent] = []
  setup.optimizer.step { events.append($0); return .proceed }
  return events
}

/// `report` without its wall-clock phase times (which differ between runs).
func timeless(_ report: IterationReport) -> IterationReport {
  var r = report
  r.times = PhaseTimes()
  return r
}

/// Runs a program and returns its exit status and standard output.
func runProgram(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: path)
  p.arguments = arguments
  let out = Pipe(), err = Pipe()
  p.standardOutput = out
  p.standardError = err
  try p.run()
  let o = DescriptorReader.readToEnd(out.fileHandleForReading)
  let e = DescriptorReader.readToEnd(err.fileHandleForReading)
  p.waitUntilExit()
  return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

/// The first executable named `name` on PATH.
func findExecutable(_ name: String) -> String? {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  for dir in path.split(separator: ":") {
    let candidate = "\(dir)/\(name)"
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
  }
  return nil
}

/// Events compared through their (exact, deterministic) recording lines, so NaN matches NaN.
func sameEvents(_ a: [SessionEvent], _ b: [SessionEvent]) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { sameEvent($0, $1) }
}

func sameEvent(_ a: SessionEvent, _ b: SessionEvent) -> Bool {
  RecordingCodec.line(for: RecordedEvent(time: 0, event: a)) == RecordingCodec.line(for: RecordedEvent(time: 0, event: b))
}

func sameRecorded(_ a: [RecordedEvent], _ b: [RecordedEvent]) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { RecordingCodec.line(for: $0) == RecordingCodec.line(for: $1) }
}
