import Foundation
import HFEngine
import HFRecording
import HFSession
import Testing

/// One finished iteration as exact numbers: who, which, and the bit pattern of every reported
/// number that does not depend on wall time (absent ones as NaN).
struct ReportBits: Equatable, CustomStringConvertible {
  let optimizer: OptimizerKind
  let iteration: Int
  let bits: [UInt64]

  init(_ kind: OptimizerKind, _ r: IterationReport) {
    optimizer = kind
    iteration = r.iteration
    let numbers: [Double] =
      [
        r.objective, r.error, r.objectiveBefore, r.testObjective ?? .nan, r.testError ?? .nan, r.lambdaBefore, r.lambdaAfter,
        r.rho, r.stepRate, r.gradientNorm, r.stepNorm, r.dataPasses, r.learningRate ?? .nan, r.momentum ?? .nan,
      ] + r.layerGradientNorms + r.layerStepNorms
    bits = numbers.map(\.bitPattern) + [r.cgIterations, r.cgChosen, r.curvatureProducts, r.accepted ? 1 : 0].map { UInt64($0) }
  }

  var description: String { "\(optimizer.rawValue) \(iteration)" }
}

extension Sequence where Element == SessionEvent {
  /// Every finished iteration, HF's and the rivals', in publication order.
  var allReportBits: [ReportBits] {
    compactMap {
      switch $0 {
      case .engine(.iterationFinished(let r)): ReportBits(r.optimizer, r)
      case .racer(let kind, .iterationFinished(let r)): ReportBits(kind, r)
      default: nil
      }
    }
  }
}

/// Hands restored optimizers to a session's factory, each once.
// @unchecked Sendable: only touched under its lock.
final class RestoredOptimizers: @unchecked Sendable {
  private let lock = NSLock()
  private var optimizers: [OptimizerKind: any TrainingOptimizer<Float>]
  init(_ optimizers: [OptimizerKind: any TrainingOptimizer<Float>]) { self.optimizers = optimizers }
  func take(_ kind: OptimizerKind) -> (any TrainingOptimizer<Float>)? { lock.withLock { optimizers.removeValue(forKey: kind) } }
}

/// Races (and single runs of other optimizers) stopped at a checkpoint and resumed in process.
@Suite("Resuming races and other optimizers from checkpoints", .serialized)
struct RaceResumeTests {
  static let race: [OptimizerKind] = [.sgd, .adam, .lbfgs]

  /// Runs `session` to its end (iteration limit) and returns its events; `recorder` is finished after it.
  static func runToEnd(_ session: Session, recorder: LiveRecorder? = nil) throws -> [SessionEvent] {
    let log = EventLog(session.subscribe(.lossless))
    session.start()
    try #require(log.wait(timeout: 600) { $0.finishedEvents.count >= 1 }, "the run finished")
    session.close()
    #expect(session.awaitClosed(timeout: 60))
    recorder?.finish(session: session)
    return log.events
  }

