import ArgumentParser
import Foundation
import HFEngine

/// The `hfdash` command: the dashboard by default, plus headless and tooling subcommands.
@main
struct HFDashCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hfdash",
    abstract: "Hessian-free optimization (Martens 2010) with a live terminal dashboard.",
    version: HFDashVersion.string,
    subcommands: [TrainCommand.self, BenchCommand.self],
    defaultSubcommand: TrainCommand.self)
}

/// The tool's version, written into headers and recordings.
enum HFDashVersion {
  static let string = "0.1.0"
}

/// Prints one clear sentence on stderr and exits non-zero.
func fail(_ message: String, code: Int32 = 1) -> Never {
  FileHandle.standardError.write(Data(("hfdash: " + message + "\n").utf8))
  exit(code)
}
