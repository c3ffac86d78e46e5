import Foundation

/// Formats a `BenchReport` as aligned text tables.
struct BenchPrinter {
  let report: BenchReport

  var text: String {
    let m = report.machine, s = report.settings
    var out = [
      "hfdash bench — \(m.date)",
      "machine   \(m.cpuModel), \(m.cores) cores; \(m.blasLibrary) kernel \(m.blasCore) (\(m.blasConfig))",
      "          BLAS threads per call \(m.blasThreads), engine threads \(m.engineThreads), OPENBLAS_CORETYPE \(m.openblasCoretype), commit \(m.commit)",
      "preset    \(s.preset) on \(s.data); batches \(s.batches.map(String.init).joined(separator: ", ")); repetitions \(s.repetitions)\(s.quick ? " (quick)" : "")",
    ]
    for suite in report.suites { out += lines(suite) }
    return out.joined(separator: "\n")
  }

  private func lines(_ r: SuiteReport) -> [String] {
    var out = ["", "== \(r.name)", ""]
    let threads = r.limit.first?.threads ?? report.settings.threads
    // The text shows the shapes of the first batch's shards; --json lists every shape measured.
    let shardRows = Set([0, 1].map { (report.settings.batches[0] + $0 * (threads - 1)) / threads })
    let shown = r.limit.filter { shardRows.contains($0.kind == "weight-gradient" ? $0.k : $0.m) }
    out.append("sgemm limit, GFLOP/s, on the shapes of batch \(report.settings.batches[0]) split over \(threads) \(threads == 1 ? "core" : "cores") (each core running its shard's shape concurrently, single-threaded BLAS; 1 core = the same shape alone)")
    out.append(row(["kind", "m×n×k", "\(threads) \(threads == 1 ? "core" : "cores")", "1 core"], [-17, -16, 9, 8]))
    for l in shown {
      out.append(row([l.kind, "\(l.m)×\(l.n)×\(l.k)", f1(l.gflops), f1(l.gflopsOneCore)], [-17, -16, 9, 8]))
    }
    out.append("")
    out.append("operations: median time, useful GFLOP/s (2·m·n·k per GEMM) and share of the sgemm limit on the same shapes")
    let w = [-21, 6, 8, 11, 9, 9, 9]
    out.append(row(["operation", "batch", "threads", "median ms", "GFLOP/s", "limit", "of limit"], w))
    for o in r.operations {
      out.append(
        row(
          [o.name, "\(o.batch)", "\(o.threads)", f2(o.medianSeconds * 1000), f1(o.usefulGFLOPS), f1(o.limitGFLOPS),
           pct(o.fractionOfLimit)], w))
    }
    if !r.coreScaling.isEmpty {
      out.append("")
      out.append("cores: 1 core vs all cores")
      for c in r.coreScaling {
        out.append("  \(pad(c.name, -21)) batch \(c.batch): \(f2(c.secondsOneCore * 1000)) ms → \(f2(c.secondsAllCores * 1000)) ms on \(c.threads) cores, speedup \(f2(c.speedup))×")
      }
    }
    if let cg = r.cgIteration {
      out.append("")
      out.append("CG iteration (batch \(cg.batch), \(cg.threads) threads): median \(f2(cg.medianSeconds * 1000)) ms over \(cg.iterationsMeasured) iterations")
      let allocations =
        cg.allocationsPerIteration.isNaN
        ? "not counted in this build"
        : "\(f2(cg.allocationsPerIteration)) (standalone), \(f2(cg.allocationsPerIterationInHF)) (inside HF iterations)"
      out.append("  heap allocations per CG iteration after the first: \(allocations); net bytes per iteration \(f1(cg.netBytesPerIteration))")
    }
    if let hf = r.hfIteration {
      let p = hf.phases
      out.append("")
      out.append("HF iteration (curvature batch \(hf.curvatureBatch), gradient on \(hf.gradientCases) cases, \(hf.threads) threads, CG iterations \(hf.cgIterations.map(String.init).joined(separator: ", ")))")
      out.append("  median \(f2(hf.medianSeconds)) s; mean phases: gradient \(f2(p.gradient)) s, CG \(f2(p.cg)) s, backtracking \(f2(p.backtracking)) s, line search \(f2(p.lineSearch)) s, evaluation \(f2(p.evaluation)) s")
      out.append("  inside GEMMs \(f2(hf.gemmSeconds)) s per iteration (engine counter, averaged over cores; \(f2(hf.gemmSecondsAtLimit)) s at the sgemm limit); \(f1(hf.usefulGFLOPS)) useful GFLOP/s overall")
      out.append("  outside GEMMs: \(pct(hf.outsideGEMMShare)) of the iteration")
    }
    if let sp = r.spectrum {
      out.append("")
      out.append("curvature spectrum: LAPACK dstev_ on CG's Lanczos tridiagonal T_k, against one Gauss-Newton product (\(f2(sp.gvSeconds * 1000)) ms)")
      out.append("  (all Ritz values with residual bounds once per HF iteration, against the run's k products; θ_min and θ_max alone, against one)")
      let sw = [-6, 13, 10, 12, 10]
      out.append(row(["k", "all Ritz ms", "of k Gv", "θ range ms", "of 1 Gv"], sw))
      for (i, k) in sp.steps.enumerated() {
        out.append(
          row(
            ["\(k)", f3(sp.spectrumSeconds[i] * 1000), pct3(sp.spectrumSeconds[i] / (Double(k) * sp.gvSeconds)),
             f3(sp.rangeSeconds[i] * 1000), pct3(sp.rangeSeconds[i] / sp.gvSeconds)], sw))
      }
      let run = sp.runningSecondsAtCap
      out.append(
        "  running θ range over a \(sp.capSteps)-step CG run (on its reporting schedule): \(f2(run * 1000)) ms in all, \(pct3(run / (Double(sp.capSteps) * sp.gvSeconds))) of its Gv products")
    }
    if let mem = r.memory {
      out.append("")
      out.append("memory: peak resident \(mb(mem.peakResidentBytes)) (before loading: \(mb(mem.baselineResidentBytes))); need \(mb(mem.needBytes)) → \(f2(mem.ratio))× (\(f2(mem.ratioAboveBaseline))× above the pre-load baseline)")
      out.append("  need = data \(mb(mem.dataBytes)) + parameters \(mb(mem.parameterBytes)) + \(mem.cgVectors) CG/HF vectors \(mb(mem.cgVectorBytes)) + cached activations \(mb(mem.activationBytes))")
    }
    if !r.growth.isEmpty {
      out.append("")
      out.append("growth: Gv product and one HF iteration (fixed CG iteration count) as the batch doubles and the widths scale")
      let gw = [-7, 7, 7, 10, 9, 7, 9, 8, 7]
      out.append(row(["series", "batch", "width", "params", "Gv ms", "×prev", "GFLOP/s", "HF s", "×prev"], gw))
      var prev: GrowthRow? = nil
      for g in r.growth {
        let same = prev?.series == g.series
        out.append(
          row(
            [g.series, "\(g.batch)", "×" + f2(g.widthFactor), "\(g.parameters)", f2(g.gvSeconds * 1000),
             same ? f2(g.gvSeconds / prev!.gvSeconds) : "", f1(g.gvGFLOPS), f2(g.hfIterationSeconds),
             same ? f2(g.hfIterationSeconds / prev!.hfIterationSeconds) : ""], gw))
        prev = g
      }
    }
    return out
  }

  private func row(_ cells: [String], _ widths: [Int]) -> String {
    "  " + zip(cells, widths).map { pad($0, $1) }.joined(separator: " ")
  }
  /// Pads to |w| characters: right-aligned for w > 0, left-aligned for w < 0.
  private func pad(_ s: String, _ w: Int) -> String {
    let n = s.count, width = abs(w)
    if n >= width { return s }
    let fill = String(repeating: " ", count: width - n)
    return w > 0 ? fill + s : s + fill
  }
  private func f1(_ x: Double) -> String { String(format: "%.1f", x) }
  private func f2(_ x: Double) -> String { String(format: "%.2f", x) }
  private func pct(_ x: Double) -> String { String(format: "%.0f%%", x * 100) }
  private func pct3(_ x: Double) -> String { String(format: "%.3f%%", x * 100) }
  private func f3(_ x: Double) -> String { String(format: "%.3f", x) }
  private func mb(_ x: Double) -> String { String(format: "%.0f MB", x / 1e6) }
}
