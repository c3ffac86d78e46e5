import Foundation

/// The model of N ranks on a network (docs/BENCHMARKS.md): compute divides by N; each
/// parameter-sized allreduce of B bytes costs a ring allreduce, 2·(N−1)/N·B / bandwidth plus
/// 2·(N−1) latencies; the per-iteration state broadcast sends 2·B once (a pipelined broadcast);
/// scalar collectives cost latency only.
struct ScalingModel {
  /// A one-rank sample (its compute time and CG steps).
  let sample: DistributedBench.Sample
  /// Collective operations per iteration of a several-rank job (one rank runs none).
  let collectivesPerIteration: Double
  /// 10 Gb/s Ethernet and a typical TCP MPI latency.
  var bandwidth = 10e9 / 8
  var latency = 50e-6

  /// Seconds per HF iteration on `n` ranks, from a one-rank sample (its compute time).
  func predicted(ranks n: Int) -> (seconds: Double, communication: Double) {
    let compute = sample.secondsPerIteration - sample.communicationPerIteration
    let bytes = Double(sample.parameters) * 4
    // Parameter-sized allreduces: the gradient, the squared gradients, one per CG step, one for ρ.
    let vectors = 2 + sample.cgStepsPerIteration + 1
    let scalars = Swift.max(0, collectivesPerIteration - vectors - 4)
    let m = Double(n)
    guard n > 1 else { return (compute, 0) }
    let ring = vectors * (2 * (m - 1) / m * bytes / bandwidth + 2 * (m - 1) * latency)
    let state = 2 * bytes / bandwidth + log2(m) * latency
    let small = scalars * 2 * log2(m) * latency
    let communication = ring + state + small
    return (compute / m + communication, communication)
  }

  var text: String {
    let bytes = Double(sample.parameters) * 4
    let vectors = 2 + sample.cgStepsPerIteration + 1
    var lines = [
      String(
        format: "model for N machines like this one (one rank each) on 10 Gb/s (latency 50 µs), from the 1-rank compute time and %.0f CG steps per iteration:",
        sample.cgStepsPerIteration),
      String(
        format: "  per iteration: %.0f allreduces of %.2f MB (gradient, squares, one per CG step, ρ), a %.2f MB state broadcast, %.0f scalar collectives",
        vectors, bytes / 1e6, 2 * bytes / 1e6, Swift.max(0, collectivesPerIteration - vectors - 4)),
      "  ranks  s/HF iter  comm s  comm %  efficiency",
    ]
    let one = predicted(ranks: 1).seconds
    for n in [1, 2, 4, 8, 16, 32] {
      let p = predicted(ranks: n)
      lines.append(
        String(
          format: "  %5d  %9.2f  %6.3f  %5.1f%%  %9.0f%%", n, p.seconds, p.communication,
          100 * p.communication / Swift.max(p.seconds, 1e-12), 100 * one / (Double(n) * p.seconds)))
    }
    return lines.joined(separator: "\n")
  }
}
