/// A racer's checkpointable state: named parameter-sized vectors, the method's scalars, and the
/// shared counters.
public struct RacerState<S: HFScalar>: Sendable, Equatable {
  /// θ and the method's own vectors (velocity, moments, history), by name.
  public var vectors: [String: [S]]
  /// The method's own scalars (f, line-search memory, restart counts), by name.
  public var scalars: [String: Double]
  public var counters: RacerCounters

  public init(vectors: [String: [S]], scalars: [String: Double] = [:], counters: RacerCounters) {
    self.vectors = vectors
    self.scalars = scalars
    self.counters = counters
  }

  /// The scalar `name`; a missing one is one sentence.
  func scalar(_ name: String) throws(DataError) -> Double {
    guard let v = scalars[name] else { throw DataError("The racer checkpoint lacks '\(name)'.") }
    return v
  }

  /// Copies the named vectors into `buffers`; a missing or mis-sized one is one sentence.
  func load(_ buffers: [String: Buffer<S>]) throws(DataError) {
    for (name, buffer) in buffers.sorted(by: { $0.key < $1.key }) {
      guard let values = vectors[name], values.count == buffer.count else {
        throw DataError("The racer checkpoint lacks '\(name)' of \(buffer.count) values.")
      }
      values.withUnsafeBufferPointer { buffer.pointer.update(from: $0.baseAddress!, count: buffer.count) }
    }
  }
}

/// A racer's counters (iterations, data passes, mini-batch updates and position, last objective,
/// and the step scale left by non-finite steps).
public struct RacerCounters: Codable, Sendable, Equatable {
  public var iteration: Int
  public var dataPasses: Double
  public var updates: Int
  public var cursor: Int
  public var lastObjective: Double?
  /// `RacerRun.stepScale` (nil: 1, as in states saved before it existed).
  public var stepScale: Double?

  public init(iteration: Int, dataPasses: Double, updates: Int, cursor: Int, lastObjective: Double?, stepScale: Double? = nil) {
    self.iteration = iteration
    self.dataPasses = dataPasses
    self.updates = updates
    self.cursor = cursor
    self.lastObjective = lastObjective
    self.stepScale = stepScale
  }

  init<S>(_ run: RacerRun<S>) {
    self.init(
      iteration: run.iteration, dataPasses: run.dataPasses, updates: run.updates, cursor: run.cursor,
      lastObjective: run.lastObjective, stepScale: run.stepScale)
  }

  func apply<S>(to run: RacerRun<S>) {
    run.iteration = iteration
    run.dataPasses = dataPasses
    run.updates = updates
    run.cursor = cursor
    run.lastObjective = lastObjective
    run.stepScale = stepScale ?? 1
  }
}
