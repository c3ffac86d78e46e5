import HFEngine

/// The settings table: every hyperparameter of HF and of the racers, declared once. The CLI
/// flags, the `:` commands, the keys that change settings, the Hyperparameters panel, the help,
/// the recording's control lines and the session's checks all come from it.
///
/// To add a setting: add one entry here (an existing kind: `number`, `whole`, `optionalWhole`,
/// `flag`, `choice`), then use the field in the engine. The flag, the `:` command, validation,
/// confirmations and recordings follow.
public enum Settings {
  public typealias B = HFConfig.Bounds
  public typealias R = RacerSettings.Bounds

  /// Every setting, in the order help lists them.
  public static let all: [Setting] = [
    .number(
      .lambda, "λ", aliases: ["l", "damping", "λ"], flag: .option("lambda"), op: "setLambda",
      help: "damping λ (set it, or scale it: *2 doubles, /2 halves); takes effect next iteration", bounds: B.lambda,
      \.lambda),
    .flag(
      .adaptiveLambda, "adaptive λ", aliases: ["lm", "adapt"], flag: .off("freeze-lambda"), op: "setAdaptiveLambda",
      help: "Levenberg–Marquardt rule adapts λ from ρ (off freezes λ)", \.config.adaptiveLambda),
    .whole(
      .maxCG, "max CG", aliases: ["cg", "cgmax"], flag: .option("max-cg"), op: "setMaxCG",
      help: "cap on CG iterations per HF iteration (below min CG lowers it)", bounds: B.maxCG, \.config.cg.maxIterations,
      then: { s in s.config.cg.minIterations = Swift.min(s.config.cg.minIterations, s.config.cg.maxIterations) }),
    .whole(
      .minCG, "min CG", aliases: ["cgmin"], flag: .option("min-cg"), op: "setMinCG",
      help: "CG iterations run before the progress test may stop CG (at most max CG)", bounds: B.minCG,
      \.config.cg.minIterations,
      then: { s in s.config.cg.minIterations = Swift.min(s.config.cg.minIterations, s.config.cg.maxIterations) }),
    .number(
      "cgtol", "CG tolerance", aliases: ["tolerance", "epsilon", "ε"], flag: .option("cg-tolerance"), op: "setCGTolerance",
      help: "ε of CG's relative-progress stop", bounds: B.cgTolerance, \.config.cg.tolerance),
    .optionalWhole(
      .curvatureBatch, "curvature batch", aliases: ["curvbatch", "cbatch"], flag: .option("curvature-batch"),
      op: "setCurvatureBatch", help: "cases in the curvature mini-batch (Gv products); overrides chunks", bounds: B.batch,
      automatic: { "1/\($0.config.chunks) of data" }, \.config.curvatureBatchSize),
    .whole(
      "chunks", "curvature chunks", flag: .option("chunks"), op: "setChunks",
      help: "curvature batches the training set is split into, cycled", bounds: B.chunks, live: false, \.config.chunks),
    .optionalWhole(
      "gradbatch", "gradient batch", flag: .option("gradient-batch"), op: "setGradientBatch",
      help: "cases for gradient, backtracking and line search", bounds: B.batch, live: false,
      automatic: { _ in "all training cases" }, \.config.gradientBatchSize),
    .number(
      .structuralDamping, "μ", aliases: ["μ", "structural"], flag: .option("mu"), op: "setStructuralDamping",
      help: "structural damping μ (recurrent nets; adds μλ·JᵀD''J)", bounds: B.structuralDamping,
      \.config.structuralDamping, capability: { caps, _ in caps.structuralDampingRefusal }),
    .flag(
      .preconditioner, "preconditioner", aliases: ["preconditioner", "pc"], flag: .off("no-preconditioner"),
      op: "setPreconditioner", help: "diagonal preconditioner (diag(Σg²) + λ + wc)^α for CG", \.config.preconditioner,
      capability: { caps, v in caps.refusal(preconditioner: v == .flag(true)) }),
    .number(
      "alpha", "preconditioner exponent", aliases: ["α", "exponent"], flag: .option("preconditioner-exponent"),
      op: "setPreconditionerExponent", help: "the preconditioner's exponent α", bounds: B.preconditionerExponent,
      \.config.preconditionerExponent),
    .choice(
      .curvature, "curvature", aliases: ["curv"], flag: .option("curvature"), op: "setCurvature",
      help: "curvature matrix CG uses: Gauss-Newton, true Hessian, or empirical Fisher", \.config.curvature,
      [
        (CurvatureType.gaussNewton, ["gn", "gauss-newton", "gaussnewton", "ggn"], "GN"), (.hessian, ["hessian", "h"], "Hessian"),
        (.fisher, ["fisher", "f"], "Fisher"),
      ], capability: { caps, type in caps.refusal(curvature: type) }),
    .flag(
      "linesearch", "line search", aliases: ["ls"], flag: .off("no-line-search"), op: "setLineSearch",
      help: "Armijo line search after backtracking", \.config.lineSearch),
    .flag(
      "backtracking", "backtracking", aliases: ["backtrack", "bt"], flag: .off("no-backtracking"), op: "setBacktracking",
      help: "walk back over stored CG iterates while the objective improves", \.config.backtracking),
    .number(
      "wc", "weight cost", aliases: ["weightcost", "l2"], flag: .option("weight-cost"), op: "setWeightCost",
      help: "L2 weight cost (objective gets wc/2·‖θ‖²)", bounds: B.weightCost, \.config.weightCost),
    .number(
      "decay", "warm-start decay", aliases: ["warmstart", "ws"], flag: .option("warm-start-decay"), op: "setWarmStartDecay",
      help: "CG warm start: previous solution × decay (0 = cold start)", bounds: B.warmStartDecay, \.config.warmStartDecay),
    .choice(
      "rho", "ρ model", aliases: ["rhomodel", "ρ"], flag: .option("rho-model"), op: "setRhoModel",
      help: "quadratic model ρ compares with: undamped (Martens' feed-forward code) or damped (RNN)", \.config.rhoModel,
      [(RhoModel.undamped, ["undamped"], "undamped"), (.damped, ["damped"], "damped")]),
    .whole(
      "threads", "threads", flag: .option("threads"), op: "setThreads", help: "worker threads (default: all cores)",
      bounds: B.threads, live: false, \.config.threads),
    .whole(
      "testinterval", "test interval", aliases: ["testevery"], flag: .option("test-interval"), op: "setTestInterval",
      help: "evaluate the test set every N HF iterations (0 = never)", bounds: B.testInterval, \.config.testInterval),
    // The racers' settings (command line only).
    .number(
      "lr", "learning rate", flag: .option("learning-rate"), op: "setLearningRate",
      help: "racers: SGD / momentum learning rate (default 0.01 for autoencoders, 0.05 for classifiers)",
      bounds: R.learningRate, live: false, owner: .racers, \.racers.learningRate),
    .number(
      "momentummax", "momentum maximum", flag: .option("momentum-max"), op: "setMomentumMax",
      help: "racers: upper bound μ_max of Sutskever's momentum schedule (published 0.9, 0.99, 0.995, 0.999)",
      bounds: R.momentumMax, live: false, owner: .racers, \.racers.momentumMax),
    .whole(
      "minibatch", "mini-batch", flag: .option("mini-batch"), op: "setMiniBatch",
      help: "racers: mini-batch size of SGD, momentum and Adam", bounds: R.batch, live: false, owner: .racers,
      \.racers.batchSize),
    Setting(
      "lrdecay", "learning-rate decay τ", flag: .option("lr-decay"), op: "setLearningRateDecay",
      help: "racers: decay the mini-batch learning rate as lr/(1 + t/τ) over updates t (default: constant)",
      kind: .number(R.learningRateDecay), live: false, owner: .racers, automatic: { _ in "constant" },
      get: { s in if case .inverseTime(let tau) = s.racers.schedule { .number(tau) } else { .automatic } },
      set: { s, v in s.racers.schedule = v.number.map { .inverseTime(updates: $0) } ?? .constant }),
    .number(
      "adamrate", "Adam rate", flag: .option("adam-rate"), op: "setAdamRate", help: "racers: Adam's step size α",
      bounds: R.adamRate, live: false, owner: .racers, \.racers.adamRate),
    .whole(
      "lbfgshistory", "L-BFGS history", flag: .option("lbfgs-history"), op: "setLBFGSHistory",
      help: "racers: (s, y) pairs L-BFGS keeps", bounds: R.lbfgsHistory, live: false, owner: .racers, \.racers.lbfgsHistory),
    .optionalWhole(
      "ncgrestart", "NCG restart", flag: .option("ncg-restart"), op: "setNCGRestart",
      help: "racers: restart non-linear CG every N iterations (default: only on its other restart tests)",
      bounds: R.ncgRestart, live: false, owner: .racers, automatic: { _ in "on its tests" }, \.racers.ncgRestartInterval),
    .optionalWhole(
      "linesearchbatch", "line-search batch", flag: .option("line-search-batch"), op: "setLineSearchBatch",
      help: "racers: cases NCG and L-BFGS use for gradients and line searches (default: the full training set)",
      bounds: R.batch, live: false, owner: .racers, automatic: { _ in "all training cases" }, \.racers.fullBatchSize),
    .number(
      "reportpasses", "passes per report", flag: .option("report-passes"), op: "setReportPasses",
      help: "racers: data passes of mini-batch updates per reported iteration", bounds: R.passesPerReport, live: false,
      owner: .racers, \.racers.passesPerReport),
  ]

  /// The setting `id` names.
  public static func setting(_ id: SettingID) -> Setting? { all.first { $0.id == id } }

  /// The setting a `:` word names (its id or an alias, any case).
  public static func setting(named word: String) -> Setting? {
    let w = word.lowercased()
    return all.first { $0.id.rawValue == w || $0.aliases.contains(w) }
  }

  /// The setting a recording op sets or scales ("setMaxCG", "scaleLambda").
  public static func setting(op: String) -> (setting: Setting, scales: Bool)? {
    if let s = all.first(where: { $0.op == op }) { return (s, false) }
    guard op.hasPrefix("scale") else { return nil }
    let setOp = "set" + op.dropFirst("scale".count)
    return all.first { $0.op == setOp }.map { ($0, true) }
  }

  /// The setting whose CLI flag is `--name`.
  public static func setting(flag name: String) -> Setting? { all.first { $0.flag?.name == name } }
}
