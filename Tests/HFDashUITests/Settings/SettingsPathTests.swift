import Foundation
import HFCanvas
import HFDashUI
import HFEngine
import HFRecording
import HFSession
import Testing

/// The settings table end to end in one process: every setting, typed on the `:` prompt (and by
/// its key where it has one), changes the engine and the dashboard's displayed value identically,
/// and its control line round-trips through the recording; what the problem cannot honour is
/// refused in the same sentence from every path.
@Suite(.serialized) struct SettingsPathTests {
  /// Values to set: bounds and a point inside for numbers, every supported choice, both flags.
  static func samples(_ s: Setting, on capabilities: ProblemCapabilities) -> [SettingValue] {
    switch s.kind {
    case .number(let b):
      let inside = b.upper.map { (b.lower + $0) / 2 } ?? b.lower + 0.25
      return (b.lowerInclusive ? [.number(b.lower)] : []) + [.number(inside)]
    case .whole(let b):
      let lower = Int(b.lower)
      return [.whole(lower + 1), .whole(lower)]  // descending: min CG stays within max CG
    case .flag:
      return [.flag(false), .flag(true)].filter { s.refusal($0, on: capabilities) == nil }
    case .choice(let choices):
      return choices.map { SettingValue.choice($0.value) }.filter { s.refusal($0, on: capabilities) == nil } + [s.value(in: RunSettings())]
    }
  }

  /// How a value is typed after its `:` name.
  static func typed(_ s: Setting, _ v: SettingValue) -> String {
    if case .choice(let raw) = v { return s.choices.first { $0.value == raw }?.words.first ?? raw }
    return s.display(v, in: RunSettings())
  }

  /// Settings the sample values of one setting must not disturb, kept valid with each other.
  static func live(on capabilities: ProblemCapabilities) -> [Setting] {
    Settings.all.filter { $0.live && $0.refusal(.automatic, on: capabilities) == nil }
  }

  @Test("every live setting: the :command changes the engine and the dashboard alike, and its control line round-trips")
  func everySettingThroughTheCommandLine() throws {
    let rig = try LiveSettingsRig(preset: Preset.named("tiny")!)
    for setting in Self.live(on: .feedForward) {
      for value in Self.samples(setting, on: .feedForward) {
        let line = ":" + setting.id.rawValue + " " + Self.typed(setting, value)
        let applied = try rig.command(line).get()
        #expect(setting.value(in: rig.engine) == value, "\(line): the engine")
        #expect(rig.state.settings.run == rig.engine, "\(line): the dashboard shows the engine's settings")
        #expect(applied.config == rig.engine.config && applied.lambda == rig.engine.lambda)
        #expect(applied.new.hasPrefix(setting.display(value, in: rig.engine)), "\(line): \(applied.new)")
        let recorded = RecordedEvent(time: 2.5, event: .control(applied))
        let decoded = try RecordingCodec.decode(line: RecordingCodec.line(for: recorded))
        #expect(decoded == .event(recorded), "\(line): the recording")
      }
    }
  }

  @Test("keys that change settings go through the same table: the engine and the dashboard agree")
  func keysChangeTheEngineAndTheDashboardAlike() throws {
    let rig = try LiveSettingsRig(preset: Preset.named("tiny")!)
    for key in "][}{acCbBpgggp" {
      let applied = try rig.key(.char(key)).get()
      #expect(rig.state.settings.run == rig.engine, "key \(key)")
      #expect(applied.source == "key \(key)")
    }
    #expect(rig.engine.config.curvature == .gaussNewton && rig.engine.config.preconditioner)
    #expect(rig.state.settings.curvatureBatch == rig.engine.config.curvatureBatchSize)
  }

