import Foundation
import HFEngine

/// Runs the built `hfdash` binary (HFDASH_BIN, else .build/release/hfdash) and captures its output.
enum CLIRunner {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  static var binary: String {
    if let path = ProcessInfo.processInfo.environment["HFDASH_BIN"], !path.isEmpty { return path }
    return packageRoot.appendingPathComponent(".build/release/hfdash").path
  }

  /// Runs hfdash with `arguments`, extra environment, and a time limit.
  static func run(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 120) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    // Recordings go to a scratch state directory unless a test says otherwise.
    env["XDG_STATE_HOME"] = stateHome.path
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outData = ReadAll(out.fileHandleForReading), errData = ReadAll(err.fileHandleForReading)
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData.wait(), as: UTF8.self),
      stderr: String(decoding: errData.wait(), as: UTF8.self))
  }

  /// The XDG state directory every run of this test process records into.
  static let stateHome: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hfdash-cli-state-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  /// A fresh temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hfdash-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// Reads a pipe to its end on a background thread (so a chatty child never blocks on a full pipe).
final class ReadAll: @unchecked Sendable {
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)
  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      data = DescriptorReader.readToEnd(handle)
      done.signal()
    }
  }
  func wait() -> Data {
    done.wait()
    return data
  }
}
