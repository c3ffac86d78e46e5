import ArgumentParser
import Foundation
import HFDashUI
import HFSession
import HFRecording

/// `hfdash export FILE --format csv|jsonl|asciicast`: a recording as a table or a terminal cast.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export a recording: csv or jsonl (one row per HF iteration), or asciicast (the dashboard replay, for asciinema).")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case csv, jsonl, asciicast
  }

  @Argument(help: "The recording (.hfrec.jsonl, or gzip-compressed .hfrec.jsonl.gz).")
  var file: String
  @Option(help: "csv, jsonl or asciicast.")
  var format: Format
  @Option(help: "Write to this file instead of standard output.")
  var output: String?
  @Option(help: "asciicast: terminal width in columns (60–500).")
  var width: Int = 120
  @Option(help: "asciicast: terminal height in rows (20–200).")
  var height: Int = 40
  @Flag(help: "asciicast: draw with ASCII only.")
  var ascii = false
  @Flag(help: "asciicast: no colours (bold, dim, reverse and underline only).")
  var noColor = false

  func run() throws {
    if format == .asciicast {
      guard (60...500).contains(width) else { fail("--width must be from 60 to 500 columns (got \(width)).", code: 2) }
      guard (20...200).contains(height) else { fail("--height must be from 20 to 200 rows (got \(height)).", code: 2) }
    }
    let (url, timeline) = RecordingInput.open(file)
    let sink = OutputSink.open(output, protecting: url)
    switch format {
    case .csv: sink.write(RecordingExporter.csv(timeline))
    case .jsonl: sink.write(RecordingExporter.jsonl(timeline))
    case .asciicast:
      let export = AsciicastExport(
        timeline: timeline, name: url.lastPathComponent, width: width, height: height,
        color: !noColor, glyphs: ascii ? .ascii : .unicode)
      export.write { sink.write($0) }
    }
    sink.close()
  }
}

/// Standard output or a file, written in buffered chunks; errors are one sentence.
final class OutputSink {
  private let handle: FileHandle
  private let path: String?
  private var buffer: [UInt8] = []

  private init(handle: FileHandle, path: String?) {
    self.handle = handle
    self.path = path
  }

  /// Standard output for nil, else a new or truncated file at `path` (never the recording itself).
  static func open(_ path: String?, protecting input: URL) -> OutputSink {
    guard let path else { return OutputSink(handle: .standardOutput, path: nil) }
    let url = RecordingInput.url(path)
    if url.standardizedFileURL.resolvingSymlinksInPath().path == input.standardizedFileURL.resolvingSymlinksInPath().path {
      fail("--output \(path) is the recording itself; choose another file.")
    }
    guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = FileHandle(forWritingAtPath: url.path) else {
      fail("cannot write \(url.path) (\(String(cString: strerror(errno)))).")
    }
    return OutputSink(handle: handle, path: url.path)
  }

  func write(_ text: String) {
    buffer += text.utf8
    if buffer.count >= 1 << 16 { flush() }
  }

  func flush() {
    guard !buffer.isEmpty else { return }
    do { try handle.write(contentsOf: buffer) } catch {
      fail("cannot write \(path ?? "standard output") (\(error.localizedDescription)).")
    }
    buffer.removeAll(keepingCapacity: true)
  }

  func close() {
    flush()
    if path != nil { try? handle.close() }
  }
}
