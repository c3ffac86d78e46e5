import Foundation
import HFSession

#if canImport(Glibc)
  import Glibc
#endif

/// The live sessions of this user, found in the session directory and asked for their status;
/// sockets left by killed sessions are removed on the way, with a message.
enum LiveSessions {
  struct Entry {
    var id: String
    var info: LiveSessionInfo?
    var hello: SessionHello
    var socket: String
  }

  /// The session directory, or exit with one sentence.
  static func directory() -> SessionDirectory {
    do { return try SessionDirectory.locate() } catch { fail(error.description) }
  }

  /// Every live session, newest first.
  static func list(in directory: SessionDirectory) -> [Entry] {
    var entries: [Entry] = []
    for id in directory.ids() {
      switch directory.probe(id, name: viewerName + " (status)") {
      case .live(let hello):
        entries.append(Entry(id: id, info: directory.info(id), hello: hello, socket: directory.socketPath(id)))
      case .stale:
        directory.remove(id)
        let pid = directory.info(id).map { " (pid \($0.pid))" } ?? ""
        FileHandle.standardError.write(
          Data("hfdash: removed the stale socket of session \(id)\(pid): its process is gone.\n".utf8))
      case .unreachable(let why):
        RecordingInput.warn("session \(id) does not answer: \(why).")
      }
    }
    return entries.sorted { ($0.info?.started ?? "", $0.hello.pid) > ($1.info?.started ?? "", $1.hello.pid) }
  }

  /// The session `id` names (exactly, by a unique prefix, or by its pid); without an id the most
  /// recent live session. Exits with one sentence when there is none or the id is ambiguous.
  static func resolve(_ id: String?, in directory: SessionDirectory) -> Entry {
    let all = list(in: directory)
    guard let id else {
      guard let newest = all.first else {
        fail("no live session to attach to in \(directory.url.path) (start one with hfdash run or hfdash train --detach).")
      }
      return newest
    }
    if let exact = all.first(where: { $0.id == id }) { return exact }
    if let pid = Int32(id), let byPid = all.first(where: { $0.hello.pid == pid }) { return byPid }
    let prefixed = all.filter { $0.id.hasPrefix(id) }
    if prefixed.count == 1 { return prefixed[0] }
    if prefixed.count > 1 {
      fail("'\(id)' matches several live sessions (\(prefixed.map(\.id).joined(separator: ", "))); give the whole id.", code: 2)
    }
    let known = all.isEmpty ? "there are none" : "live: " + all.map(\.id).joined(separator: ", ")
    fail("no live session '\(id)' (\(known); hfdash sessions lists them).", code: 2)
  }

  /// How this viewer signs its controls: "alice@host pts/3".
  static var viewerName: String {
    let user = getpwuid(geteuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "uid \(geteuid())"
    let hostname = ProcessInfo.processInfo.hostName
    let tty = ttyname(0).map { String(cString: $0) }.map { $0.hasPrefix("/dev/") ? String($0.dropFirst(5)) : $0 } ?? "no tty"
    return "\(user)@\(hostname) \(tty)"
  }
}
