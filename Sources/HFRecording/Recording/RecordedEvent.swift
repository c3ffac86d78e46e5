/// One event of a recording: what happened and when, in seconds since the session started.
public struct RecordedEvent: Sendable, Equatable {
  /// Seconds since the session started (stored rounded to the millisecond).
  public var time: Double
  public var event: SessionEvent
  public init(time: Double, event: SessionEvent) {
    self.time = time
    self.event = event
  }
}

/// Why and at which iteration a run finished (live, or as recorded).
public struct RunFinish: Sendable, Equatable {
  public var reason: FinishReason
  public var iteration: Int
  public var message: String
  /// Creates a record.
  public init(reason: FinishReason, iteration: Int, message: String) {
    self.reason = reason
    self.iteration = iteration
    self.message = message
  }
}

/// Where a resumed session came from.
public struct ResumeOrigin: Sendable, Equatable {
  /// The recording the checkpoint belongs to.
  public var recording: String
  /// The checkpoint directory it continued from.
  public var checkpoint: String
  /// The last completed iteration in that checkpoint.
  public var iteration: Int
  public init(recording: String, checkpoint: String, iteration: Int) {
    self.recording = recording
    self.checkpoint = checkpoint
    self.iteration = iteration
  }
}
