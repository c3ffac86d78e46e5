import Foundation
import ArgumentParser
import HFEngine
import HFSession

/// The flags shared by `run` and `train`: preset, data, seed and every HF hyperparameter.
struct RunOptions: ParsableArguments {
  @Option(help: "Preset: \(Preset.all.map(\.name).joined(separator: ", ")).")
  var preset: String = Preset.default.name
  @Option(help: "Data: generated (calibrated CURVES), generated:curves-v1 (the first CURVES generator), generated:tiny, mnist:DIR or csv:FILE (default: the preset's).")
  var data: String?
  @Option(help: "CSV label column (name or 1-based index) for classifier presets.")
  var label: String?
  @Option(help: "Random seed (data generation, shuffling, initialization).")
  var seed: UInt64 = 1

  @Option(parsing: .unconditional, help: "Initial damping λ₀ (default: the preset's; 45 for the autoencoders).")
  var lambda: Double?
  @Flag(help: "Freeze λ (turn the Levenberg–Marquardt rule off).")
  var freezeLambda = false
  @Option(help: "ρ model: undamped (Martens' code) or damped.")
  var rhoModel: String?
  @Option(help: "Curvature matrix: gn (Gauss-Newton), hessian or fisher.")
  var curvature: String?
  @Option(help: "Maximum CG iterations per HF iteration.")
  var maxCg: Int?
  @Option(help: "Minimum CG iterations.")
  var minCg: Int?
  @Option(parsing: .unconditional, help: "ε of CG's relative-progress stop.")
  var cgTolerance: Double?
  @Option(help: "Number of curvature batches the training set is split into (cycled).")
  var chunks: Int?
  @Option(help: "Curvature batch size (overrides --chunks).")
  var curvatureBatch: Int?
  @Option(help: "Cases for gradient, backtracking and line search (default: the full training set).")
  var gradientBatch: Int?
  @Option(parsing: .unconditional, help: "Warm-start decay of the previous CG solution (0 = cold start).")
  var warmStartDecay: Double?
  @Option(parsing: .unconditional, help: "L2 weight cost.")
  var weightCost: Double?
  @Flag(help: "Turn the diagonal preconditioner off.")
  var noPreconditioner = false
  @Flag(help: "Turn CG-iterate backtracking off.")
  var noBacktracking = false
  @Flag(help: "Turn the Armijo line search off.")
  var noLineSearch = false
  @Option(help: "Evaluate the test set every N iterations (0 = never).")
  var testInterval: Int?
  @Option(help: "Initialization: sparse (15 incoming N(0,1) per unit) or gaussian.")
  var initialization: String = "sparse"
  @Option(help: "Worker threads (default: all cores).")
  var threads: Int?
  @Option(help: "Recurrent presets: the task's length setting T (Sutskever's lengths scale with T/100).")
  var seqLen: Int?
  @Option(help: "Recurrent presets: tanh hidden units (default 100).")
  var hidden: Int?
  @Option(help: "Structural damping μ (applied as μ·λ; recurrent presets; 0 = plain Tikhonov).")
  var mu: Double?

  @Option(parsing: .unconditional, help: "Racers: SGD / momentum learning rate (default 0.01 for autoencoders, 0.05 for classifiers).")
  var learningRate: Double?
  @Option(parsing: .unconditional, help: "Racers: upper bound μ_max of Sutskever's momentum schedule (default 0.99; published 0.9, 0.99, 0.995, 0.999).")
  var momentumMax: Double?
  @Option(parsing: .unconditional, help: "Racers: mini-batch size of SGD, momentum and Adam (default 200).")
  var miniBatch: Int?
  @Option(parsing: .unconditional, help: "Racers: decay the mini-batch learning rate as lr/(1 + t/τ) over updates t (default: constant).")
  var lrDecay: Double?
  @Option(parsing: .unconditional, help: "Racers: Adam's step size α (default 0.001).")
  var adamRate: Double?
  @Option(parsing: .unconditional, help: "Racers: (s, y) pairs L-BFGS keeps (default 10).")
  var lbfgsHistory: Int?
  @Option(parsing: .unconditional, help: "Racers: restart non-linear CG every N iterations (default: only on its other restart tests).")
  var ncgRestart: Int?
  @Option(parsing: .unconditional, help: "Racers: cases NCG and L-BFGS use for gradients and line searches (default: the full training set).")
  var lineSearchBatch: Int?
  @Option(parsing: .unconditional, help: "Racers: data passes of mini-batch updates per reported iteration (default 1).")
  var reportPasses: Double?