  @Test("refused settings: the key, the :command and the session say the same sentence, and nothing changes")
  func refusalsAreTheSameFromEveryPath() throws {
    let hessian = try #require(ProblemCapabilities.recurrent.refusal(curvature: .hessian))
    #expect(hessian == "Recurrent networks support only the GN curvature, not Hessian.")
    let rnn = try LiveSettingsRig(preset: LiveSettingsRig.recurrent)
    let before = rnn.engine
    #expect(rnn.key(.char("g")) == .failure(SettingError(hessian)))
    #expect(rnn.command(":curvature hessian") == .failure(SettingError(hessian)))
    #expect(rnn.session.post(ControlRequest(.set(.curvature, .choice("hessian")), source: "test")) == hessian)
    let precond = try #require(ProblemCapabilities.recurrent.refusal(preconditioner: true))
    #expect(rnn.key(.char("p")) == .failure(SettingError(precond)))
    #expect(rnn.command(":precond on") == .failure(SettingError(precond)))
    #expect(rnn.engine == before && rnn.state.settings.run.config.curvature == .gaussNewton && rnn.state.pending.isEmpty)
    #expect(try rnn.key(.char("M")).get().setting == "μ")  // μ is the recurrent net's own

    let mu = try #require(ProblemCapabilities.feedForward.structuralDampingRefusal)
    let ff = try LiveSettingsRig(preset: Preset.named("tiny")!)
    #expect(ff.key(.char("m")) == .failure(SettingError(mu)))
    #expect(ff.command(":mu 0.1") == .failure(SettingError(mu)))
    let threads = ff.command(":threads 1")
    #expect(threads == .failure(SettingError("threads cannot change while the run goes on; set it when the run starts (--threads).")))
  }

  @Test("regression: max CG below min CG lowers min CG in the engine and on the screen")
  func maxBelowMinShowsTheEnginesMin() throws {
    let rig = try LiveSettingsRig(preset: Preset.named("tiny")!)
    _ = try rig.command(":mincg 10").get()
    let applied = try rig.command(":maxcg 5").get()
    #expect(applied.new == "5 (min CG lowered to 5)")
    #expect(rig.engine.config.cg.minIterations == 5)
    #expect(rig.state.settings.config.cg.minIterations == 5 && rig.state.settings.config.cg.maxIterations == 5)
    let screen = GoldenFrame.render(Dashboard.render(state: rig.state, view: rig.view, width: 120, height: 40, glyphs: .unicode), roles: false)
    #expect(screen.range(of: "max CG +5 +min 5 ", options: .regularExpression) != nil, "\(screen)")
  }

  @Test("version-1 control lines decode into the table's controls")
  func versionOneControlLines() throws {
    let lines: [(String, SessionControl)] = [
      (#""op":"setLambda","value":0.5"#, .set(.lambda, .number(0.5))),
      (#""op":"scaleLambda","value":1.5"#, .scale(.lambda, 1.5)),
      (#""op":"setMaxCG","value":40"#, .set(.maxCG, .whole(40))),
      (#""op":"setCurvatureBatch","value":500"#, .set(.curvatureBatch, .whole(500))),
      (#""op":"setCurvature","value":"hessian""#, .set(.curvature, .choice("hessian"))),
      (#""op":"setPreconditioner","value":false"#, .set(.preconditioner, .flag(false))),
      (#""op":"setRhoModel","value":"damped""#, .set("rho", .choice("damped"))),
      (#""op":"setWarmStartDecay","value":0.9"#, .set("decay", .number(0.9))),
      (#""op":"pause""#, .pause),
      (#""op":"setRacerPaused","value":true,"racer":"adam""#, .setRacerPaused(.adam, true)),
    ]
    for (fields, control) in lines {
      let line = #"{"t":1.5,"k":"control","# + fields + #","setting":"x","old":"a","new":"b","i":3,"source":"key"}"#
      guard case .event(let e) = try RecordingCodec.decode(line: Array(line.utf8)), case .control(let c) = e.event else {
        Issue.record("\(line) did not decode")
        continue
      }
      #expect(c.control == control, "\(line)")
      #expect(c.config == nil && c.lambda == nil)
    }
  }
}
