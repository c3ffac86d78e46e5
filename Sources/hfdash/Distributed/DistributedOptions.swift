import ArgumentParser
import Foundation
import HFEngine

/// `--distributed`, shared by `run`, `train`, `verify` and `bench`: data-parallel over the ranks of
/// `mpirun` (Open MPI, loaded only when the flag is given).
struct DistributedOptions: ParsableArguments {
  @Flag(
    help: "Run data-parallel over the ranks of mpirun (Open MPI): each rank computes its part of every batch; rank 0 draws, records and takes keys.")
  var distributed = false

  /// Joins the MPI job when --distributed is given (nil otherwise); a missing Open MPI or a
  /// failed start is one sentence and exit status 1.
  func join() -> MPICollective? {
    guard distributed else { return nil }
    do { return try MPICollective.start() } catch { fail(error.message) }
  }

  /// With several ranks on one machine, the default worker threads per rank share the cores:
  /// cores / ranks on this node (mpirun's OMPI_COMM_WORLD_LOCAL_SIZE), at least 1.
  static func defaultThreads(collective: MPICollective) -> Int {
    let local = ProcessInfo.processInfo.environment["OMPI_COMM_WORLD_LOCAL_SIZE"].flatMap { Int($0) } ?? collective.size
    return Swift.max(1, ProcessInfoCores.count / Swift.max(1, local))
  }
}
