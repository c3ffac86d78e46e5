import ArgumentParser
import Foundation
import HFSession

/// `hfdash attach [ID]`: the full dashboard on a live session (its history, then live); `d` detaches.
struct AttachCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "attach", abstract: "Open the dashboard on a live session (default: the most recent); d detaches, q asks.",
    discussion: """
      The dashboard catches up from the session's history, then follows it live; every control you send \
      goes through the session's control path and is recorded with this viewer's name. Several dashboards \
      may attach at once. From another machine: ssh -t HOST hfdash attach, or forward the socket with \
      ssh -L and use --socket (see docs/ATTACH.md).
      """)

  @Argument(help: "The session's id (hfdash sessions lists them), a unique prefix of it, or its pid.")
  var id: String?
  @Option(help: "Attach to the session listening at this socket (e.g. one forwarded with ssh -L).")
  var socket: String?
  @OptionGroup var display: DisplayOptions
  @OptionGroup var comparison: ComparisonOptions

  func run() throws {
    let path: String
    if let socket {
      if id != nil { fail("give a session id or --socket, not both.", code: 2) }
      path = socket
    } else {
      path = LiveSessions.resolve(id, in: LiveSessions.directory()).socket
    }
    let client: SessionClient
    do {
      client = try SessionClient.connect(path: path, join: ViewerJoin(name: LiveSessions.viewerName, mode: .watch))
    } catch {
      fail("cannot attach: \(error.description).")
    }
    RemoteDashboard.run(client: client, display: display, comparison: comparison, sessionPid: nil)
  }
}

/// `hfdash stop ID`: ends a live session cleanly (its run stops, the end line and a checkpoint are written).
struct StopCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stop", abstract: "Stop a live session: its run ends with an end line and a final checkpoint.")

  @Argument(help: "The session's id, a unique prefix of it, or its pid.")
  var id: String
  @Option(parsing: .unconditional, help: "Seconds to wait for the session to finish its checkpoint and exit.")
  var timeout: Double = 120

  func run() throws {
    guard timeout > 0 && timeout <= 86_400 else { fail("--timeout must be between 0 and 86400 seconds (got \(timeout)).", code: 2) }
    let directory = LiveSessions.directory()
    let entry = LiveSessions.resolve(id, in: directory)
    do {
      let client = try SessionClient.connect(path: entry.socket, join: ViewerJoin(name: LiveSessions.viewerName, mode: .stop))
      client.close()
    } catch {
      fail("cannot stop session \(entry.id): \(error.description).")
    }
    // The session removes its description once the run stopped, the checkpoint is written and
    // the recording closed.
    let deadline = Date(timeIntervalSinceNow: timeout)
    while FileManager.default.fileExists(atPath: directory.infoPath(entry.id)) {
      guard Date() < deadline else { fail("session \(entry.id) has not ended after \(Int(timeout)) s (pid \(entry.hello.pid)).") }
      usleep(100_000)
    }
    let recording = entry.hello.recording.map { "; recorded in \($0)" } ?? ""
    writeLine("hfdash: session \(entry.id) stopped\(recording)")
  }
}