  @Option(help: "The optimizer of the run: \(OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")).")
  var optimizer: String = OptimizerKind.hf.rawValue
  @Option(
    help: ArgumentHelp(
      "Race HF against these optimizers (comma-separated: \(SessionOptions.rivalNames)) from the same initial weights, taking turns in equal slices of data passes.",
      valueName: "list"))
  var race: String?

  /// Checks --optimizer and --race before anything is loaded (usage errors).
  func validate() throws {
    do {
      _ = try sessionOptimizers()
    } catch { throw ValidationError(error.message) }
  }

  /// The single run's optimizer and HF's rivals (empty unless --race); bad names are one sentence.
  func sessionOptimizers() throws(DataError) -> (optimizer: OptimizerKind, race: [OptimizerKind]) {
    let names = OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")
    guard let single = OptimizerKind(rawValue: optimizer.lowercased()) else {
      throw DataError("Unknown optimizer '\(optimizer)'; choose one of \(names).")
    }
    guard let race else { return (single, []) }
    var rivals: [OptimizerKind] = []
    for name in race.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
      guard let kind = OptimizerKind(rawValue: name.lowercased()) else {
        throw DataError("Unknown optimizer '\(name)' in --race; choose among \(SessionOptions.rivalNames).")
      }
      rivals.append(kind)
    }
    let options = SessionOptions(optimizer: single, race: rivals)
    if let problem = options.optimizerError { throw DataError(problem) }
    if rivals.isEmpty { throw DataError("--race needs at least one optimizer to race HF (\(SessionOptions.rivalNames)).") }
    return (single, rivals)
  }

  /// The run these flags describe; a bad value is reported as one sentence.
  func runSpec() throws(DataError) -> RunSpec {
    guard var preset = Preset.named(self.preset) else {
      throw DataError("Unknown preset '\(self.preset)'; choose one of \(Preset.all.map(\.name).joined(separator: ", ")).")
    }
    if seqLen != nil || hidden != nil {
      guard let adjusted = preset.adjusted(sequenceLength: seqLen, hiddenUnits: hidden) else {
        throw DataError("--seq-len and --hidden only apply to the recurrent presets (\(Preset.recurrentPresets.map(\.name).joined(separator: ", "))).")
      }
      preset = adjusted
    }
    if preset.recurrent != nil && initialization != "sparse" {
      throw DataError("The recurrent presets always use Sutskever's sparse initialization; --initialization does not apply.")
    }
    var c = preset.config
    if let v = mu {
      guard v >= 0 && v.isFinite else { throw DataError("--mu must be a finite number ≥ 0 (got \(v)).") }
      c.structuralDamping = v
    }
    if let v = lambda { c.initialLambda = v }
    if freezeLambda { c.adaptiveLambda = false }
    if let v = rhoModel {
      guard let m = RhoModel(rawValue: v) else { throw DataError("Unknown ρ model '\(v)'; use undamped or damped.") }
      c.rhoModel = m
    }
    if let v = curvature { c.curvature = try Self.curvatureType(v) }
    if let v = maxCg { c.cg.maxIterations = v }
    if let v = minCg { c.cg.minIterations = v }
    if let v = cgTolerance { c.cg.tolerance = v }
    if let v = chunks { c.chunks = v }
    if let v = curvatureBatch { c.curvatureBatchSize = v }
    if let v = gradientBatch { c.gradientBatchSize = v }
    if let v = warmStartDecay { c.warmStartDecay = v }
    if let v = weightCost { c.weightCost = v }
    if noPreconditioner { c.preconditioner = false }
    if noBacktracking { c.backtracking = false }
    if noLineSearch { c.lineSearch = false }
    if let v = testInterval { c.testInterval = v }
    c.threads = threads ?? ProcessInfoCores.count
    if let problem = c.validationError { throw DataError("Impossible setting: " + problem) }
    var spec = RunSpec(preset: preset, data: try data.map { v throws(DataError) in try DataSource(parsing: v) }, seed: seed, config: c)
    switch initialization {
    case "sparse": spec.initializer = .martensSparse
    case "gaussian": spec.initializer = .gaussian(scale: 1)
    default: throw DataError("Unknown initialization '\(initialization)'; use sparse or gaussian.")
    }
    if let label { spec.csvLabel = CSVLabel(parsing: label) }
    spec.racers = try racerSettings(for: preset.kind)
    return spec
  }

  /// The racer settings these flags describe; a bad value is one sentence naming its flag.
  func racerSettings(for kind: DataKind) throws(DataError) -> RacerSettings {
    var r = RacerSettings(for: kind)
    func positive(_ v: Double, _ flag: String) throws(DataError) -> Double {
      guard v > 0 && v.isFinite else { throw DataError("\(flag) must be a finite number > 0 (got \(v)).") }
      return v
    }
    func atLeastOne(_ v: Int, _ flag: String) throws(DataError) -> Int {
      guard v >= 1 else { throw DataError("\(flag) must be at least 1 (got \(v)).") }
      return v
    }
    if let v = learningRate { r.learningRate = try positive(v, "--learning-rate") }
    if let v = momentumMax {
      guard v >= 0 && v < 1 else { throw DataError("--momentum-max must lie in [0, 1) (got \(v)).") }
      r.momentumMax = v
    }
    if let v = miniBatch { r.batchSize = try atLeastOne(v, "--mini-batch") }
    if let v = lrDecay { r.schedule = .inverseTime(updates: try positive(v, "--lr-decay")) }
    if let v = adamRate { r.adamRate = try positive(v, "--adam-rate") }
    if let v = lbfgsHistory { r.lbfgsHistory = try atLeastOne(v, "--lbfgs-history") }
    if let v = ncgRestart { r.ncgRestartInterval = try atLeastOne(v, "--ncg-restart") }
    if let v = lineSearchBatch { r.fullBatchSize = try atLeastOne(v, "--line-search-batch") }
    if let v = reportPasses { r.passesPerReport = try positive(v, "--report-passes") }
    if let problem = r.validationError { throw DataError("Impossible racer setting: " + problem) }
    return r
  }

  /// Parses gn / hessian / fisher.
  static func curvatureType(_ v: String) throws(DataError) -> CurvatureType {
    switch v.lowercased() {
    case "gn", "gauss-newton", "gaussnewton": return .gaussNewton
    case "hessian", "h": return .hessian
    case "fisher", "f": return .fisher
    default: throw DataError("Unknown curvature '\(v)'; use gn, hessian or fisher.")
    }
  }
}

/// The number of cores the engine shards over by default.
enum ProcessInfoCores {
  static var count: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
