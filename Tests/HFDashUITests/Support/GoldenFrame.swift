import Foundation
import HFDashUI
import Testing
import HFCanvas

/// Compares a canvas with a golden text frame in `Golden/<name>.txt`; `RECORD_GOLDEN=1` re-records (and fails).
///
/// The file holds the text rows framed by `|`, then a `--- roles ---` line and one letter per cell for the
/// style role (blank for blank normal cells, upper case when reversed; see `GoldenFrame.letter`).
enum GoldenFrame {
  /// The golden folder next to this test target's sources.
  static func directory(filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Golden")
  }

  /// One letter per style role.
  /// Reversed cells use the upper-case letter (`#` for a reversed normal cell).
  static func letter(_ cell: Cell) -> Character {
    if cell.reverse {
      return cell.role == .normal ? "#" : Character(letter(Cell(cell.scalar, role: cell.role)).uppercased())
    }
    if cell.role == .normal { return cell.scalar == " " ? " " : "." }
    switch cell.role {
    case .normal: return "."
    case .title: return "t"
    case .axis: return "a"
    case .muted: return "m"
    case .good: return "g"
    case .warn: return "w"
    case .bad: return "b"
    case .accent: return "c"
    case .selection: return "s"
    case .series1: return "1"
    case .series2: return "2"
    case .series3: return "3"
    case .series4: return "4"
    case .series5: return "5"
    case .series6: return "6"
    case .badge: return "e"
    case .keyHint: return "k"
    case .ghost: return "o"
    }
  }

  /// The golden-file text for a canvas.
  static func render(_ canvas: Canvas, roles: Bool = true) -> String {
    var out = canvas.textLines.map { "|" + $0 + "|" }
    if roles {
      out.append("--- roles ---")
      for y in 0..<canvas.height {
        out.append("|" + String((0..<canvas.width).map { letter(canvas[$0, y]) }) + "|")
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// Asserts that `canvas` matches `Golden/<name>.txt`, or records it when `RECORD_GOLDEN=1`.
  static func assert(
    _ canvas: Canvas, named name: String, roles: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = directory().appendingPathComponent(name + ".txt")
    let actual = render(canvas, roles: roles)
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
      do {
        try FileManager.default.createDirectory(at: directory(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
          Comment(rawValue: "recorded \(name).txt, re-run without RECORD_GOLDEN"), sourceLocation: sourceLocation)
      } catch {
        Issue.record(Comment(rawValue: "could not record \(url.path): \(error)"), sourceLocation: sourceLocation)
      }
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        Comment(rawValue: "missing golden frame \(name).txt; record it with RECORD_GOLDEN=1"),
        sourceLocation: sourceLocation)
      return
    }
    #expect(actual == expected, "golden frame \(name) differs:\n\(actual)", sourceLocation: sourceLocation)
  }
}
