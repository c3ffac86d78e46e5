/// The processes one run spans and the collective operations they share (MPI ranks across
/// machines, or threads in tests). Every rank calls the same operations in the same order.
///
/// HFEngine never talks to MPI itself: the command-line tool supplies an implementation over
/// Open MPI, the tests an in-process one.
public protocol Collective: AnyObject, Sendable {
  /// This process's rank, 0 ..< `size`; rank 0 leads (draws, records, takes keys).
  var rank: Int { get }
  /// The number of ranks.
  var size: Int { get }
  /// values ← Σ_ranks values, elementwise, the same result on every rank.
  func allreduceSum(_ values: UnsafeMutablePointer<Float>, count: Int)
  /// values ← Σ_ranks values, elementwise, the same result on every rank.
  func allreduceSum(_ values: UnsafeMutablePointer<Double>, count: Int)
  /// bytes ← rank 0's bytes on every rank (waits without spinning while rank 0 is idle).
  func broadcast(_ bytes: UnsafeMutableRawPointer, count: Int)
  /// Seconds spent inside collective operations so far (a monotonic clock).
  var communicationSeconds: Double { get }
  /// Bytes this rank has sent into collective operations so far (payload sizes, not wire bytes).
  var payloadBytes: Int { get }
  /// Collective operations started so far.
  var operationCount: Int { get }
}

extension Collective {
  /// Sums a parameter-sized vector of any engine scalar across ranks.
  @inlinable
  public func allreduceSum<S: HFScalar>(_ values: UnsafeMutablePointer<S>, count: Int) {
    if S.self == Float.self {
      values.withMemoryRebound(to: Float.self, capacity: count) { allreduceSum($0, count: count) }
    } else if S.self == Double.self {
      values.withMemoryRebound(to: Double.self, capacity: count) { allreduceSum($0, count: count) }
    } else {
      preconditionFailure("allreduceSum supports Float and Double")
    }
  }

  /// Sums evaluation sums across ranks (one allreduce of four doubles).
  public func allreduce(_ sums: EvaluationSums) -> EvaluationSums {
    var v = [sums.loss, sums.error, Double(sums.count), Double(sums.errorCount)]
    v.withUnsafeMutableBufferPointer { allreduceSum($0.baseAddress!, count: 4) }
    return EvaluationSums(loss: v[0], error: v[1], count: Int(v[2].rounded()), errorCount: Int(v[3].rounded()))
  }
}
