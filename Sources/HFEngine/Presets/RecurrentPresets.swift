/// The pathological-task presets (Martens & Sutskever 2011) at demo lengths.
extension Preset {
  /// One preset per task, named after it.
  public static let recurrentPresets: [Preset] = SequenceTask.allCases.map { recurrent($0) }

  /// The demo length setting T of each task (XOR sequences are T/2 long).
  public static func demoLength(_ task: SequenceTask) -> Int {
    switch task {
    case .xor: 40
    default: 30
    }
  }

  /// The preset for `task` at its demo length, with the published RNN settings.
  public static func recurrent(_ task: SequenceTask, length: Int? = nil, hidden: Int = 100) -> Preset {
    let small = task == .memorization5
    let spec = RecurrentSpec(
      task: task, sequenceLength: length ?? demoLength(task), hiddenUnits: hidden, testSequences: small ? 32 : 2000)
    let config = spec.defaultConfig(gradientBatch: small ? 32 : 1000, curvatureBatch: small ? 32 : 500)
    return Preset(
      name: task.rawValue, summary: "100-unit tanh RNN, HF with structural damping: " + task.summary,
      model: .recurrent(spec), config: config, defaultData: nil, kind: .classifier)
  }

  /// This recurrent preset at another length setting T and/or width (λ₀ follows T where the
  /// task's output count does); nil for feed-forward presets.
  public func adjusted(sequenceLength: Int?, hiddenUnits: Int?) -> Preset? {
    guard var spec = recurrent else { return nil }
    if let sequenceLength { spec.sequenceLength = sequenceLength }
    if let hiddenUnits { spec.hiddenUnits = hiddenUnits }
    var c = config
    c.initialLambda = 0.01 * Double(spec.task.dampingOutputs(spec.sequenceLength))
    return Preset(name: name, summary: summary, model: .recurrent(spec), config: c, defaultData: nil, kind: kind)
  }
}