  /// A fresh session of `options` on tiny (one thread); `posts` are queued before it starts.
  static func freshSession(_ options: SessionOptions, posts: [SessionControl] = []) throws -> (Session, TrainingSetup) {
    let setup = try tinySetup()
    let session = Session(setup: setup, makeSetup: { try tinySetup() }, options: options)
    for control in posts { #expect(session.post(ControlRequest(control, source: "test")) == nil) }
    return (session, setup)
  }

  /// The interrupted run recorded with checkpoints to `url`, then resumed from its latest checkpoint
  /// up to `total` iterations: the events of the first run the checkpoint holds, the resumed run's
  /// events, the checkpoint, and the resumed session's racers at the end.
  static func interrupted(
    optimizer: OptimizerKind = .hf, race: [OptimizerKind], stop: Int, every: Int, total: Int, posts: [SessionControl] = []
  ) throws -> (kept: [ReportBits], resumed: [ReportBits], checkpoint: Checkpoint, racers: [RacerSnapshot]) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("race-resume-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("race.hfrec.jsonl")
    let (first, setup) = try freshSession(SessionOptions(maxIterations: stop, optimizer: optimizer, race: race), posts: posts)
    let recorder = try LiveRecorder.create(session: first, setup: setup, url: url, toolVersion: "test", checkpointEvery: every)
    let firstEvents = try runToEnd(first, recorder: recorder)
    let checkpoint = try CheckpointStore(recording: url).readLatest()

    // What the checkpoint holds: the lead through its iteration, each rival through its own.
    var held: [OptimizerKind: Int] = [optimizer: checkpoint.iteration]
    for saved in checkpoint.racers { held[saved.kind] = saved.state.counters.iteration }
    let kept = firstEvents.allReportBits.filter { $0.iteration <= held[$0.optimizer] ?? 0 }

    let fresh = try tinySetup()
    let resumed = try CheckpointResume(checkpoint: checkpoint, setup: fresh, optimizer: optimizer, race: race)
    var options = SessionOptions(maxIterations: total, optimizer: optimizer, race: race)
    options.resumedRacers = resumed.standings
    let second = Session(setup: fresh, makeSetup: { try tinySetup() }, options: options)
    let restored = RestoredOptimizers(resumed.optimizers)
    second.setOptimizerFactory { s, kind in try restored.take(kind) ?? s.makeOptimizer(kind) }
    let secondEvents = try runToEnd(second)
    #expect(secondEvents.firstDescription?.resumedFrom == checkpoint.iteration)
    return (kept, secondEvents.allReportBits, checkpoint, second.snapshot.racers)
  }

  @Test(
    "a race stopped at a checkpoint and resumed reports every iteration of HF and each racer bit-identically",
    arguments: [(stop: 4, every: 4), (stop: 3, every: 2)])
  func raceResumes(stop: Int, every: Int) throws {
    let total = 6
    let (whole, _) = try Self.freshSession(SessionOptions(maxIterations: total, race: Self.race))
    let uninterrupted = try Self.runToEnd(whole).allReportBits
    #expect(uninterrupted.filter { $0.optimizer == .hf }.count == total)
    for kind in Self.race { #expect(uninterrupted.contains { $0.optimizer == kind }, "\(kind) raced") }

    let run = try Self.interrupted(race: Self.race, stop: stop, every: every, total: total)
    #expect(run.checkpoint.iteration == stop)
    #expect(run.checkpoint.racers.map(\.kind) == Self.race)
    #expect(run.checkpoint.racers.allSatisfy { $0.status == "racing" && $0.state.counters.iteration > 0 })
    if stop == every {
      // Taken right after HF's iteration, before the rivals' turns: the resumed race takes them first.
      #expect(run.resumed.first.map { $0.optimizer != .hf } == true, "the rivals' pending turns come first")
    } else {
      // The final checkpoint, after the turns: the resumed race starts with HF.
      #expect(run.resumed.first?.optimizer == .hf)
      #expect(run.resumed.first?.iteration == stop + 1)
    }
    #expect(run.kept + run.resumed == uninterrupted)
  }

  @Test("a paused and a dropped racer stay so in the resumed race, which equals the uninterrupted one")
  func standingsResume() throws {
    let posts: [SessionControl] = [.setRacerPaused(.adam, true), .dropRacer(.lbfgs)]
    let (whole, _) = try Self.freshSession(SessionOptions(maxIterations: 5, race: Self.race), posts: posts)
    let uninterrupted = try Self.runToEnd(whole).allReportBits
    #expect(!uninterrupted.contains { $0.optimizer == .adam || $0.optimizer == .lbfgs })

    let run = try Self.interrupted(race: Self.race, stop: 2, every: 2, total: 5, posts: posts)
    #expect(run.checkpoint.racers.map(\.status) == ["racing", "paused", "dropped"])
    #expect(run.racers.map(\.status) == [.racing, .paused, .dropped])
    #expect(run.kept + run.resumed == uninterrupted)
  }

  @Test("a single run of Adam, and of L-BFGS, resumes bit-identically from its own checkpoint", arguments: [OptimizerKind.adam, .lbfgs])
  func singleOptimizerResumes(kind: OptimizerKind) throws {
    let (whole, _) = try Self.freshSession(SessionOptions(maxIterations: 5, optimizer: kind))
    let uninterrupted = try Self.runToEnd(whole).allReportBits
    #expect(uninterrupted.count == 5 && uninterrupted.allSatisfy { $0.optimizer == kind })

    let run = try Self.interrupted(optimizer: kind, race: [], stop: 2, every: 2, total: 5)
    #expect(run.checkpoint.optimizer == kind && run.checkpoint.iteration == 2)
    #expect(run.checkpoint.racers.map(\.kind) == [kind])
    #expect(run.resumed.first?.iteration == 3)
    #expect(run.kept + run.resumed == uninterrupted)
  }

  @Test("racer vectors, scalars (NaN included) and counters come back from disk bit for bit; HF alone stays version 2")
  func racerStateRoundTrip() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("racer-checkpoint-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let setup = try tinySetup()
    let ncg = try #require(try setup.makeOptimizer(.ncg) as? any CheckpointableRacer<Float>)
    let adam = try #require(try setup.makeOptimizer(.adam) as? any CheckpointableRacer<Float>)
    adam.step { _ in .proceed }
    let fresh = ncg.state  // f(x) is NaN before the first iteration
    #expect(fresh.scalars["value"]?.isNaN == true)
    var checkpoint = Checkpoint(optimizer: setup.optimizer, layout: setup.parameterLayout, rng: setup.rng)
    checkpoint.iteration = 1
    checkpoint.racers = [
      RacerCheckpoint(kind: .ncg, status: "paused", objective: nil, failures: 2, state: fresh),
      RacerCheckpoint(kind: .adam, status: "racing", objective: 12.5, failures: 0, state: adam.state),
    ]
    let store = CheckpointStore(directory: directory)
    let written = try store.write(checkpoint)
    let state = try String(contentsOf: written.appendingPathComponent("state.json"), encoding: .utf8)
    #expect(state.contains(#""version" : 3"#))
    let read = try store.read(iteration: 1)
    #expect(read.racers.map(\.kind) == [.ncg, .adam])
    #expect(read.racers.map(\.status) == ["paused", "racing"])
    #expect(read.racers.map(\.failures) == [2, 0])
    #expect(read.racers[1].objective == 12.5 && read.racers[0].objective == nil)
    for (saved, original) in zip(read.racers, checkpoint.racers) {
      #expect(saved.state.counters == original.state.counters)
      #expect(saved.state.vectors == original.state.vectors)
      #expect(saved.state.scalars.mapValues(\.bitPattern) == original.state.scalars.mapValues(\.bitPattern))
    }
    #expect(read.racers[1].state.counters.updates > 0 && read.racers[1].state.vectors["m"]?.contains { $0 != 0 } == true)

    var hfOnly = Checkpoint(optimizer: setup.optimizer, layout: setup.parameterLayout, rng: setup.rng)
    hfOnly.iteration = 2
    let hfDirectory = try store.write(hfOnly)
    #expect(try String(contentsOf: hfDirectory.appendingPathComponent("state.json"), encoding: .utf8).contains(#""version" : 2"#))
    #expect(try store.read(iteration: 2).racers.isEmpty)
  }

  @Test("a race whose checkpoint holds HF alone (written before races resumed) is refused in one sentence")
  func hfOnlyCheckpointOfARace() throws {
    let setup = try tinySetup()
    var checkpoint = Checkpoint(optimizer: setup.optimizer, layout: setup.parameterLayout, rng: setup.rng)
    checkpoint.iteration = 3
    #expect(throws: DataError("its checkpoint after iteration 3 holds no state of SGD-N (it was written before the race could be resumed).")) {
      _ = try CheckpointResume(checkpoint: checkpoint, setup: try tinySetup(), optimizer: .hf, race: [.sgd, .adam])
    }
    #expect(throws: DataError("its checkpoint after iteration 3 holds a run of HF, but the recording's last run is of Adam.")) {
      _ = try CheckpointResume(checkpoint: checkpoint, setup: try tinySetup(), optimizer: .adam, race: [])
    }
  }
}
