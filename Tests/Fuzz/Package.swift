// swift-tools-version:6.0
// libFuzzer harnesses for every reader of outside bytes. Build and run with `make fuzz` (see the
// Makefile); each harness is an executable whose main comes from libFuzzer (`--sanitize=fuzzer`).
import PackageDescription

let package = Package(
  name: "HFDashFuzz",
  dependencies: [.package(name: "hfdash", path: "../..")],
  targets: [
    .executableTarget(name: "FuzzIDX", dependencies: [.product(name: "HFEngine", package: "hfdash")]),
    .executableTarget(name: "FuzzCSV", dependencies: [.product(name: "HFEngine", package: "hfdash")]),
    .executableTarget(name: "FuzzNumpy", dependencies: [.product(name: "HFRecording", package: "hfdash")]),
    .executableTarget(name: "FuzzRecording", dependencies: [.product(name: "HFRecording", package: "hfdash")]),
  ],
  swiftLanguageModes: [.v6]
)
