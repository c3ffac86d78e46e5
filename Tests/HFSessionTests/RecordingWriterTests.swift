import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite("Recording writer")
struct RecordingWriterTests {
  @Test("a real tiny run is written and read back event for event, header included")
  func writeAndRead() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let run = try recordTinyRun(to: scratch.file("nested/dir/run.hfrec.jsonl"), iterations: 4)
    #expect(run.writer.lastError == nil && !run.writer.isFailed)
    let timeline = try RecordingReader.open(run.url)
    #expect(timeline.header == run.header)
    #expect(timeline.faults.isClean)
    let engine = timeline.events.compactMap { if case .engine(let e) = $0.event { SessionEvent.engine(e) } else { nil } }
    #expect(sameEvents(engine, run.engineEvents.map { .engine($0) }))
    #expect(timeline.reports == run.reports)
    #expect(timeline.events.count + 1 == run.writer.linesWritten)
    let size = try FileManager.default.attributesOfItem(atPath: run.url.path)[.size] as! Int
    #expect(size == run.writer.bytesWritten)
    // Times come from the writer's clock: non-decreasing, starting near zero.
    let times = timeline.events.map(\.time)
    #expect(times == times.sorted() && times[0] >= 0 && times[0] < 5)
  }

  @Test("the header line carries format, version, tool, UTC time, model, data, seed, initializer and every setting")
  func headerContents() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let run = try recordTinyRun(to: scratch.file("run.hfrec.jsonl"), iterations: 1, checkpointEvery: 2, toolVersion: "0.1.0")
    let first = try String(contentsOf: run.url, encoding: .utf8).split(separator: "\n")[0]
    let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
    #expect(object["format"] as? String == "hfdash-recording")
    #expect(object["version"] as? Int == 1)
    #expect(object["tool_version"] as? String == "0.1.0")
    #expect(object["created"] as? String == "2026-11-29T01:02:03Z")
    #expect(object["preset"] as? String == "tiny")
    #expect(object["seed"] as? Int == 1)
    #expect(object["threads"] as? Int == 1 && object["ranks"] as? Int == 1)
    #expect(object["checkpoint_interval"] as? Int == 2)
    let model = try #require(object["model"] as? [String: Any])
    #expect(model["summary"] as? String == run.header.modelSummary)
    #expect(model["parameters"] as? Int == run.header.parameterCount)
    #expect(model["groups"] as? [String] == ["W1", "W2", "W3", "W4", "W5", "W6"])
    let arch = try #require(model["architecture"] as? [String: Any])
    #expect(arch["layerSizes"] as? [Int] == [64, 32, 16, 4, 16, 32, 64])
    let data = try #require(object["data"] as? [String: Any])
    #expect(data["source"] as? String == "generated:tiny")
    #expect(data["sha256"] as? String == run.header.dataFingerprint)
    #expect(data["train_cases"] as? Int == 1000 && data["test_cases"] as? Int == 200)
    let initializer = try #require(object["initializer"] as? [String: Any])
    #expect((initializer["sparse"] as? [String: Any])?["connections"] as? Int == 15)
    let config = try #require(object["config"] as? [String: Any])
    #expect(config["initialLambda"] as? Double == 1)
    #expect((config["cg"] as? [String: Any])?["maxIterations"] as? Int == 50)
    #expect(config.count == 24, "every HFConfig field is present")
    #expect(config["curvatureBatchSize"] is NSNull && config["gradientBatchSize"] is NSNull)
    // The header rebuilds the run.
    let spec = try run.header.runSpec()
    #expect(spec.preset.name == "tiny" && spec.seed == 1 && spec.config == run.header.config && spec.data == .tiny)
  }

  @Test("a full disk (/dev/full) fails the writer with ENOSPC instead of throwing; later appends are ignored")
  func diskFull() throws {
    let fd = open("/dev/full", O_WRONLY)
    try #require(fd >= 0, "/dev/full is needed for this test")
    let header = RecordingHeader(setup: try tinySetup(), toolVersion: "test", created: fixedDate)
    let writer = RecordingWriter(fileDescriptor: fd, path: "/dev/full", header: header)
    #expect(writer.isFailed)
    let message = try #require(writer.lastError)
    #expect(message.contains("No space left on device"), "\(message)")
    #expect(message.hasSuffix("recording stopped."))
    writer.append(.state(.running))
    #expect(writer.lastError == message && writer.linesWritten == 0)
  }

  @Test("deleting the file mid-run stops the writer; the lines written before stay intact")
  func fileDeleted() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let url = scratch.file("run.hfrec.jsonl")
    let header = RecordingHeader(setup: try tinySetup(), toolVersion: "test", created: fixedDate)
    let writer = try RecordingWriter(creating: url, header: header)
    for k in 1...5 { writer.append(.note(iteration: k, text: "note \(k)"), time: Double(k)) }
    // A second name keeps the data reachable after the recording's own path is removed.
    let keep = scratch.file("kept.jsonl")
    #expect(link(url.path, keep.path) == 0)
    try FileManager.default.removeItem(at: url)
    writer.append(.note(iteration: 6, text: "lost"), time: 6)
    #expect(writer.isFailed)
    #expect(writer.lastError == "the recording \(url.path) was removed; recording stopped.")
    writer.append(.note(iteration: 7, text: "lost too"), time: 7)
    let timeline = try RecordingReader.open(keep)
    #expect(timeline.faults.isClean)
    #expect(timeline.events.map(\.event) == (1...5).map { SessionEvent.note(iteration: $0, text: "note \($0)") })
  }

  @Test("an existing recording is never overwritten")
  func noOverwrite() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let url = scratch.file("run.hfrec.jsonl")
    try Data("precious\n".utf8).write(to: url)
    let header = RecordingHeader(setup: try tinySetup(), toolVersion: "test", created: fixedDate)
    #expect(throws: RecordingError("Cannot create the recording \(url.path): the file already exists.")) {
      _ = try RecordingWriter(creating: url, header: header)
    }
    #expect(try String(contentsOf: url, encoding: .utf8) == "precious\n")
  }

  @Test("appends from several threads produce whole lines, none interleaved")
  func concurrentAppends() async throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let url = scratch.file("run.hfrec.jsonl")
    let header = RecordingHeader(setup: try tinySetup(), toolVersion: "test", created: fixedDate)
    let writer = try RecordingWriter(creating: url, header: header)
    await withTaskGroup(of: Void.self) { group in
      for t in 0..<4 {
        group.addTask {
          for k in 0..<250 { writer.append(.note(iteration: k, text: "thread \(t) " + String(repeating: "x", count: 200)), time: 1) }
        }
      }
    }
    let timeline = try RecordingReader.open(url)
    #expect(timeline.faults.isClean)
    #expect(timeline.events.count == 1000)
  }
}
