// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "hfdash",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "hfdash", targets: ["hfdash"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
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
    .target(name: "HFSession", dependencies: ["HFEngine"]),
    .target(name: "HFDashUI", dependencies: ["HFSession"]),
    .target(name: "HFTerminal", dependencies: ["HFDashUI", "CNCurses"]),
    .executableTarget(
      name: "hfdash",
      dependencies: [
        "HFTerminal", "HFDashUI", "HFSession", "HFEngine", "CAllocCounter", "CMPILoader",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(name: "HFEngineTests", dependencies: ["HFEngine", "CKernels"], exclude: ["Fixtures"]),
    .testTarget(name: "HFSessionTests", dependencies: ["HFSession"]),
    .testTarget(name: "HFDashCLITests", dependencies: ["HFEngine"]),
    .testTarget(
      name: "HFDashUITests", dependencies: ["HFDashUI"],
      exclude: ["Golden"]),
  ],
  swiftLanguageModes: [.v6]
)
