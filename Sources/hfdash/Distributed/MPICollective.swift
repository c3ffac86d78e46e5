import CMPILoader
import Dispatch
import Foundation
import HFEngine

/// The ranks of `mpirun` over Open MPI (loaded at run time, see CMPILoader): in-place
/// allreduces and polling broadcasts on MPI_COMM_WORLD, timed and counted. Calls come from one
/// thread at a time (the main thread to start and end, the engine thread in between).
// @unchecked Sendable: MPI is called from one thread at a time (main to start and end, the engine thread in between).
final class MPICollective: Collective, @unchecked Sendable {
  let rank: Int
  let size: Int
  private(set) var communicationSeconds = 0.0
  private(set) var payloadBytes = 0
  private(set) var operationCount = 0

  private init(rank: Int, size: Int) {
    self.rank = rank
    self.size = size
  }

  /// Loads Open MPI (libmpi.so.40, or the library HFDASH_LIBMPI names) and joins the job; a
  /// missing library or a failed MPI_Init is one sentence.
  static func start() throws(DataError) -> MPICollective {
    var message = [CChar](repeating: 0, count: 512)
    let library = ProcessInfo.processInfo.environment["HFDASH_LIBMPI"] ?? "libmpi.so.40"
    if hfmpi_load(library, &message, Int32(message.count)) != 0 { throw DataError(cText(message)) }
    var rank: Int32 = 0, size: Int32 = 0
    let rc = hfmpi_init(&rank, &size)
    if rc != 0 { throw DataError("MPI could not start (\(errorText(rc))).") }
    return MPICollective(rank: Int(rank), size: Int(size))
  }

  func allreduceSum(_ values: UnsafeMutablePointer<Float>, count: Int) {
    timed(bytes: count * 4) { hfmpi_allreduce_float(values, count) }
  }

  func allreduceSum(_ values: UnsafeMutablePointer<Double>, count: Int) {
    timed(bytes: count * 8) { hfmpi_allreduce_double(values, count) }
  }

  func broadcast(_ bytes: UnsafeMutableRawPointer, count: Int) {
    timed(bytes: rank == 0 ? count : 0) { hfmpi_broadcast(bytes, count) }
  }

  /// Leaves the job (after the last collective operation).
  func finish() { _ = hfmpi_finalize() }

  private func timed(bytes: Int, _ body: () -> Int32) {
    let start = DispatchTime.now().uptimeNanoseconds
    let rc = body()
    communicationSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    payloadBytes += bytes
    operationCount += 1
    if rc != 0 { lostRank(rc) }
  }

  /// A collective failed: another rank died or the network broke. The recording is flushed line
  /// by line and checkpoints are renamed into place, so what is on disk stays valid.
  private func lostRank(_ code: Int32) -> Never {
    let text = "hfdash: rank \(rank): an MPI collective failed (\(Self.errorText(code))); another rank has probably died, so the run ends here. The recording and the last checkpoint stay valid up to the last completed iteration.\n"
    FileHandle.standardError.write(Data(text.utf8))
    exit(3)
  }

  static func errorText(_ code: Int32) -> String {
    var text = [CChar](repeating: 0, count: 300)
    hfmpi_error_string(code, &text, Int32(text.count))
    return cText(text)
  }
}

/// The text of a NUL-terminated C buffer.
private func cText(_ buffer: [CChar]) -> String {
  String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
