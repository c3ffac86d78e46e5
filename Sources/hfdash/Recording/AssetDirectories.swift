import Foundation

/// Where the files shipped in the repository's `assets/` may be found at run time: a folder named
/// by an environment variable, the checkout this binary was built in (beside `.build`), the
/// checkout this source file was compiled from, and `share/hfdash/…` beside an installed binary.
enum AssetDirectories {
  /// The candidate folders for `assets/<subdirectory>`, in the order they are tried; `variable`
  /// names the environment variable that points at the folder itself.
  static func candidates(
    _ subdirectory: String, variable: String, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> [URL] {
    var dirs: [URL] = []
    if let env = environment[variable], !env.isEmpty { dirs.append(URL(fileURLWithPath: env)) }
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    // .build/release/hfdash or .build/<triple>/release/hfdash in a checkout.
    for up in 2...3 {
      var root = exe
      for _ in 0..<up { root.deleteLastPathComponent() }
      dirs.append(root.appendingPathComponent("assets/" + subdirectory))
    }
    // This file is Sources/hfdash/Recording/AssetDirectories.swift of the checkout it was built from.
    var source = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { source.deleteLastPathComponent() }
    dirs.append(source.appendingPathComponent("assets/" + subdirectory))
    dirs.append(exe.deletingLastPathComponent().appendingPathComponent("share/hfdash/" + subdirectory))
    return dirs
  }
}
