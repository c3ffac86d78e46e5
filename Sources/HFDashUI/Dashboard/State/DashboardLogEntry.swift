import HFCanvas
/// One line of the dashboard's event log.
public struct DashboardLogEntry: Equatable, Sendable {
  /// What kind of event the line reports (decides its colour role).
  public enum Kind: String, Sendable, CaseIterable {
    /// λ moved by the Levenberg–Marquardt rule.
    case lambda
    /// The line search rejected the step.
    case rejected
    case alarm
    /// An engine warning.
    case warning
    /// A note the user typed.
    case note
    /// A control took effect (confirmation line).
    case control
    /// Run started / finished / checkpoint.
    case info
    /// The result of an on-demand Lanczos run (`L`).
    case spectrum
  }

  /// The HF iteration the line refers to, if any.
  public var iteration: Int?
  public var kind: Kind
  public var text: String

  /// Creates an entry.
  public init(iteration: Int?, kind: Kind, text: String) {
    self.iteration = iteration
    self.kind = kind
    self.text = text
  }

  /// The colour role of the line.
  public var role: StyleRole {
    switch kind {
    case .lambda: .normal
    case .rejected, .warning: .warn
    case .alarm: .bad
    case .note, .spectrum: .accent
    case .control: .good
    case .info: .muted
    }
  }
}

/// The message on the status line: the newest confirmation, notice or alarm.
public struct StatusMessage: Equatable, Sendable {
  public var text: String
  public var role: StyleRole
  /// Increases with every message, so the newest of several sources can be picked.
  public var sequence: Int
  /// The state's `now` when it was posted.
  public var time: Double
  /// Creates a message.
  public init(text: String, role: StyleRole, sequence: Int, time: Double) {
    self.text = text
    self.role = role
    self.sequence = sequence
    self.time = time
  }
}

/// Whether the dashboard shows a live session or a recording.
public enum DashboardMode: Equatable, Sendable {
  case live
  case replay(ReplayPosition)

  /// Whether this is replay mode.
  public var isReplay: Bool {
    if case .replay = self { return true }
    return false
  }
}
