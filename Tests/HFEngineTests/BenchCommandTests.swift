import Foundation
import Testing
import HFEngine

/// Runs the built `hfdash bench --quick --json` (HFDASH_BIN, else .build/release/hfdash under the
/// package root) and checks that every field is present with a finite value. No timing thresholds:
/// the figures themselves belong in docs/BENCHMARKS.md.
@Suite("hfdash bench")
struct BenchCommandTests {
  static var binary: String {
    if let path = ProcessInfo.processInfo.environment["HFDASH_BIN"], !path.isEmpty { return path }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return root.appendingPathComponent(".build/release/hfdash").path
  }

  /// Runs the binary and returns (status, stdout, stderr).
  static func run(_ arguments: [String]) throws -> (Int32, Data, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("hfdash-bench-\(UUID().uuidString).json")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    let handle = try FileHandle(forWritingTo: out)
    let err = Pipe()
    process.standardOutput = handle
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let errData = DescriptorReader.readToEnd(err.fileHandleForReading)
    process.waitUntilExit()
    try handle.close()
    let data = try Data(contentsOf: out)
    try? FileManager.default.removeItem(at: out)
    return (process.terminationStatus, data, String(decoding: errData, as: UTF8.self))
  }

  static let objectKeys: [String: Set<String>] = [
    "report": ["machine", "settings", "suites"],
    "machine": [
      "cpuModel", "cores", "blasLibrary", "blasCore", "blasConfig", "blasThreads", "engineThreads",
      "openblasCoretype", "commit", "date",
    ],
    "settings": ["preset", "data", "batches", "repetitions", "threads", "quick"],
    "suite": ["name", "limit", "operations", "coreScaling", "cgIteration", "hfIteration", "memory", "growth", "spectrum"],
    "limit": ["kind", "m", "n", "k", "threads", "gflops", "gflopsOneCore"],
    "operation": [
      "name", "batch", "threads", "medianSeconds", "samples", "gemmFlops", "usefulGFLOPS", "limitGFLOPS",
      "fractionOfLimit",
    ],
    "coreScaling": ["name", "batch", "threads", "secondsOneCore", "secondsAllCores", "speedup"],
    "cgIteration": [
      "batch", "threads", "medianSeconds", "iterationsMeasured", "allocationsPerIteration",
      "allocationsPerIterationInHF", "netBytesPerIteration",
    ],
    "hfIteration": [
      "iterationsMeasured", "curvatureBatch", "gradientCases", "threads", "medianSeconds", "cgIterations", "phases",
      "gemmSeconds", "gemmSecondsAtLimit", "usefulGFLOPS", "outsideGEMMShare",
    ],
    "phases": ["gradient", "cg", "backtracking", "lineSearch", "evaluation", "total"],
    "memory": [
      "peakResidentBytes", "baselineResidentBytes", "needBytes", "dataBytes", "parameterBytes", "cgVectorBytes",
      "cgVectors", "activationBytes", "ratio", "ratioAboveBaseline",
    ],
    "spectrum": ["steps", "spectrumSeconds", "rangeSeconds", "runningSecondsAtCap", "capSteps", "gvSeconds"],
    "growth": [
      "series", "batch", "widthFactor", "parameters", "gvSeconds", "gvGFLOPS", "hfIterationSeconds", "cgIterations",
    ],
  ]

  /// Every number in `value` (recursively), with its path.
  static func numbers(_ value: Any, path: String) -> [(String, Double)] {
    switch value {
    case let d as [String: Any]: return d.flatMap { numbers($0.value, path: path + "." + $0.key) }
    case let a as [Any]: return a.enumerated().flatMap { numbers($0.element, path: path + "[\($0.offset)]") }
    case let n as NSNumber: return [(path, n.doubleValue)]
    default: return []
    }
  }

  /// Every string in `value` (recursively), with its path.
  static func strings(_ value: Any, path: String) -> [(String, String)] {
    switch value {
    case let d as [String: Any]: return d.flatMap { strings($0.value, path: path + "." + $0.key) }
    case let a as [Any]: return a.enumerated().flatMap { strings($0.element, path: path + "[\($0.offset)]") }
    case let s as String: return [(path, s)]
    default: return []
    }
  }

  static func expectKeys(_ object: Any?, _ kind: String) throws -> [String: Any] {
    let d = try #require(object as? [String: Any], "\(kind) is not an object")
    let missing = objectKeys[kind]!.subtracting(d.keys)
    #expect(missing.isEmpty, "\(kind) lacks \(missing.sorted())")
    return d
  }

  @Test("bench --quick --json emits every field with finite values")
  func quickJSON() throws {
    let (status, data, stderr) = try Self.run(["bench", "--quick", "--json", "--threads", "2"])
    #expect(status == 0, "\(stderr)")
    let root = try JSONSerialization.jsonObject(with: data)
    let report = try Self.expectKeys(root, "report")
    let machine = try Self.expectKeys(report["machine"], "machine")
    #expect((machine["cpuModel"] as? String).map { !$0.isEmpty } == true)
    #expect((machine["blasCore"] as? String).map { !$0.isEmpty && $0 != "unknown" } == true)
    _ = try Self.expectKeys(report["settings"], "settings")
    let suites = try #require(report["suites"] as? [Any])
    #expect(suites.count >= 1)
    for s in suites {
      let suite = try Self.expectKeys(s, "suite")
      for (key, kind) in [("limit", "limit"), ("operations", "operation"), ("coreScaling", "coreScaling"), ("growth", "growth")] {
        let rows = try #require(suite[key] as? [Any], "\(key) is not a list")
        #expect(!rows.isEmpty, "\(key) is empty")
        for row in rows { _ = try Self.expectKeys(row, kind) }
      }
      let operations = (suite["operations"] as? [[String: Any]]) ?? []
      for name in ["forward", "gradient", "Gauss-Newton product", "Hessian product"] {
        #expect(operations.contains { $0["name"] as? String == name }, "no \(name) row")
      }
      let series = Set(((suite["growth"] as? [[String: Any]]) ?? []).compactMap { $0["series"] as? String })
      #expect(series == ["batch", "width"])
      _ = try Self.expectKeys(suite["cgIteration"], "cgIteration")
      let hf = try Self.expectKeys(suite["hfIteration"], "hfIteration")
      _ = try Self.expectKeys(hf["phases"], "phases")
      _ = try Self.expectKeys(suite["memory"], "memory")
      let spectrum = try Self.expectKeys(suite["spectrum"], "spectrum")
      let steps = try #require(spectrum["steps"] as? [Int])
      #expect(steps.count >= 2 && steps.last == 50 && (spectrum["spectrumSeconds"] as? [Double])?.count == steps.count)
    }
    let numbers = Self.numbers(root, path: "$")
    #expect(numbers.count > 50)
    for (path, value) in numbers { #expect(value.isFinite, "\(path) = \(value)") }
    for (path, text) in Self.strings(root, path: "$") {
      #expect(!["NaN", "Infinity", "-Infinity"].contains(text), "\(path) = \(text)")
    }
  }

  @Test("bench rejects a bad option with one sentence and a non-zero exit")
  func badOption() throws {
    let (status, _, stderr) = try Self.run(["bench", "--repetitions", "0"])
    #expect(status != 0)
    #expect(stderr.hasPrefix("hfdash: ") && stderr.split(separator: "\n").count == 1, "\(stderr)")
  }
}
