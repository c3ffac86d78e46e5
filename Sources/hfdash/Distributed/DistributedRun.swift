import Foundation
import HFEngine
import HFSession
import HFRecording

/// The parts of a distributed command that differ by rank.
enum DistributedRun {
  /// Ranks > 0: builds the same setup as rank 0, agrees that every rank could, then follows rank 0
  /// (`StepCoordinator.follow`) until it finishes, and leaves the job. With HFDASH_RANK_TRACE set,
  /// writes the settings each iteration starts with to stderr.
  static func follow(collective: MPICollective, makeSetup: () throws(DataError) -> TrainingSetup) -> Never {
    var built: TrainingSetup?
    do { built = try makeSetup() } catch {
      FileHandle.standardError.write(Data("hfdash: rank \(collective.rank): \(error.message)\n".utf8))
    }
    guard agree(collective, ok: built != nil), let setup = built else {
      collective.finish()
      exit(1)
    }
    // Ctrl-C / mpirun's SIGTERM: rank 0 stops the run and releases the followers, so they let it.
    signal(SIGINT, SIG_IGN)
    signal(SIGTERM, SIG_IGN)
    let trace = ProcessInfo.processInfo.environment["HFDASH_RANK_TRACE"] != nil
    let optimizer = setup.optimizer
    StepCoordinator<Float>(collective: collective).follow(optimizer) { event in
      guard trace, case .iterationStarted(let k, let lambda) = event else { return }
      let line = "rank \(collective.rank): iteration \(k) lambda \(lambda) max-cg \(optimizer.config.cg.maxIterations)\n"
      FileHandle.standardError.write(Data(line.utf8))
    }
    collective.finish()
    exit(0)
  }

  /// Every rank: whether every rank built its setup (one allreduce of a failure count).
  static func agree(_ collective: MPICollective, ok: Bool) -> Bool {
    var failures = ok ? 0.0 : 1.0
    collective.allreduceSum(&failures, count: 1)
    return failures == 0
  }

  /// Rank 0, at the end: releases the followers and leaves the job.
  static func end(_ collective: MPICollective?) {
    guard let collective else { return }
    StepCoordinator<Float>(collective: collective).finish()
    collective.finish()
  }

  /// Rank 0 could not build its run: tells the others and leaves the job (the caller says why).
  static func abandon(_ collective: MPICollective?) {
    guard let collective else { return }
    _ = agree(collective, ok: false)
    collective.finish()
    if collective.rank > 0 { exit(1) }  // rank 0 says it once
  }

  /// Rank 0 built its run: throws (after leaving the job) when another rank could not.
  static func confirm(_ collective: MPICollective?) throws(DataError) {
    guard let collective else { return }
    if !agree(collective, ok: true) {
      collective.finish()
      throw DataError("another rank could not build the run (its message is above).")
    }
  }
}

extension DistributedRun {
  /// The run options a rank uses: without --threads, the cores shared among this node's ranks.
  /// `run` and `train --distributed`: joins the job (nil without --distributed) and returns the
  /// options this rank trains with; ranks > 0 follow rank 0 headless and never return.
  static func start(_ distributed: DistributedOptions, options: RunOptions, resume: String?) -> (MPICollective?, RunOptions) {
    // A resume continues on the recording's BLAS kernel (this may restart the process), before MPI starts.
    if let resume { BLASKernelPin.matchRecording(at: resume) }
    let mpi = distributed.join()
    let options = Self.options(options, collective: mpi)
    if let mpi, mpi.rank > 0 {
      follow(collective: mpi) { () throws(DataError) in
        try TrainingSetup(spec(resume: resume, options: options), collective: mpi)
      }
    }
    return (mpi, options)
  }

  static func options(_ options: RunOptions, collective: MPICollective?) -> RunOptions {
    guard let collective, options.threads == nil else { return options }
    var adjusted = options
    adjusted.threads = DistributedOptions.defaultThreads(collective: collective)
    return adjusted
  }
}

