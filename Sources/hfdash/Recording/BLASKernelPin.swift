import Foundation
import HFEngine
import HFRecording

/// Runs re-executions and resumes on the OpenBLAS kernel that computed the recording, so that they
/// reproduce its floats on another CPU too: when the kernels differ and this CPU can run the recorded
/// one, the process replaces itself with the same command under `OPENBLAS_CORETYPE` (OpenBLAS reads it
/// only when it loads, before `main`; a value already in the environment is overridden for this).
enum BLASKernelPin {
  /// Set in the restarted process: the kernel it was restarted for.
  static let restartedVariable = "HFDASH_BLAS_KERNEL_PINNED"

  /// Matches the kernel of the recording at `path` (header only); silent when it cannot be read —
  /// the command reports that itself.
  static func matchRecording(at path: String) {
    guard let header = try? RecordingReader.readHeader(RecordingInput.url(path)) else { return }
    if let note = match(header.blasKernel) { RecordingInput.warn(note) }
  }

  /// Restarts the process on `recorded` when that is another kernel this CPU can run (never
  /// returns then); otherwise returns why the numbers may differ, or nil when the kernels agree.
  static func match(_ recorded: String?) -> String? {
    let current = BLASKernel.current
    guard let recorded, recorded != current else { return nil }
    let differ = "the recording was computed with OpenBLAS kernel \(recorded) and this process runs \(current)"
    if ProcessInfo.processInfo.environment[restartedVariable] != nil {
      return "\(differ) (OpenBLAS did not take OPENBLAS_CORETYPE=\(recorded)), so its numbers may differ from the first product on."
    }
    guard BLASKernel.cpuCanRun(recorded) else {
      return "\(differ), which this CPU cannot run, so its numbers may differ from the first product on."
    }
    setenv("OPENBLAS_CORETYPE", recorded, 1)
    setenv(restartedVariable, recorded, 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
    return "\(differ); restarting on \(recorded) failed (\(String(cString: strerror(errno)))), so its numbers may differ."
  }

  /// "on OpenBLAS kernel SkylakeX, as recorded" after a restart, nil otherwise.
  static var restartNote: String? {
    ProcessInfo.processInfo.environment[restartedVariable].map { "on OpenBLAS kernel \($0), as recorded" }
  }
}
