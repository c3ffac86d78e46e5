/// What `--detach` prints: the session's id and how to reach it.
enum SessionAnnouncement {
  static func print(_ launched: SessionLauncher.Launched) {
    let info = launched.ready.info
    var lines = [
      "hfdash: session \(info.id) is running in the background (pid \(launched.pid)).",
      "  watch it:   hfdash attach \(info.id)",
      "  stop it:    hfdash stop \(info.id)",
    ]
    if let recording = info.recording { lines.append("  recording:  \(recording)") }
    if let log = info.log { lines.append("  output:     \(log)") }
    writeLine(lines.joined(separator: "\n"))
  }
}
