import Foundation
import HFEngine

/// `hfdash bench --distributed`: time per HF iteration, communication share, collectives and
/// bytes per iteration, for 1, 2, … ranks of mpirun on this machine. Outside mpirun it starts
/// one mpirun job per rank count (each job measures and reports one JSON line) and prints the
/// comparison; inside a job it measures.
struct DistributedBench {
  let preset: Preset
  let iterations: Int
  let seed: UInt64
  let threads: Int?

  /// One job's figures (rank 0's view; communication includes waiting for slower ranks).
  struct Sample: Codable {
    var ranks: Int
    var threadsPerRank: Int
    var parameters: Int
    var iterations: Int
    var secondsPerIteration: Double
    var communicationPerIteration: Double
    var collectivesPerIteration: Double
    var payloadBytesPerIteration: Double
    var cgStepsPerIteration: Double
  }

  /// In an mpirun job: one warm-up iteration, then `iterations` timed; rank 0 prints the sample.
  func measure(collective: MPICollective) -> Never {
    var spec = RunSpec(preset: preset, seed: seed)
    spec.config.threads = threads ?? DistributedOptions.defaultThreads(collective: collective)
    if collective.rank > 0 {
      DistributedRun.follow(collective: collective) { () throws(DataError) in try TrainingSetup(spec, collective: collective) }
    }
    let setup: TrainingSetup
    do { setup = try TrainingSetup(spec, collective: collective) } catch {
      DistributedRun.abandon(collective)
      fail(error.message)
    }
    do { try DistributedRun.confirm(collective) } catch { fail(error.message) }
    let optimizer = setup.optimizer
    optimizer.step()
    let operations = collective.operationCount, bytes = collective.payloadBytes
    var seconds = 0.0, communication = 0.0, cg = 0
    for _ in 0..<iterations {
      guard let r = optimizer.step() else { break }
      seconds += r.times.total
      communication += r.times.communication
      cg += r.cgIterations
    }
    let k = Double(iterations)
    let sample = Sample(
      ranks: collective.size, threadsPerRank: spec.config.threads, parameters: setup.problem.parameterCount,
      iterations: iterations, secondsPerIteration: seconds / k, communicationPerIteration: communication / k,
      collectivesPerIteration: Double(collective.operationCount - operations) / k,
      payloadBytesPerIteration: Double(collective.payloadBytes - bytes) / k, cgStepsPerIteration: Double(cg) / k)
    DistributedRun.end(collective)
    if let data = try? JSONEncoder().encode(sample) { writeLine(String(decoding: data, as: UTF8.self)) }
    exit(0)
  }

  /// Outside mpirun: one job per rank count, then the table.
  func compare(ranks: [Int]) {
    var samples: [Sample] = []
    for n in ranks {
      FileHandle.standardError.write(Data("bench: \(preset.name) on \(n) rank(s), \(iterations) HF iterations…\n".utf8))
      samples.append(job(ranks: n))
    }
    writeLine(Self.table(samples, preset: preset.name))
  }

  /// Runs `mpirun -np n hfdash bench --distributed …` and reads its sample.
  private func job(ranks n: Int) -> Sample {
    var arguments = ["mpirun", "--oversubscribe", "--bind-to", "none", "-np", String(n)]
    if geteuid() == 0 { arguments.append("--allow-run-as-root") }
    arguments += [
      CommandLine.arguments[0], "bench", "--distributed", "--preset", preset.name, "--iterations", String(iterations),
      "--seed", String(seed),
    ]
    if let threads { arguments += ["--threads", String(threads)] }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { fail("cannot start mpirun (\(error)); install Open MPI: apt-get install -y openmpi-bin libopenmpi-dev.") }
    let output = DescriptorReader.readToEnd(pipe.fileHandleForReading)
    process.waitUntilExit()
    let line = String(decoding: output, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
    guard process.terminationStatus == 0, let sample = try? JSONDecoder().decode(Sample.self, from: Data(line.utf8)) else {
      fail("the \(n)-rank bench job failed (mpirun exit status \(process.terminationStatus)).")
    }
    return sample
  }

  /// The measured table and the model's prediction per sample.
  static func table(_ samples: [Sample], preset: String) -> String {
    guard let base = samples.first else { return "" }
    var lines = [
      "distributed HF on \(preset) (\(base.parameters) parameters) on this machine: every row uses all its cores",
      "(ranks × threads), so the ideal relative speed is 1.00; shared memory between ranks; comm includes waiting",
      "for the slower rank.",
      "ranks  threads/rank  s/HF iter  CG/iter  comm s  comm %  collectives/iter  MB sent/iter (rank 0)  relative speed",
    ]
    for s in samples {
      let speed = base.secondsPerIteration / s.secondsPerIteration
      lines.append(
        String(
          format: "%5d  %12d  %9.2f  %7.1f  %6.3f  %5.1f%%  %16.1f  %21.2f  %14.2f", s.ranks, s.threadsPerRank,
          s.secondsPerIteration, s.cgStepsPerIteration, s.communicationPerIteration,
          100 * s.communicationPerIteration / Swift.max(s.secondsPerIteration, 1e-12), s.collectivesPerIteration,
          s.payloadBytesPerIteration / 1e6, speed))
    }
    lines.append("")
    let collectives = samples.last(where: { $0.ranks > 1 })?.collectivesPerIteration ?? 0
    lines.append(ScalingModel(sample: base, collectivesPerIteration: collectives).text)
    return lines.joined(separator: "\n")
  }
}
