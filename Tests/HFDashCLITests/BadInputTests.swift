import Foundation
import Testing

/// Every bad input gets one clear sentence on stderr and a non-zero exit, never a trap.
@Suite("hfdash train: bad input")
struct BadInputTests {
  static func expectFailure(_ args: [String], contains fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let r = try CLIRunner.run(["train", "--iterations", "1"] + args)
    #expect(r.status != 0, "exit status for \(args)", sourceLocation: sourceLocation)
    #expect(r.status < 128, "killed by a signal (a trap?) for \(args): \(r.stderr)", sourceLocation: sourceLocation)
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.count == 1, "expected one line, got: \(r.stderr)", sourceLocation: sourceLocation)
    for f in fragments { #expect(r.stderr.contains(f), "'\(f)' not in: \(r.stderr)", sourceLocation: sourceLocation) }
    #expect(r.stdout.isEmpty, "stdout: \(r.stdout)", sourceLocation: sourceLocation)
  }

  static func write(_ bytes: [UInt8], to url: URL) throws { try Data(bytes).write(to: url) }

  /// A big-endian IDX header.
  static func idx(magic: UInt32, dims: [UInt32], payload: Int) -> [UInt8] {
    var b: [UInt8] = []
    for v in [magic] + dims { b += [UInt8(v >> 24), UInt8((v >> 16) & 255), UInt8((v >> 8) & 255), UInt8(v & 255)] }
    return b + [UInt8](repeating: 7, count: payload)
  }

  static func fakeMNIST(_ dir: URL, imageMagic: UInt32 = 2051, truncate: Bool = false) throws {
    let n: UInt32 = 4
    try write(idx(magic: imageMagic, dims: [n, 28, 28], payload: truncate ? 100 : Int(n) * 784), to: dir.appendingPathComponent("train-images-idx3-ubyte"))
    try write(idx(magic: 2049, dims: [n], payload: Int(n)).map { $0 == 7 ? 1 : $0 }, to: dir.appendingPathComponent("train-labels-idx1-ubyte"))
    try write(idx(magic: 2051, dims: [n, 28, 28], payload: Int(n) * 784), to: dir.appendingPathComponent("t10k-images-idx3-ubyte"))
    try write(idx(magic: 2049, dims: [n], payload: Int(n)).map { $0 == 7 ? 1 : $0 }, to: dir.appendingPathComponent("t10k-labels-idx1-ubyte"))
  }

  @Test("a missing MNIST directory")
  func missingDirectory() throws {
    try Self.expectFailure(["--preset", "mnist-autoencoder", "--data", "mnist:/nonexistent/mnist"], contains: ["/nonexistent/mnist"])
  }

  @Test("an MNIST preset without --data says how to give it")
  func presetNeedsData() throws {
    try Self.expectFailure(["--preset", "mnist-autoencoder"], contains: ["--data mnist:DIR"])
  }

  @Test("a wrong IDX magic number names the file and both numbers")
  func wrongMagic() throws {
    let dir = try CLIRunner.temporaryDirectory()
    try Self.fakeMNIST(dir, imageMagic: 2049)
    try Self.expectFailure(["--preset", "mnist-autoencoder", "--data", "mnist:\(dir.path)"], contains: ["train-images-idx3-ubyte", "2049", "2051"])
  }

  @Test("a truncated IDX file")
  func truncatedIDX() throws {
    let dir = try CLIRunner.temporaryDirectory()
    try Self.fakeMNIST(dir, truncate: true)
    try Self.expectFailure(["--preset", "mnist-autoencoder", "--data", "mnist:\(dir.path)"], contains: ["truncated"])
  }

  @Test("data whose width does not fit the preset")
  func widthMismatch() throws {
    let dir = try CLIRunner.temporaryDirectory()
    try Self.fakeMNIST(dir)
    try Self.expectFailure(["--preset", "tiny", "--data", "mnist:\(dir.path)"], contains: ["784", "64"])
  }

  @Test("a ragged CSV names the line")
  func raggedCSV() throws {
    let file = try CLIRunner.temporaryDirectory().appendingPathComponent("data.csv")
    try "1,2,3\n4,5,6\n7,8\n".write(to: file, atomically: true, encoding: .utf8)
    try Self.expectFailure(["--preset", "tiny", "--data", "csv:\(file.path)"], contains: ["data.csv", "line 3"])
  }

  @Test("a non-numeric CSV field names the line and column")
  func nonNumericCSV() throws {
    let file = try CLIRunner.temporaryDirectory().appendingPathComponent("data.csv")
    try "a,b,c\n1,2,3\n4,x,6\n".write(to: file, atomically: true, encoding: .utf8)
    try Self.expectFailure(["--preset", "tiny", "--data", "csv:\(file.path)"], contains: ["line 3", "column 2", "'x'"])
  }

  @Test("NaN or Inf in the data")
  func nonFiniteCSV() throws {
    let file = try CLIRunner.temporaryDirectory().appendingPathComponent("data.csv")
    try "1,2,3\n4,nan,6\n".write(to: file, atomically: true, encoding: .utf8)
    try Self.expectFailure(["--preset", "tiny", "--data", "csv:\(file.path)"], contains: ["not finite"])
  }

  @Test("an unreadable path")
  func missingCSV() throws {
    try Self.expectFailure(["--preset", "tiny", "--data", "csv:/nonexistent/data.csv"], contains: ["/nonexistent/data.csv"])
  }

  @Test("impossible settings: λ < 0, batch 0, unknown preset, unknown data source")
  func impossibleSettings() throws {
    try Self.expectFailure(["--preset", "tiny", "--lambda", "-1"], contains: ["--lambda must be ≥ 0 (got -1)."])
    try Self.expectFailure(["--preset", "tiny", "--curvature-batch", "0"], contains: ["batch"])
    try Self.expectFailure(["--preset", "tiny", "--max-cg", "0"], contains: ["--max-cg must be from 1 to 10000 (got 0)."])
    try Self.expectFailure(["--preset", "nope"], contains: ["nope", "curves"])
    try Self.expectFailure(["--preset", "tiny", "--data", "ftp:x"], contains: ["ftp:x"])
  }
}

@Suite("hfdash: usage errors")
struct UsageErrorTests {
  @Test("a malformed flag value is one sentence and exit 2")
  func malformedValue() throws {
    let r = try CLIRunner.run(["train", "--iterations", "abc"])
    #expect(r.status == 2)
    #expect(r.stderr.split(separator: "\n").count == 1)
    #expect(r.stderr.contains("abc") && r.stderr.contains("--help"))
  }

  @Test("an unknown flag is one sentence and exit 2")
  func unknownFlag() throws {
    let r = try CLIRunner.run(["train", "--frobnicate"])
    #expect(r.status == 2)
    #expect(r.stderr.split(separator: "\n").count == 1)
    #expect(r.stderr.contains("frobnicate"))
  }

  @Test("--help documents every hyperparameter flag")
  func help() throws {
    let r = try CLIRunner.run(["train", "--help"])
    #expect(r.status == 0)
    for flag in ["--preset", "--data", "--seed", "--iterations", "--lambda", "--freeze-lambda", "--max-cg", "--curvature",
                 "--chunks", "--curvature-batch", "--gradient-batch", "--no-preconditioner", "--no-backtracking",
                 "--no-line-search", "--weight-cost", "--warm-start-decay", "--rho-model", "--threads", "--json"] {
      #expect(r.stdout.contains(flag), "missing \(flag)")
    }
  }
}
