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
    subcommands: [
      RunCommand.self, TrainCommand.self, ReplayCommand.self, VerifyCommand.self, ExportCommand.self, SessionsCommand.self,
      BenchCommand.self, SpectrumCommand.self, AttachCommand.self, StopCommand.self,
    ],
    defaultSubcommand: RunCommand.self)

  /// Parses and runs; a usage error is one sentence on stderr (plus a pointer to --help), exit 2.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as DataError {
      fail(error.message)  // a run that cannot start or failed: one sentence, exit 1
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        // --help / --version.
        FileHandle.standardOutput.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(0)
      }
      // One line: a list of valid values swift-argument-parser puts on lines of their own joins the first.
      let lines = message(for: error).split(separator: "\n").map(String.init)
      let values = lines.dropFirst().filter { $0.hasPrefix("  - ") }.map { $0.dropFirst(4) }
      let message = (lines.first ?? "\(error)") + (values.isEmpty ? "" : " " + values.joined(separator: ", ") + ".")
      let sentence = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
      fail(sentence + " (see hfdash --help)", code: code.rawValue == 0 ? 2 : (code == .validationFailure ? 2 : code.rawValue))
    }
  }
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
