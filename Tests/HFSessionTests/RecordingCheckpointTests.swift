import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite("Checkpoints")
struct RecordingCheckpointTests {
  /// A tiny run after `iterations` steps, checkpointed.
  func checkpointed(after iterations: Int) throws -> (TrainingSetup, Checkpoint) {
    let setup = try tinySetup()
    for _ in 0..<iterations { _ = setup.optimizer.step() }
    let checkpoint = Checkpoint(
      optimizer: setup.optimizer, layout: setup.parameterLayout, rng: setup.rng, extraState: ["batches": [7, UInt64.max]],
      time: 12.5, dataFingerprint: DataFingerprint.sha256(of: setup.split!.train))
    return (setup, checkpoint)
  }

  @Test("write then read gives the same checkpoint; files are W1.npy, b1.npy, …, warm_start.npy, state.json")
  func roundTrip() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let (_, checkpoint) = try checkpointed(after: 2)
    let store = CheckpointStore(recording: scratch.file("run.hfrec.jsonl"))
    let dir = try store.write(checkpoint)
    #expect(dir.path == scratch.file("run.checkpoints/iter-000002").path)
    #expect(store.recordedPath(iteration: 2) == "run.checkpoints/iter-000002")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(files == ((1...6).flatMap { ["W\($0).npy", "b\($0).npy"] } + ["state.json", "warm_start.npy"]).sorted())
    #expect(checkpoint.tensors.map(\.shape).prefix(2) == [[32, 64], [32]])
    #expect(try store.read(iteration: 2) == checkpoint)
    #expect(try store.readLatest() == checkpoint)
    #expect(store.iterations() == [2])
    // No temporary directories are left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: store.directory.path) == ["iter-000002"])
  }

  @Test("numpy loads every .npy file with the values written (python3 + numpy required)")
  func numpyReadsThem() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let (_, checkpoint) = try checkpointed(after: 1)
    let dir = try CheckpointStore(directory: scratch.url).write(checkpoint)
    guard let python = findExecutable("python3") else {
      Issue.record("python3 with numpy is required for this test (apt-get install python3-numpy)")
      return
    }
    let script = """
      import json, sys, os, numpy
      d = sys.argv[1]
      out = {}
      for f in sorted(os.listdir(d)):
          if f.endswith('.npy'):
              a = numpy.load(os.path.join(d, f))
              assert a.dtype == numpy.float32 and a.flags['C_CONTIGUOUS'], f
              out[f[:-4]] = [list(a.shape), [float(x) for x in a.ravel()]]
      print(json.dumps(out))
      """
    let result = try runProgram(python, ["-c", script, dir.path])
    guard result.status == 0 else {
      Issue.record("python3 could not load the checkpoint with numpy (is python3-numpy installed?): \(result.error)")
      return
    }
    let loaded = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: [Any]])
    var expected = checkpoint.tensors
    expected.append(NamedTensor(name: "warm_start", shape: [checkpoint.warmStart.count], values: checkpoint.warmStart))
    #expect(loaded.count == expected.count)
    for t in expected {
      let entry = try #require(loaded[t.name], "\(t.name).npy")
      #expect(entry[0] as? [Int] == t.shape, "\(t.name) shape")
      let values = (entry[1] as? [NSNumber])?.map { Float($0.doubleValue) }
      #expect(values == t.values, "\(t.name) values")
    }
    #expect(checkpoint.warmStart.contains { $0 != 0 }, "the warm start is a real CG solution")
  }

  @Test("restoring a checkpoint into a fresh run continues with exactly the same numbers")
  func resumeExactly() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let (original, checkpoint) = try checkpointed(after: 3)
    let store = CheckpointStore(directory: scratch.url)
    try store.write(checkpoint)
    let continued = (0..<2).compactMap { _ in original.optimizer.step() }
    let fresh = try tinySetup()
    let loaded = try store.readLatest()
    try loaded.restore(into: fresh.optimizer, layout: fresh.parameterLayout)
    #expect(loaded.rng.rawState == original.rng.rawState)
    #expect(loaded.extraState == ["batches": [7, UInt64.max]])
    let resumed = (0..<2).compactMap { _ in fresh.optimizer.step() }
    #expect(resumed.map(\.iteration) == [4, 5])
    #expect(resumed.map(timeless) == continued.map(timeless))
  }

  @Test("an existing checkpoint is not overwritten; a missing or damaged one is a clear error")
  func failures() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let (_, checkpoint) = try checkpointed(after: 1)
    let store = CheckpointStore(directory: scratch.url)
    let dir = try store.write(checkpoint)
    var changed = checkpoint
    changed.lambda = 99
    #expect(throws: RecordingError("Checkpoint iter-000001 already exists in \(scratch.url.path); nothing was overwritten.")) {
      try store.write(changed)
    }
    #expect(try store.read(iteration: 1).lambda == checkpoint.lambda)
    #expect(throws: RecordingError("Checkpoint \(store.url(iteration: 5).path) does not exist.")) { try store.read(iteration: 5) }
    #expect(throws: RecordingError("There are no checkpoints in \(scratch.file("none").path).")) {
      try CheckpointStore(directory: scratch.file("none")).readLatest()
    }
    // Flip one byte of W2.npy's data.
    let w2 = dir.appendingPathComponent("W2.npy")
    var bytes = Array(try Data(contentsOf: w2))
    bytes[bytes.count - 3] ^= 0x40
    try Data(bytes).write(to: w2)
    #expect(throws: RecordingError("Checkpoint iter-000001 is damaged: W2.npy does not match its SHA-256 checksum.")) {
      try store.read(iteration: 1)
    }
    try FileManager.default.removeItem(at: w2)
    #expect(throws: RecordingError("Checkpoint iter-000001 is damaged: W2.npy is missing.")) { try store.read(iteration: 1) }
    try Data("{".utf8).write(to: dir.appendingPathComponent("state.json"))
    #expect(throws: RecordingError("Checkpoint iter-000001 is damaged: its state.json cannot be read.")) { try store.read(iteration: 1) }
  }

  @Test("checkpoint shapes are checked against the model when restoring")
  func shapeMismatch() throws {
    let (_, checkpoint) = try checkpointed(after: 1)
    var wrong = checkpoint
    wrong.tensors[0] = NamedTensor(name: "W1", shape: [64, 32], values: wrong.tensors[0].values)
    let fresh = try tinySetup()
    #expect(throws: RecordingError("The checkpoint's W1 has shape [64, 32] where the model needs W1 with shape [32, 64].")) {
      try wrong.restore(into: fresh.optimizer, layout: fresh.parameterLayout)
    }
  }

  @Test(".npy encoding: version 1.0 header padded to 64 bytes, <f4, C order; decode inverts it")
  func npyFormat() throws {
    let values: [Float] = [1, -2.5, .infinity, 0x1p-126, 3, 4]
    let bytes = NumpyArray.encode(values, shape: [2, 3])
    #expect(Array(bytes[0..<8]) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
    let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
    #expect((10 + headerLength) % 64 == 0)
    let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
    #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }") && header.hasSuffix(" \n"))
    #expect(bytes.count == 10 + headerLength + 24)
    #expect(Array(bytes[(10 + headerLength)..<(14 + headerLength)]) == [0, 0, 0x80, 0x3F])
    let (back, shape) = try NumpyArray.decode(bytes, name: "a.npy")
    #expect(back == values && shape == [2, 3])
    let vector = NumpyArray.encode([5], shape: [1])
    let vectorHeader = String(decoding: vector[10..<(10 + (Int(vector[8]) | Int(vector[9]) << 8))], as: UTF8.self)
    #expect(vectorHeader.contains("'shape': (1,), }"))
    #expect(throws: RecordingError("b.npy is not a NumPy .npy file.")) { try NumpyArray.decode([1, 2, 3], name: "b.npy") }
  }

  /// A version 1.0 `.npy` whose header carries `shapeText`, followed by `dataBytes` zero bytes
  /// (the layout of the fuzzing corpus's regression-shape-*.npy entries).
  private func npy(shape shapeText: String, dataBytes: Int) -> [UInt8] {
    var dict = Array("{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }".utf8)
    dict += [UInt8](repeating: 0x20, count: (64 - (10 + dict.count + 1) % 64) % 64) + [0x0A]
    return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(dict.count & 0xFF), UInt8(dict.count >> 8)] + dict
      + [UInt8](repeating: 0, count: dataBytes)
  }

  @Test(".npy shapes whose product or byte count overflows Int, or exceeds the data, are refused (FuzzNumpy traps)")
  func npyHugeShapes() {
    #expect(throws: RecordingError("a.npy has a shape (4294967296, 4294967296) larger than its 0 data bytes.")) {
      try NumpyArray.decode(npy(shape: "(4294967296, 4294967296)", dataBytes: 0), name: "a.npy")
    }
    #expect(throws: RecordingError("a.npy has a shape (4611686018427387904,) larger than its 8 data bytes.")) {
      try NumpyArray.decode(npy(shape: "(4611686018427387904,)", dataBytes: 8), name: "a.npy")
    }
    #expect(throws: RecordingError("a.npy has a shape (1000000, 1000000) larger than its 16 data bytes.")) {
      try NumpyArray.decode(npy(shape: "(1000000, 1000000)", dataBytes: 16), name: "a.npy")
    }
    #expect(throws: RecordingError("a.npy holds 16 data bytes but its shape needs 12.")) {
      try NumpyArray.decode(npy(shape: "(3,)", dataBytes: 16), name: "a.npy")
    }
    #expect((try? NumpyArray.decode(npy(shape: "(2, 0)", dataBytes: 0), name: "a.npy"))?.shape == [2, 0])
  }
}

