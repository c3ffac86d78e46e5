import ArgumentParser
import Foundation
import HFEngine

/// `hfdash bench`: performance against the machine's own sgemm limit.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure the engine against the machine's sgemm limit: operations, CG and HF iterations, memory, growth.")

  @Option(help: "Preset to measure: curves or mnist-autoencoder (random inputs of MNIST's shape unless --data is given).")
  var preset: String = Preset.default.name
  @Option(help: "Data for the preset (default: its generated data, or random inputs of the right shape).")
  var data: String?
  @Option(name: .customLong("batch"), parsing: .unconditionalSingleValue, help: "Curvature batch size(s) to time operations at (repeatable; default: the preset's).")
  var batches: [Int] = []
  @Option(parsing: .unconditional, help: "Timed repetitions per figure (the median is reported).")
  var repetitions: Int = 5
  @Option(parsing: .unconditional, help: "Worker threads (engine shards; default: all cores).")
  var threads: Int?
  @Option(parsing: .unconditional, help: "Random seed.")
  var seed: UInt64 = 1
  @Flag(help: "Small sizes that run in seconds (for tests).")
  var quick = false
  @Flag(help: "Write the report as one JSON object.")
  var json = false
  @OptionGroup var distributed: DistributedOptions
  @Option(name: .customLong("ranks"), parsing: .unconditionalSingleValue, help: "With --distributed: the rank counts to compare (repeatable; default 1 and 2).")
  var rankCounts: [Int] = []
  @Option(parsing: .unconditional, help: "With --distributed: HF iterations timed per rank count (after one warm-up).")
  var iterations: Int = 2

  func run() throws {
    if distributed.distributed {
      // The scaling of data-parallel HF over mpirun ranks (Sources/hfdash/Distributed).
      guard let preset = Preset.named(preset), preset.recurrent == nil else { fail("--distributed benchmarks a feed-forward preset.", code: 2) }
      guard iterations >= 1, rankCounts.allSatisfy({ $0 >= 1 }) else { fail("--iterations and --ranks must be at least 1.", code: 2) }
      let bench = DistributedBench(preset: preset, iterations: iterations, seed: seed, threads: threads)
      if ProcessInfo.processInfo.environment["OMPI_COMM_WORLD_SIZE"] != nil, let mpi = distributed.join() {
        bench.measure(collective: mpi)
      }
      bench.compare(ranks: rankCounts.isEmpty ? [1, 2] : rankCounts)
      return
    }
    guard let preset = Preset.named(preset), BenchSuites.feedForwardPresets.contains(preset.name) else {
      fail("'\(self.preset)' cannot be benchmarked; choose one of \(BenchSuites.feedForwardPresets.joined(separator: ", ")).", code: 2)
    }
    guard repetitions >= 1 else { fail("--repetitions must be at least 1 (got \(repetitions)).", code: 2) }
    if let t = threads, t < 1 { fail("--threads must be at least 1 (got \(t)).", code: 2) }
    if let b = batches.first(where: { $0 < 1 }) { fail("--batch must be at least 1 (got \(b)).", code: 2) }
    let source: DataSource?
    do { source = try data.map { v throws(DataError) in try DataSource(parsing: v) } } catch { fail(error.message) }
    let countsAllocations = AllocationProbe.selfTest()
    if !countsAllocations {
      FileHandle.standardError.write(Data("bench: heap allocations cannot be counted in this build (a sanitizer owns malloc).\n".utf8))
    }
    let threadCount = threads ?? ProcessInfoCores.count
    let plan = BenchPlan(
      preset: preset, data: source, batches: batches.isEmpty && quick ? [500] : batches,
      repetitions: quick ? Swift.min(repetitions, 2) : repetitions, threads: threadCount, quick: quick, seed: seed)
    let limit = SGEMMLimit(trials: quick ? 1 : 3, minSeconds: quick ? 0.002 : 0.02)
    let progress: (String) -> Void = { FileHandle.standardError.write(Data(("bench: " + $0 + "\n").utf8)) }
    var feedForward = FeedForwardSuite(plan: plan, limit: limit, progress: progress)
    var suite: SuiteReport
    do { suite = try feedForward.run() } catch { fail(error.message) }
    if !countsAllocations {
      suite.cgIteration?.allocationsPerIteration = .nan
      suite.cgIteration?.allocationsPerIterationInHF = .nan
    }
    // Taken after the suites: it spawns git, which should not count in the memory baseline.
    let machine = MachineInfo.current(engineThreads: threadCount)
    let report = BenchReport(
      machine: machine,
      settings: BenchSettings(
        preset: preset.name, data: feedForward.dataLabel,
        batches: feedForward.plan.batches, repetitions: plan.repetitions, threads: threadCount, quick: quick),
      suites: [suite])
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
      encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
      let data = try encoder.encode(report)
      writeLine(String(decoding: data, as: UTF8.self))
    } else {
      writeLine(BenchPrinter(report: report).text)
    }
  }
}

/// The subsystems `hfdash bench` can measure.
enum BenchSuites {
  /// Presets the feed-forward suite runs on.
  static let feedForwardPresets = ["curves", "mnist-autoencoder", "mnist-classifier", "tiny"]
}
