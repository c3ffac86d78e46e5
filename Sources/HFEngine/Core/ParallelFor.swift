import Dispatch

/// libdispatch's function-pointer variant of dispatch_apply: unlike `DispatchQueue.concurrentPerform`
/// it does not copy its closure into a heap-allocated block on every call. (A nil queue is
/// DISPATCH_APPLY_AUTO: the global concurrent queue of the caller's quality of service.)
@_silgen_name("dispatch_apply_f")
private func dispatchApplyF(
  _ iterations: Int, _ queue: OpaquePointer?, _ context: UnsafeMutableRawPointer?,
  _ work: @convention(c) (UnsafeMutableRawPointer?, Int) -> Void)

/// Runs `body(0)…body(count − 1)` concurrently on the cores and returns when all are done: on the
/// calling thread's `WorkerTeam` when it has one (no allocation), else through libdispatch.
@inline(__always)
func parallelFor(_ count: Int, _ body: @Sendable (Int) -> Void) {
  if count <= 1 {
    if count == 1 { body(0) }
    return
  }
  withoutActuallyEscaping(body) { task in
    if let team = WorkerTeam.current, team.perform(count, job: task) { return }
    var work = task
    withUnsafeMutablePointer(to: &work) { pointer in
      dispatchApplyF(count, nil, UnsafeMutableRawPointer(pointer)) { context, index in
        context!.assumingMemoryBound(to: (@Sendable (Int) -> Void).self).pointee(index)
      }
    }
  }
}

/// `parallelFor` for a closure made once and kept (a stored job): on a `WorkerTeam` this makes no
/// heap allocation at all, which keeps CG iterations allocation-free.
@inline(__always)
func parallelFor(_ count: Int, job: @escaping @Sendable (Int) -> Void) {
  if count > 1, let team = WorkerTeam.current, team.perform(count, job: job) { return }
  parallelFor(count, job)
}