extension DistributedRun {
  /// `verify`: a recording made on N ranks re-executes on N ranks. Outside mpirun that is one
  /// sentence with the command to run; under it, ranks > 0 build the recording's run and follow
  /// rank 0 (never returning); rank 0 gets the collective (nil for a one-process recording).
  /// With a tolerance > 0 any rank count may re-execute it (the summation order differs, so the
  /// numbers agree to rounding, not bit for bit).
  static func joinForVerify(
    _ options: DistributedOptions, recording header: RecordingHeader, file: String, tolerance: Double
  ) -> MPICollective? {
    let command = "mpirun -np \(header.ranks) hfdash verify \(file) --distributed"
    guard options.distributed else {
      if header.ranks > 1 && tolerance == 0 {
        fail("The recording ran on \(header.ranks) MPI ranks and re-executes only on as many: \(command) (as root add --allow-run-as-root).", code: 2)
      }
      return nil
    }
    guard let mpi = options.join() else { return nil }
    if mpi.size != header.ranks && tolerance == 0 {
      mpi.finish()
      if mpi.rank > 0 { exit(2) }
      fail("The recording ran on \(header.ranks) MPI rank(s) but this job has \(mpi.size): \(command) (or compare to a --tolerance).", code: 2)
    }
    if mpi.size == 1 { return nil }
    if mpi.rank > 0 {
      follow(collective: mpi) { () throws(DataError) in
        let spec: RunSpec
        do { spec = try header.runSpec() } catch { throw DataError((error as? RecordingError)?.message ?? "\(error)") }
        return try TrainingSetup(spec, collective: mpi)
      }
    }
    // Rank 0 builds its runs inside the re-execution; here it only confirms the others built theirs.
    do { try confirm(mpi) } catch { fail(error.message) }
    return mpi
  }
}

extension DistributedRun {
  /// Rank 0 of `hfdash run --distributed`: mpirun hands its ranks a pipe for stdin and its own pty
  /// for stdout, so the dashboard opens the controlling terminal (/dev/tty) — the one mpirun was
  /// started from — on both (start mpirun with `--stdin none` so it does not read the keys too).
  /// Rank 0 runs in a process group of its own, so it also takes the terminal's foreground (curses
  /// would otherwise be stopped by SIGTTOU) and returns it to mpirun with `detachTerminal`.
  /// Leaves everything alone when the descriptors already are terminals or there is no /dev/tty.
  static func attachTerminal() -> pid_t? {
    guard isatty(0) != 1 || isatty(1) != 1 else { return nil }
    let tty = open("/dev/tty", O_RDWR)
    guard tty >= 0 else { return nil }
    dup2(tty, 0)
    dup2(tty, 1)
    close(tty)
    signal(SIGTTOU, SIG_IGN)
    signal(SIGTTIN, SIG_IGN)
    let foreground = tcgetpgrp(0)
    _ = tcsetpgrp(0, getpgrp())
    return foreground
  }

  /// Gives the terminal's foreground back to the process group that had it (mpirun's).
  static func detachTerminal(_ foreground: pid_t?) {
    if let foreground, foreground > 0 { _ = tcsetpgrp(0, foreground) }
  }
}

extension DistributedRun {
  /// The run a recording describes (a follower resuming it builds the same setup; rank 0's state
  /// broadcast then brings the checkpoint's θ, λ and warm start).
  static func recordedSpec(_ path: String) throws(DataError) -> RunSpec {
    let url = URL(fileURLWithPath: NSString(string: path).expandingTildeInPath)
    do { return try RecordingReader.open(url).header.runSpec() } catch {
      throw DataError(error.message)
    }
  }
}

extension DistributedRun {
  /// A follower's run: the resumed recording's, or the command line's.
  static func spec(resume: String?, options: RunOptions) throws(DataError) -> RunSpec {
    if let resume { return try recordedSpec(resume) }
    return try options.runSpec()
  }
}
