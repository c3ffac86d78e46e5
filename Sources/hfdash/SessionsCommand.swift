import ArgumentParser
import Foundation
import HFSession
import HFRecording

/// `hfdash sessions`: the recorded sessions, newest first, read from headers and tails only.
struct SessionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sessions", abstract: "List recorded sessions, newest first (date, preset, iterations, final objective, finish, path).")

  @Option(help: "The recordings directory (default: $XDG_STATE_HOME/hfdash/sessions).")
  var dir: String?

  func run() throws {
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
    writeLine(SessionTable.render(summaries))
  }
}

/// The aligned table `hfdash sessions` prints.
enum SessionTable {
  static let headings = ["DATE", "PRESET", "ITERATIONS", "OBJECTIVE", "FINISH", "PATH"]
  /// Columns aligned right (numbers).
  static let rightAligned: Set<Int> = [2, 3]

  /// One row per summary under a heading row, columns two spaces apart (no trailing spaces).
  static func render(_ summaries: [RecordingSummary]) -> String {
    let rows = [headings] + summaries.map(row)
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
