/// A recording or checkpoint that cannot be used, described in one sentence for the command line.
public struct RecordingError: Error, CustomStringConvertible, Equatable, Sendable {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
