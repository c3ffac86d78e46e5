import HFEngine
import HFSession
import Testing
import HFRecording

@Suite struct ControlApplicationTests {
  @Test func numbersAreWrittenByTheOneFormatter() {
    let cases: [(Double, String)] = [
      (0.012, "0.012"), (0.018, "0.018"), (45, "45"), (2.0 / 3.0, "0.667"), (0.5, "0.5"), (2e-5, "2e-5"), (1234.5, "1235"),
      (999.4, "999"), (0.1, "0.1"), (0.0999, "0.0999"), (-0.25, "-0.25"), (-3e-7, "-3e-7"), (0, "0"), (.nan, "NaN"),
      (.infinity, "+Inf"), (-.infinity, "-Inf"), (1e100, "1e100"), (123_456, "1.23e5"),
    ]
    for (x, text) in cases { #expect(NumberFormat.compact(x) == text, "\(x)") }
    #expect(NumberFormat.compact(22.41512, significant: 5) == "22.415")
    #expect(NumberFormat.compact(1.23456e-4, significant: 5) == "1.2346e-4")
  }

  @Test func everyHyperparameterChangesTheOptimizerAndSaysOldToNew() throws {
    let setup = try makeTiny()
    let o = setup.optimizer
    func apply(_ c: SessionControl) -> SettingChange? { c.apply(to: o) }
    #expect(apply(.setLambda(0.012)) == SettingChange(setting: "λ", old: "1", new: "0.012"))
    #expect(o.lambda == 0.012)
    #expect(apply(.scaleLambda(1.5)) == SettingChange(setting: "λ", old: "0.012", new: "0.018"))
    #expect(abs(o.lambda - 0.018) < 1e-15)
    #expect(apply(.setAdaptiveLambda(false)) == SettingChange(setting: "adaptive λ", old: "on", new: "off"))
    #expect(apply(.setMaxCG(20)) == SettingChange(setting: "max CG", old: "50", new: "20"))
    #expect(apply(.setMinCG(5)) == SettingChange(setting: "min CG", old: "1", new: "5"))
    #expect(apply(.setCurvatureBatch(100)) == SettingChange(setting: "curvature batch", old: "1/4 of data", new: "100"))
    #expect(apply(.setPreconditioner(false)) == SettingChange(setting: "preconditioner", old: "on", new: "off"))
    #expect(apply(.setCurvature(.hessian)) == SettingChange(setting: "curvature", old: "GN", new: "Hessian"))
    #expect(apply(.setStructuralDamping(0.1)) == SettingChange(setting: "μ", old: "0.03", new: "0.1"))
    #expect(apply(.setLineSearch(false)) == SettingChange(setting: "line search", old: "on", new: "off"))
    #expect(apply(.setBacktracking(false)) == SettingChange(setting: "backtracking", old: "on", new: "off"))
    #expect(apply(.setWeightCost(0)) == SettingChange(setting: "weight cost", old: "2e-5", new: "0"))
    #expect(apply(.setWarmStartDecay(0.5)) == SettingChange(setting: "warm-start decay", old: "0.95", new: "0.5"))
    #expect(apply(.setRhoModel(.damped)) == SettingChange(setting: "ρ model", old: "undamped", new: "damped"))
    #expect(apply(.set("cgtol", .number(1e-3))) == SettingChange(setting: "CG tolerance", old: "5e-4", new: "0.001"))
    #expect(apply(.pause) == nil && apply(.stop) == nil && apply(.continueRun(extraIterations: 3)) == nil)

    var expected = Preset.named("tiny")!.config
    expected.adaptiveLambda = false
    expected.cg.maxIterations = 20
    expected.cg.minIterations = 5
    expected.cg.tolerance = 1e-3
    expected.curvatureBatchSize = 100
    expected.preconditioner = false
    expected.curvature = .hessian
    expected.structuralDamping = 0.1
    expected.lineSearch = false
    expected.backtracking = false
    expected.weightCost = 0
    expected.warmStartDecay = 0.5
    expected.rhoModel = .damped
    #expect(o.config == expected)
    // The changed settings run: one iteration with all of them, λ frozen.
    let report = try #require(o.step())
    #expect(report.curvatureBatch == 100 && report.curvatureType == .hessian && report.cgIterations <= 20)
    #expect(report.lambdaAfter == report.lambdaBefore)
  }

  @Test func conflictingCGLimitsAreResolvedVisibly() throws {
    let o = try makeTiny().optimizer
    _ = SessionControl.setMinCG(10).apply(to: o)
    #expect(SessionControl.setMaxCG(4).apply(to: o)?.new == "4 (min CG lowered to 4)")
    #expect(o.config.cg.minIterations == 4 && o.config.cg.maxIterations == 4)
    #expect(SessionControl.setMinCG(9).apply(to: o) == SettingChange(setting: "min CG", old: "4", new: "4"))
    #expect(o.config.validationError == nil)
  }

  @Test func validationRejectsImpossibleValues() {
    #expect(SessionControl.setLambda(.nan).validationError == "λ must be ≥ 0 (got NaN).")
    #expect(SessionControl.scaleLambda(0).validationError == "the λ factor must be > 0 (got 0).")
    #expect(SessionControl.setMinCG(-1).validationError == "min CG must be at least 0 (got -1).")
    #expect(SessionControl.setCurvatureBatch(0).validationError == "curvature batch must be from 1 to 100000000 (got 0).")
    #expect(SessionControl.setWarmStartDecay(1.01).validationError == "warm-start decay must be from 0 to 1 (got 1.01).")
    #expect(SessionControl.setWeightCost(-1e-5).validationError == "weight cost must be ≥ 0 (got -1e-5).")
    #expect(SessionControl.set(.maxCG, .number(2.5)).validationError == "max CG must be a whole number from 1 to 10000.")
    #expect(SessionControl.set("nosuch", .flag(true)).validationError == "There is no setting 'nosuch'.")
    #expect(SessionControl.continueRun(extraIterations: 0).validationError != nil)
    #expect(SessionControl.continueRun(extraIterations: nil).validationError == nil)
    #expect(SessionControl.setLambda(0).validationError == nil && SessionControl.stop.validationError == nil)
  }

  @Test func scheduleFromRecordedEventsKeepsIterationsOrderAndRuns() {
    func applied(_ c: SessionControl, _ k: Int, _ source: String = "key") -> SessionEvent {
      .control(AppliedControl(control: c, setting: "x", old: "a", new: "b", iteration: k, cgStep: nil, source: source))
    }
    let description = SessionDescription(
      preset: "tiny", model: "m", data: "d", parameterCount: 1, trainCases: 1, testCases: nil, seed: 1, config: HFConfig(),
      groupNames: [], errorName: "e")
    let events: [SessionEvent] = [
      .started(description), applied(.setLambda(2), 3), applied(.pause, 3), applied(.setMaxCG(7), 3), applied(.scaleLambda(0.5), 5),
      .finished(reason: .stopped, iteration: 5, message: ""), applied(.restart, 1), .started(description), applied(.setMinCG(2), 2),
    ]
    let runs = ControlSchedule.runs(in: events)
    #expect(runs.count == 2)
    #expect(runs[0].controls(at: 3).map(\.control) == [.setLambda(2), .setMaxCG(7)])
    #expect(runs[0].controls(at: 5).map(\.control) == [.scaleLambda(0.5)])
    #expect(runs[0].controls(at: 4).isEmpty && runs[0].controls(at: 3).allSatisfy { $0.source == "recording" })
    #expect(runs[1].controls == [2: [ControlRequest(.setMinCG(2), source: "recording")]])
    #expect(ControlSchedule().isEmpty && !runs[1].isEmpty)
  }
}
