import Foundation

/// Keeps the ranks of a distributed run in step. Rank 0 (the leader: dashboard, recording, keys)
/// sends, before every HF iteration, the whole optimizer state — settings, λ, counters, θ and
/// the warm start — and then every stop/proceed decision it takes at the iteration's start and
/// at each CG step; the other ranks (followers) apply the state and take the same decisions.
/// So controls take effect at the same iteration on every rank, a restart or a resumed
/// checkpoint on rank 0 reaches the others, and all ranks hold the same parameters at every
/// boundary. Cost per iteration: a broadcast of 2·P scalars plus one byte per CG step.
// @unchecked Sendable: used by the one thread that steps the optimizer (`directive` is its scratch byte).
public final class StepCoordinator<S: HFScalar>: @unchecked Sendable {
  public let collective: any Collective
  private var directive: UInt8 = 0

  /// A coordinator over `collective` (the same one the problem sums with).
  public init(collective: any Collective) {
    self.collective = collective
  }

  /// Leader, first thing in each iteration: sends the optimizer's state.
  func lead(_ optimizer: HFOptimizer<S>) {
    let config = (try? JSONEncoder().encode(optimizer.config)) ?? Data()
    var header: [Double] = [1, Double(optimizer.iteration), optimizer.dataPasses, optimizer.lambda, Double(config.count)]
    header.withUnsafeMutableBytes { collective.broadcast($0.baseAddress!, count: $0.count) }
    var bytes = [UInt8](config)
    bytes.withUnsafeMutableBytes { collective.broadcast($0.baseAddress!, count: $0.count) }
    sendParameters(optimizer)
  }

  /// Leader: sends the decision taken at an event that asks for one (iteration start, CG step).
  func relay(_ decision: HFDirective, at event: HFEvent) -> HFDirective {
    guard event.asksForDirective else { return decision }
    directive = decision == .stop ? 1 : 0
    collective.broadcast(&directive, count: 1)
    return decision
  }

  /// Leader: tells the followers the run is over (they return from `follow`). Call once, at exit.
  public func finish() {
    var header: [Double] = [0, 0, 0, 0, 0]
    header.withUnsafeMutableBytes { collective.broadcast($0.baseAddress!, count: $0.count) }
  }

  /// Follower: runs every iteration the leader runs, with its state and decisions, until the
  /// leader finishes; `observer` sees every event of those iterations. Throws, before running
  /// the iteration, when the leader's settings cannot be read (the follower would otherwise
  /// train with settings of its own): the caller must leave the job.
  public func follow(_ optimizer: HFOptimizer<S>, observer: (HFEvent) -> Void = { _ in }) throws(FollowerError) {
    while try receiveState(into: optimizer) {
      optimizer.step { event in
        observer(event)
        guard event.asksForDirective else { return .proceed }
        collective.broadcast(&directive, count: 1)
        return directive == 1 ? .stop : .proceed
      }
    }
  }

  /// Follower: takes the leader's state; false when the leader finished.
  private func receiveState(into optimizer: HFOptimizer<S>) throws(FollowerError) -> Bool {
    var header = [Double](repeating: 0, count: 5)
    header.withUnsafeMutableBytes { collective.broadcast($0.baseAddress!, count: $0.count) }
    guard header[0] == 1 else { return false }
    guard let count = Int(exactly: header[4]), count >= 0, count <= 1 << 20 else {
      throw FollowerError(message: "rank 0 announced settings of \(header[4]) bytes, which no hfdash sends; are all ranks running the same hfdash?")
    }
    var bytes = [UInt8](repeating: 0, count: count)
    bytes.withUnsafeMutableBytes { collective.broadcast($0.baseAddress!, count: $0.count) }
    guard let config = try? JSONDecoder().decode(HFConfig.self, from: Data(bytes)) else {
      throw FollowerError(
        message: "cannot read the settings rank 0 sent for iteration \(Int(header[1]) + 1); are all ranks running the same hfdash?")
    }
    optimizer.config = config
    optimizer.lambda = header[3]
    optimizer.follow(iteration: Int(header[1]), dataPasses: header[2])
    sendParameters(optimizer)
    return true
  }

  /// θ and the warm start, leader → followers.
  private func sendParameters(_ optimizer: HFOptimizer<S>) {
    let bytes = optimizer.theta.count * MemoryLayout<S>.stride
    collective.broadcast(UnsafeMutableRawPointer(optimizer.theta.pointer), count: bytes)
    collective.broadcast(UnsafeMutableRawPointer(optimizer.warmStart.pointer), count: bytes)
  }
}

/// Why a follower stopped following the leader (one sentence).
public struct FollowerError: Error, Sendable, Equatable {
  public var message: String
  public init(message: String) { self.message = message }
}

extension HFEvent {
  /// Whether the optimizer acts on the observer's answer to this event.
  var asksForDirective: Bool {
    switch self {
    case .iterationStarted, .cgStep: true
    default: false
    }
  }
}
