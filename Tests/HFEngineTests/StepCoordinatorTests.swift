import Foundation
import HFEngine
import Testing

@Suite("Distributed HF: ranks in step")
struct StepCoordinatorTests {
  /// What must agree between runs (everything but wall-clock times).
  struct Row: Equatable, Sendable {
    let iteration: Int, objective: Double, error: Double, testError: Double?, lambda: Double, rho: Double, cg: Int
    let maxCG: Int
    init(_ r: IterationReport, maxCG: Int) {
      iteration = r.iteration
      objective = r.objective
      error = r.error
      testError = r.testError
      lambda = r.lambdaAfter
      rho = r.rho
      cg = r.cgIterations
      self.maxCG = maxCG
    }
  }

  static func spec(threads: Int) -> RunSpec {
    var spec = RunSpec(preset: Preset.named("tiny")!, seed: 3)
    spec.config.threads = threads
    return spec
  }

  /// Six iterations as rank 0 (or one process) runs them: iteration 3 is stopped at CG step 4 and
  /// run again; before iteration 5 a "control" sets max CG 7 and doubles λ.
  static func lead(_ optimizer: HFOptimizer<Float>) -> [Row] {
    var rows: [Row] = []
    var stoppedOnce = false
    while optimizer.iteration < 6 {
      if optimizer.iteration == 4 && optimizer.config.cg.maxIterations != 7 {
        optimizer.config.cg.maxIterations = 7
        optimizer.lambda *= 2
      }
      let report = optimizer.step { event in
        if case .cgStep(let s) = event, s.hfIteration == 3, s.i == 4, !stoppedOnce {
          stoppedOnce = true
          return .stop
        }
        return .proceed
      }
      if let report { rows.append(Row(report, maxCG: optimizer.config.cg.maxIterations)) }
    }
    return rows
  }

  @Test("2 ranks × 1 thread run exactly the iterations of 1 process × 2 threads, with a stop mid-CG and a control, on both ranks")
  func followersMatchOneProcess() throws {
    let single = try TrainingSetup(Self.spec(threads: 2))
    let expected = Self.lead(single.optimizer)
    #expect(expected.count == 6 && expected.last?.maxCG == 7)

    let rows = RowSlots()
    ThreadCollective.run(size: 2) { collective in
      guard let setup = try? TrainingSetup(Self.spec(threads: 1), collective: collective) else { return }
      if collective.rank == 0 {
        rows.set(0, Self.lead(setup.optimizer))
        StepCoordinator<Float>(collective: collective).finish()
      } else {
        var followed: [Row] = []
        let optimizer = setup.optimizer
        do throws(FollowerError) {
          try StepCoordinator<Float>(collective: collective).follow(optimizer) { event in
            if case .iterationFinished(let r) = event { followed.append(Row(r, maxCG: optimizer.config.cg.maxIterations)) }
          }
        } catch { Issue.record("the follower stopped: \(error.message)") }
        rows.set(1, followed)
      }
    }
    #expect(rows.get(0) == expected, "rank 0 against one process")
    #expect(rows.get(1) == expected, "rank 1 against one process")
  }

  @Test("every rank holds rank 0's parameters after the run; a recurrent preset refuses to distribute")
  func sameParametersAndRefusals() throws {
    let thetas = ThetaSlots()
    ThreadCollective.run(size: 2) { collective in
      guard let setup = try? TrainingSetup(Self.spec(threads: 1), collective: collective) else { return }
      if collective.rank == 0 {
        for _ in 0..<3 { setup.optimizer.step() }
        setup.optimizer.step()  // rank 1's θ after its last step must equal rank 0's
        StepCoordinator<Float>(collective: collective).finish()
      } else {
        do throws(FollowerError) { try StepCoordinator<Float>(collective: collective).follow(setup.optimizer) } catch {
          Issue.record("the follower stopped: \(error.message)")
        }
      }
      thetas.set(collective.rank, setup.optimizer.theta.array)
    }
    #expect(thetas.get(0).count == 5412 && thetas.get(0) == thetas.get(1))
    let fake = ThreadCollective.group(size: 2)[0]
    #expect(throws: DataError.self) { try TrainingSetup(RunSpec(preset: Preset.named("addition")!), collective: fake) }
  }
}

extension StepCoordinatorTests {
  @Test("a follower that cannot read the leader's settings stops with a clear error, its settings untouched")
  func unreadableSettings() throws {
    let outcome = ErrorSlot()
    ThreadCollective.run(size: 2) { collective in
      if collective.rank == 0 {
        // What a leader of another version might send: a header announcing 9 bytes, then bytes that are no settings.
        var header: [Double] = [1, 4, 2.5, 0.5, 9]
        header.withUnsafeMutableBytes { collective.broadcast($0.baseAddress!, count: $0.count) }
        var bytes = Array("not json!".utf8)
        bytes.withUnsafeMutableBytes { collective.broadcast($0.baseAddress!, count: $0.count) }
      } else {
        guard let setup = try? TrainingSetup(Self.spec(threads: 1)) else { return }
        setup.optimizer.config.cg.maxIterations = 33
        do throws(FollowerError) {
          try StepCoordinator<Float>(collective: collective).follow(setup.optimizer)
          outcome.set(nil, maxCG: setup.optimizer.config.cg.maxIterations)
        } catch {
          outcome.set(error, maxCG: setup.optimizer.config.cg.maxIterations)
        }
      }
    }
    #expect(
      outcome.error == FollowerError(message: "cannot read the settings rank 0 sent for iteration 5; are all ranks running the same hfdash?"))
    #expect(outcome.maxCG == 33)
  }
}

final class ErrorSlot: @unchecked Sendable {  // test-only: written by one thread, read after it joined
  private let lock = NSLock()
  private var stored: (FollowerError?, Int) = (nil, 0)
  func set(_ e: FollowerError?, maxCG: Int) { lock.withLock { stored = (e, maxCG) } }
  var error: FollowerError? { lock.withLock { stored.0 } }
  var maxCG: Int { lock.withLock { stored.1 } }
}

final class RowSlots: @unchecked Sendable {
  private let lock = NSLock()
  private var rows: [[StepCoordinatorTests.Row]] = [[], []]
  func set(_ i: Int, _ r: [StepCoordinatorTests.Row]) { lock.withLock { rows[i] = r } }
  func get(_ i: Int) -> [StepCoordinatorTests.Row] { lock.withLock { rows[i] } }
}

final class ThetaSlots: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [[Float]] = [[], []]
  func set(_ i: Int, _ v: [Float]) { lock.withLock { values[i] = v } }
  func get(_ i: Int) -> [Float] { lock.withLock { values[i] } }
}
