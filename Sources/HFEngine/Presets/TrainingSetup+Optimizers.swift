extension TrainingSetup {
  /// A fresh optimizer of `kind` on this run's problem from the run's initial parameters, with
  /// HF's weight cost, test interval and thread count and the racer settings of `spec.racers`.
  /// Racers get their own model workspaces and share the training data. The racers need a
  /// feed-forward preset; asking for one on a recurrent preset throws one sentence.
  public func makeOptimizer(_ kind: OptimizerKind) throws(DataError) -> any TrainingOptimizer<Float> {
    let config = optimizer.config
    let settings = spec.racers, wc = config.weightCost, test = config.testInterval, threads = config.threads
    switch kind {
    case .hf:
      return HFOptimizer(problem: problem, config: config, initialTheta: initialTheta)
    case .sgd, .momentum:
      return SGDOptimizer(
        kind: kind, problem: try racerProblem(for: kind), settings: settings, weightCost: wc, testInterval: test,
        threads: threads, initialTheta: initialTheta)
    case .adam:
      return AdamOptimizer(
        problem: try racerProblem(for: kind), settings: settings, weightCost: wc, testInterval: test, threads: threads,
        initialTheta: initialTheta)
    case .ncg:
      return NonlinearCGOptimizer(
        problem: try racerProblem(for: kind), settings: settings, weightCost: wc, testInterval: test, threads: threads,
        initialTheta: initialTheta)
    case .lbfgs:
      return LBFGSOptimizer(
        problem: try racerProblem(for: kind), settings: settings, weightCost: wc, testInterval: test, threads: threads,
        initialTheta: initialTheta)
    }
  }

  /// The run's feed-forward problem with a model of the racer's own (the data shared).
  private func racerProblem(for kind: OptimizerKind) throws(DataError) -> FeedForwardRacerProblem<Float> {
    guard let feedForward = problem as? FeedForwardProblem<Float> else {
      throw DataError("\(kind.displayName) races need a feed-forward preset; the recurrent \(spec.preset.name) preset runs only with HF.")
    }
    try spec.racers.validate()
    let arch = feedForward.model.architecture, threads = optimizer.config.threads
    var need = RunMemory.feedForward(
      arch, trainCases: feedForward.train.count, testCases: feedForward.test?.count ?? 0,
      targetsShared: feedForward.train.targetsAreInputs, config: optimizer.config)
    need.add(RunMemory.racer(kind, arch, settings: spec.racers, threads: threads))
    try memory.check(need, for: "The \(spec.preset.name) run with \(kind.displayName) racing")
    let model = FeedForwardModel<Float>(
      architecture: feedForward.model.architecture, shards: optimizer.config.threads,
      blockRows: FeedForwardModel<Float>.defaultBlockRows)
    return FeedForwardRacerProblem(model: model, train: feedForward.train, test: feedForward.test)
  }
}
