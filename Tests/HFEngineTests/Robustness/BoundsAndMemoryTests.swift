import Foundation
import HFEngine
import Testing

/// Every size from outside is checked against its range, and the memory a run needs against the
/// machine's, before anything is allocated: one sentence instead of an allocation failure.
@Suite("Ranges and memory budget")
struct BoundsAndMemoryTests {
  static let tiny = Preset.named("tiny")!

  static func refusal(_ spec: RunSpec, memory: MemoryBudget = .machine) -> String? {
    do {
      _ = try TrainingSetup(spec, memory: memory)
      return nil
    } catch { return error.message }
  }

  @Test("absurd settings are refused with their range, in one sentence")
  func settingsOutsideTheirRanges() {
    func refused(_ edit: (inout HFConfig) -> Void) -> String? {
      var spec = RunSpec(preset: Self.tiny)
      edit(&spec.config)
      return Self.refusal(spec)
    }
    #expect(refused { $0.cg.maxIterations = 1_000_000_000_000_000 } == "Impossible setting: the CG iteration cap must be between 1 and 10000 (got 1000000000000000).")
    #expect(refused { $0.threads = .max } == "Impossible setting: threads must be between 1 and 1024 (got 9223372036854775807).")
    #expect(refused { $0.threads = 0 } == "Impossible setting: threads must be between 1 and 1024 (got 0).")
    #expect(refused { $0.curvatureBatchSize = 1 << 40 } == "Impossible setting: the curvature batch size must be between 1 and 100000000 (got 1099511627776).")
    #expect(refused { $0.chunks = .max } == "Impossible setting: the number of curvature chunks must be between 1 and 1000000 (got 9223372036854775807).")
    #expect(refused { $0.initialLambda = .infinity } == "Impossible setting: λ must be a finite number ≥ 0 (got inf).")
    #expect(refused { $0.structuralDamping = .nan } == "Impossible setting: μ must be a finite number ≥ 0 (got nan).")
    #expect(refused { $0.cg.tolerance = 2 } == "Impossible setting: the CG tolerance must be between 0 and 1 (got 2.0).")
    #expect(refused { $0.consecutiveFailureLimit = 0 } == "Impossible setting: the consecutive-failure limit must be between 1 and 1000 (got 0).")
    #expect(refused { $0.initialLambda = 1e300 } == nil, "huge but finite λ is contained, not refused")
  }

  @Test("racer settings outside their ranges are refused when the racer is built")
  func racerRanges() throws {
    var spec = RunSpec(preset: Self.tiny)
    spec.racers.lbfgsHistory = 1_000_000_000_000
    #expect(spec.racers.validationError == "the L-BFGS history must hold between 1 and 1000 pairs (got 1000000000000).")
    let setup = try TrainingSetup(spec)
    #expect(throws: DataError("Impossible racer setting: the L-BFGS history must hold between 1 and 1000 pairs (got 1000000000000).")) {
      _ = try setup.makeOptimizer(.lbfgs)
    }
    var r = RacerSettings()
    r.passesPerReport = 1e300
    #expect(r.validationError == "the passes per report must be between 1e-6 and 1000 (got 1e+300).")
    r = RacerSettings()
    r.batchSize = 0
    #expect(r.validationError == "the mini-batch size must be between 1 and 100000000 (got 0).")
  }

  @Test("a recurrent run at T = 5000 with 10000 hidden units is refused with what it needs, before allocating it")
  func recurrentTooLarge() throws {
    let preset = try #require(Preset.named("addition")?.adjusted(sequenceLength: 5000, hiddenUnits: 10_000))
    var spec = RunSpec(preset: preset)
    spec.config.threads = 2
    // Allocating what this asks for would end the test process: getting a sentence back means
    // nothing was allocated first.
    #expect(
      Self.refusal(spec, memory: MemoryBudget(bytes: 24 << 30))
        == "The addition run at T = 5000 with 10000 hidden units needs 322 GiB of memory (workspaces of 2 threads 311 GiB, HF and CG vectors 10.9 GiB, sequence batches 367.2 MiB); this machine has 24.0 GiB.")
    #expect(Self.refusal(spec) != nil, "no machine this runs on has 322 GiB")
  }

  @Test("a feed-forward run is checked against the budget: the tiny preset fits the machine, not 1 MiB")
  func feedForwardBudget() {
    let spec = RunSpec(preset: Self.tiny)
    #expect(Self.refusal(spec) == nil)
    let message = Self.refusal(spec, memory: MemoryBudget(bytes: 1 << 20))
    #expect(message?.hasPrefix("The tiny run (5412 parameters, 1000 training cases) needs ") == true, "\(message ?? "nil")")
    #expect(message?.contains(" MiB of memory (") == true, "the largest parts are listed: \(message ?? "nil")")
    #expect(message?.hasSuffix("; this machine has 1.0 MiB.") == true)
  }

  @Test("racers are checked with the run: 1000 L-BFGS pairs of the tiny network do not fit in 40 MiB, SGD does")
  func racerBudget() throws {
    var spec = RunSpec(preset: Self.tiny)
    spec.racers.lbfgsHistory = 1000
    let setup = try TrainingSetup(spec, memory: MemoryBudget(bytes: 40 << 20))
    #expect(throws: DataError.self) { _ = try setup.makeOptimizer(.lbfgs) }
    do {
      _ = try setup.makeOptimizer(.lbfgs)
    } catch {
      #expect(error.message.hasPrefix("The tiny run with L-BFGS racing needs "))
      #expect(error.message.contains("(L-BFGS vectors 41.5 MiB, "), "\(error.message)")
      #expect(error.message.hasSuffix("; this machine has 40.0 MiB."))
    }
    #expect(throws: Never.self) { _ = try setup.makeOptimizer(.sgd) }
  }

  @Test("memory figures: one decimal below 100 GiB, MiB below 1 GiB, the need rounded up and the machine down")
  func amounts() {
    #expect(MemoryBudget.amount(24 << 30, roundingUp: false) == "24.0 GiB")
    #expect(MemoryBudget.amount((235 << 30) / 10, roundingUp: false) == "23.5 GiB")
    #expect(MemoryBudget.amount((235 << 30) / 10 + 1, roundingUp: true) == "23.6 GiB")
    #expect(MemoryBudget.amount(322 << 30, roundingUp: true) == "322 GiB")
    #expect(MemoryBudget.amount(40 << 20, roundingUp: false) == "40.0 MiB")
    #expect(MemoryBudget.machine.bytes > 1 << 28, "the machine's memory is read (MemTotal or sysinfo)")
  }

  @Test("an architecture wider than the range is refused before its layout is built")
  func architectureRange() {
    let wide = NetworkArchitecture(layerSizes: [2_000_000, 3, 2_000_000], hiddenActivations: [.logistic], output: .linearSquaredError)
    #expect(wide.validationError == "layer 0 of the network would have 2000000 units; a layer holds between 1 and 1000000.")
    let huge = NetworkArchitecture(layerSizes: [1 << 40, 1 << 40], hiddenActivations: [], output: .linearSquaredError)
    #expect(huge.checkedParameterCount == nil, "2⁸⁰ weights overflow Int")
    #expect(Preset.named("curves")?.architecture?.checkedParameterCount == 842_340)
  }
}
