import ArgumentParser
import Foundation
import HFSession
import HFRecording

/// `hfdash sessions`: the recorded sessions, newest first, read from headers and tails only.
struct SessionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sessions",
    abstract: "List live sessions (state, iteration, viewers) and recorded sessions, newest first (date, preset, iterations, final objective, finish, path).")

  @Option(help: "The recordings directory (default: $XDG_STATE_HOME/hfdash/sessions).")
  var dir: String?

  func run() throws {
    // Live sessions (not with --dir, which lists one folder of recordings).
    let live = dir == nil ? (try? SessionDirectory.locate()).map { LiveSessions.list(in: $0) } ?? [] : []
    if !live.isEmpty {
      writeLine(LiveSessionTable.render(live))
      writeLine("")
    }
    let directory: URL
    if let dir {
      directory = RecordingInput.url(dir)
    } else {
      do { directory = try RecordingLocation.directory() } catch { fail(error.message) }
    }
    let summaries: [RecordingSummary]
    do { summaries = try RecordingIndex.list(directory: directory) } catch { fail(error.message) }
    guard !summaries.isEmpty else {
      writeLine("no recorded sessions in \(directory.path)")
      return
    }
    // A recording still being written by a live session says so instead of "unfinished".
    var liveByPath: [String: String] = [:]
    for entry in live { if let path = entry.hello.recording { liveByPath[path] = "live: " + entry.id } }
    writeLine(SessionTable.render(summaries, live: liveByPath))
  }
}

/// The aligned table `hfdash sessions` prints.
enum SessionTable {
  static let headings = ["DATE", "PRESET", "ITERATIONS", "OBJECTIVE", "FINISH", "PATH"]
  /// Columns aligned right (numbers).
  static let rightAligned: Set<Int> = [2, 3]

  /// One row per summary under a heading row, columns two spaces apart (no trailing spaces).
  static func render(_ summaries: [RecordingSummary], live: [String: String] = [:]) -> String {
    let rows = [headings] + summaries.map { s in
      var cells = row(s)
      if let mark = live[s.url.path] { cells[4] = mark }
      return cells
    }
    let widths = headings.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
    return rows.map { cells in
      cells.indices.map { c -> String in
        let pad = String(repeating: " ", count: widths[c] - cells[c].count)
        if c == cells.count - 1 { return cells[c] }
        return rightAligned.contains(c) ? pad + cells[c] : cells[c] + pad
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }

  static func row(_ s: RecordingSummary) -> [String] {
    guard s.header != nil else {
      return ["?", "?", "", "", "unreadable: " + (s.problem ?? "not a recording"), s.url.path]
    }
    let finish = s.finish?.reason.rawValue ?? "unfinished"
    return [
      s.created.map(dateText) ?? "?", s.preset ?? "?", s.iterations.map(String.init) ?? "0",
      s.finalObjective.map { fmt($0, 6) } ?? "–", finish, s.url.path,
    ]
  }

  /// Local date and time to the second.
  static func dateText(_ date: Date) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.dateFormat = "yyyy-MM-dd HH:mm:ss"
    return f.string(from: date)
  }
}

/// The table of live sessions `hfdash sessions` prints first.
enum LiveSessionTable {
  static let headings = ["LIVE", "STATE", "ITERATION", "VIEWERS", "PRESET", "PID", "RECORDING"]

  static func render(_ entries: [LiveSessions.Entry]) -> String {
    let rows =
      [headings]
      + entries.map { e in
        let s = e.hello.status
        let viewers = s.viewers.isEmpty ? "none" : s.viewers.joined(separator: "; ")
        return [e.id, s.state, String(s.iteration), viewers, s.preset, String(e.hello.pid), e.hello.recording ?? "not recorded"]
      }
    let widths = headings.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
    return rows.map { cells in
      cells.indices.map { c -> String in
        if c == cells.count - 1 { return cells[c] }
        let pad = String(repeating: " ", count: widths[c] - cells[c].count)
        return c == 2 || c == 5 ? pad + cells[c] : cells[c] + pad
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }
}