@Suite("Checkpoints beside a recording")
struct RecordingCheckpointFlowTests {
  @Test("a checkpoint whose iteration is 2^63−1, or whose tensor is a symlink to /dev/zero, is refused in one sentence")
  func hostileCheckpointsAreRefused() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let run = try recordTinyRun(to: scratch.file("run.hfrec.jsonl"), iterations: 2, checkpointEvery: 1)
    let store = CheckpointStore(recording: run.url)
    let dir = store.url(iteration: 2)
    let statePath = dir.appendingPathComponent("state.json")
    let original = try String(contentsOf: statePath, encoding: .utf8)
    let huge = original.replacingOccurrences(of: "\"iteration\" : 2,", with: "\"iteration\" : 9223372036854775807,")
    #expect(huge != original)
    try huge.write(to: statePath, atomically: true, encoding: .utf8)
    #expect(throws: RecordingError("Checkpoint iter-000002 is damaged: its iteration 9223372036854775807 is outside 0 … 1000000000.")) {
      try store.read(iteration: 2)
    }
    try original.write(to: statePath, atomically: true, encoding: .utf8)
    _ = try store.read(iteration: 2)
    let w1 = dir.appendingPathComponent("W1.npy")
    try FileManager.default.removeItem(at: w1)
    try FileManager.default.createSymbolicLink(atPath: w1.path, withDestinationPath: "/dev/zero")
    #expect(throws: RecordingError("Checkpoint iter-000002 is damaged: W1.npy is not a regular file or cannot be read.")) {
      try store.read(iteration: 2)
    }
  }

  @Test("checkpoint lines point at checkpoints that resume the run exactly where the recording continues")
  func recordedCheckpointsResume() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    let run = try recordTinyRun(to: scratch.file("run.hfrec.jsonl"), iterations: 5, checkpointEvery: 2)
    let timeline = try RecordingReader.open(run.url)
    #expect(timeline.header.checkpointInterval == 2)
    let marks = timeline.markers.filter { $0.kind == .checkpoint }
    #expect(marks.map(\.iteration) == [2, 4, 5])
    #expect(marks.map(\.label) == ["run.checkpoints/iter-000002", "run.checkpoints/iter-000004", "run.checkpoints/iter-000005"])
    #expect(CheckpointStore(recording: run.url).iterations() == [2, 4, 5])
    // Resume from the checkpoint after iteration 2, with the controls recorded after it.
    let checkpoint = try CheckpointStore.read(at: RecordingLocation.resolve(checkpointPath: marks[0].label, recording: run.url))
    #expect(checkpoint.dataFingerprint == timeline.header.dataFingerprint)
    let setup = try TrainingSetup(try timeline.header.runSpec())
    try checkpoint.restore(into: setup.optimizer, layout: setup.parameterLayout)
    var resumed: [IterationReport] = []
    for k in 3...5 {
      for c in timeline.appliedControls where c.iteration == k {
        if case .set(.maxCG, .whole(let n)) = c.control { setup.optimizer.config.cg.maxIterations = n }
      }
      resumed.append(try #require(setup.optimizer.step()))
    }
    #expect(resumed.map(timeless) == run.reports.suffix(3).map(timeless))
  }
}
