import Foundation

/// Worker threads that live for the duration of one engine call (an HF iteration, a CG solve):
/// `parallelFor` on the thread that opened the team hands its work to them through a mutex and
/// two condition variables, which allocates nothing — unlike a dispatch fan-out, whose
/// continuations are heap-allocated on every call. The threads end when the call returns, so
/// the engine keeps no threads between calls.
// @unchecked Sendable: its shared fields are guarded by its mutex and condition variables (see the members).
public final class WorkerTeam: @unchecked Sendable {
  /// Runs `body` with a team of `threads` workers (the calling thread included) serving the
  /// parallel loops made on this thread; with 1 thread, or inside another team, it just runs `body`.
  public static func run<T>(threads: Int, _ body: () throws -> T) rethrows -> T {
    if threads <= 1 || current != nil { return try body() }
    let team = WorkerTeam(size: threads)
    current = team
    defer {
      current = nil
      team.finish()
    }
    return try body()
  }

  /// The team serving the calling thread, if any.
  static var current: WorkerTeam? {
    get { pthread_getspecific(key).map { Unmanaged<WorkerTeam>.fromOpaque($0).takeUnretainedValue() } }
    set { pthread_setspecific(key, newValue.map { Unmanaged.passUnretained($0).toOpaque() }) }
  }

  private static let key: pthread_key_t = {
    var k = pthread_key_t()
    pthread_key_create(&k, nil)
    return k
  }()

  private let size: Int
  // Allocated once so that their addresses are stable (pthread objects must not move).
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private let done = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private var generation = 0
  private var remaining = 0
  private var stopping = false
  private var busy = false
  private var task: (@Sendable (Int) -> Void)? = nil
  private var taskCount = 0
  private var threads: [pthread_t] = []

  private init(size: Int) {
    self.size = size
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(wake, nil)
    pthread_cond_init(done, nil)
    for worker in 1..<size {
      var thread = pthread_t()
      let context = Unmanaged.passRetained(WorkerContext(team: self, index: worker)).toOpaque()
      let status = pthread_create(&thread, nil, { raw in
        let context = Unmanaged<WorkerContext>.fromOpaque(raw!).takeRetainedValue()
        context.team.serve(worker: context.index)
        return nil
      }, context)
      if status == 0 { threads.append(thread) } else { Unmanaged<WorkerContext>.fromOpaque(context).release() }
    }
  }

  private final class WorkerContext {
    let team: WorkerTeam
    let index: Int
    init(team: WorkerTeam, index: Int) {
      self.team = team
      self.index = index
    }
  }

  /// Runs body(0..<count) on the team; false (nothing run) when the team is already busy. The
  /// closure is only referenced while it runs: a closure made once and reused costs no allocation.
  func perform(_ count: Int, job: @escaping @Sendable (Int) -> Void) -> Bool {
    if busy || threads.count + 1 < size { return false }
    busy = true
    pthread_mutex_lock(mutex)
    task = job
    taskCount = count
    remaining = size - 1
    generation += 1
    pthread_cond_broadcast(wake)
    pthread_mutex_unlock(mutex)
    var i = 0
    while i < count {
      job(i)
      i += size
    }
    pthread_mutex_lock(mutex)
    while remaining > 0 { pthread_cond_wait(done, mutex) }
    task = nil
    pthread_mutex_unlock(mutex)
    busy = false
    return true
  }

  private func serve(worker: Int) {
    var seen = 0
    pthread_mutex_lock(mutex)
    while true {
      while generation == seen && !stopping { pthread_cond_wait(wake, mutex) }
      if stopping { break }
      seen = generation
      let count = taskCount
      if let work = task {
        pthread_mutex_unlock(mutex)
        var i = worker
        while i < count {
          work(i)
          i += size
        }
      } else {
        pthread_mutex_unlock(mutex)
      }
      pthread_mutex_lock(mutex)
      remaining -= 1
      if remaining == 0 { pthread_cond_signal(done) }
    }
    pthread_mutex_unlock(mutex)
  }

  private func finish() {
    pthread_mutex_lock(mutex)
    stopping = true
    pthread_cond_broadcast(wake)
    pthread_mutex_unlock(mutex)
    for thread in threads { pthread_join(thread, nil) }
    pthread_cond_destroy(wake)
    pthread_cond_destroy(done)
    pthread_mutex_destroy(mutex)
    wake.deallocate()
    done.deallocate()
    mutex.deallocate()
  }
}
