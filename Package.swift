// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "hfdash",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "hfdash", targets: ["hfdash"]),
    // For the fuzz harnesses in Tests/Fuzz (a package of their own built with sanitizers).
    .library(name: "HFEngine", targets: ["HFEngine"]),
    .library(name: "HFRecording", targets: ["HFRecording"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
  ],
  targets: [
    .systemLibrary(name: "CBLAS", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(name: "CNCurses", providers: [.apt(["libncursesw5-dev"])]),
    .target(name: "CKernels"),
    .target(name: "HFEngine", dependencies: ["CBLAS", "CZlib", "CKernels"]),
    .target(name: "CAllocCounter"),
    // Open MPI for --distributed, loaded with dlopen at run time (no link-time libmpi).
    .target(name: "CMPILoader"),
    // The recording format: the event model, one encoding, reader, writer, checkpoints, export.
    .target(name: "HFRecording", dependencies: ["HFEngine", .product(name: "Crypto", package: "swift-crypto")]),
    .target(
      name: "HFSession",
      dependencies: ["HFEngine", "HFRecording", .product(name: "DequeModule", package: "swift-collections")]),
    // Cells, canvas, style roles, glyphs and key events: what the renderer and the terminal share.
    .target(name: "HFCanvas"),
    .target(name: "HFDashUI", dependencies: ["HFCanvas", "HFSession", "HFRecording", "HFEngine"]),
    .target(name: "HFTerminal", dependencies: ["HFCanvas", "CNCurses"]),
    .executableTarget(
      name: "hfdash",
      dependencies: [
        "HFTerminal", "HFCanvas", "HFDashUI", "HFSession", "HFRecording", "HFEngine", "CAllocCounter", "CMPILoader", "CBLAS",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(name: "HFEngineTests", dependencies: ["HFEngine", "CZlib", "CBLAS", "CKernels"], exclude: ["Fixtures"]),
    .testTarget(name: "HFRecordingTests", dependencies: ["HFRecording", "HFEngine"]),
    .testTarget(
      name: "HFSessionTests", dependencies: ["HFSession", "HFRecording", "HFEngine", "CZlib"],
      exclude: ["Fixtures"]),
    // Runs the built binary, and parses the commands in process (`@testable import hfdash`).
    .testTarget(name: "HFDashCLITests", dependencies: ["hfdash", "HFRecording", "HFEngine"]),
    .testTarget(
      name: "HFDashUITests", dependencies: ["HFDashUI", "HFCanvas", "HFSession", "HFRecording", "HFEngine"],
      exclude: ["Golden"]),
  ],
  swiftLanguageModes: [.v6]
)
