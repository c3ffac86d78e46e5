/// The first frame a viewer sends (`J`).
public struct ViewerJoin: Codable, Sendable, Equatable {
  /// What the viewer wants from the connection.
  public enum Mode: String, Codable, Sendable {
    /// The session's history, then its live events; controls may follow.
    case watch
    /// The greeting only (its status), then the session closes the connection (`hfdash sessions`).
    case status
    /// Stop the run and end the session, then close (`hfdash stop`).
    case stop
  }

  /// `WireProtocol.version` of the viewer.
  public var protocolVersion: Int
  /// Who is watching, for the audit trail and `hfdash sessions` ("alice on pts/3").
  public var name: String
  public var mode: Mode

  public init(name: String, mode: Mode, protocolVersion: Int = WireProtocol.version) {
    self.protocolVersion = protocolVersion
    self.name = name
    self.mode = mode
  }
}

/// The session's greeting (`H`), its first frame on every accepted connection.
public struct SessionHello: Codable, Sendable, Equatable {
  public var protocolVersion: Int
  /// The recording format of the event lines that follow.
  public var recordingFormat: Int
  /// The session's id (`hfdash attach ID`).
  public var session: String
  /// This connection's viewer number (1, 2, …; in control sources as "viewer N").
  public var viewer: Int
  /// The session process.
  public var pid: Int32
  /// The recording being written, if any.
  public var recording: String?
  /// Seconds since the session started (the clock of the events' `t`).
  public var elapsed: Double
  public var status: SessionStatus
  /// How many history events follow the greeting before live ones (nil from a session that does not say).
  public var history: Int?

  public init(
    session: String, viewer: Int, pid: Int32, recording: String?, elapsed: Double, status: SessionStatus,
    history: Int? = nil, protocolVersion: Int = WireProtocol.version, recordingFormat: Int
  ) {
    self.protocolVersion = protocolVersion
    self.recordingFormat = recordingFormat
    self.session = session
    self.viewer = viewer
    self.pid = pid
    self.recording = recording
    self.elapsed = elapsed
    self.status = status
    self.history = history
  }
}

/// What a viewer shows beside the events (`S`, and inside the greeting).
public struct SessionStatus: Codable, Sendable, Equatable {
  /// RUNNING, PAUSED, STEPPING, DONE, STARTING.
  public var state: String
  /// Completed HF iterations.
  public var iteration: Int
  public var preset: String
  /// The viewers attached, "N name" each.
  public var viewers: [String]
  /// The recording's badge (its file name), and its error if writing failed.
  public var recordingBadge: String?
  public var recordingError: String?
  /// CG steps this viewer missed because it read too slowly.
  public var dropped: Int

  public init(
    state: String, iteration: Int, preset: String, viewers: [String], recordingBadge: String?, recordingError: String?,
    dropped: Int
  ) {
    self.state = state
    self.iteration = iteration
    self.preset = preset
    self.viewers = viewers
    self.recordingBadge = recordingBadge
    self.recordingError = recordingError
    self.dropped = dropped
  }
}

/// The answer to one request (`R`): a refused control, the finite-difference check's result, an
/// update of the on-demand Lanczos run.
public struct ViewerReply: Codable, Sendable, Equatable {
  public var text: String
  /// Whether it is good news (shown green) or a refusal (red).
  public var good: Bool
  /// An update of the Lanczos run this viewer asked for (absent in every other reply).
  public var lanczos: LanczosUpdate?
  public init(text: String, good: Bool, lanczos: LanczosUpdate? = nil) {
    self.text = text
    self.good = good
    self.lanczos = lanczos
  }
}

/// The session's last frame (`B`) before it closes a connection.
public struct SessionBye: Codable, Sendable, Equatable {
  /// Why: "the session ended", "refused: …", "protocol version 2 is not supported".
  public var reason: String
  /// Whether the session ended (as opposed to this connection being refused).
  public var ended: Bool
  public init(reason: String, ended: Bool) {
    self.reason = reason
    self.ended = ended
  }
}

/// The protocol's constants.
public enum WireProtocol {
  /// Bumped when a frame's meaning changes; a session refuses viewers of another version.
  public static let version = 1
  /// The longest frame a viewer accepts from a session (a start line with a large config fits easily).
  public static let maxSessionFrame = 4 << 20
  /// The longest frame a session accepts from a viewer (controls and notes are a few hundred bytes).
  public static let maxViewerFrame = 64 << 10
  /// Frames a slow viewer may have waiting before its CG steps are dropped (as a lossy subscription).
  public static let outboxCapacity = 4096
}
