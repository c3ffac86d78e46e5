import HFEngine
import HFSession
import Testing
import HFRecording

/// The control a line parses to, or nil on error.
private func control(_ line: String) -> SessionControl? {
  try? SettingsCatalog.parse(line).get().control
}

/// The error message a line gives, or nil when it parses.
private func error(_ line: String) -> String? {
  if case .failure(let e) = SettingsCatalog.parse(line) { return e.message }
  return nil
}

@Suite struct SettingsCatalogTests {
  @Test func everyNamedSettingParses() {
    #expect(control(":lambda 1e-3") == .setLambda(1e-3))
    #expect(control(":maxcg 120") == .setMaxCG(120))
    #expect(control(":mincg 0") == .setMinCG(0))
    #expect(control(":batch 500") == .setCurvatureBatch(500))
    #expect(control(":mu 0.03") == .setStructuralDamping(0.03))
    #expect(control(":precond off") == .setPreconditioner(false))
    #expect(control(":curvature hessian") == .setCurvature(.hessian))
    #expect(control(":linesearch on") == .setLineSearch(true))
    #expect(control(":backtracking no") == .setBacktracking(false))
    #expect(control(":adaptive false") == .setAdaptiveLambda(false))
    #expect(control(":wc 2e-5") == .setWeightCost(2e-5))
    #expect(control(":decay 0.9") == .setWarmStartDecay(0.9))
    #expect(control(":rho damped") == .setRhoModel(.damped))
    #expect(control(":cgtol 1e-3") == .set("cgtol", .number(1e-3)))
    #expect(control(":alpha 0.5") == .set("alpha", .number(0.5)))
    #expect(control(":testinterval 5") == .set("testinterval", .whole(5)))
    let names = SettingsCatalog.liveSettings.map(\.name)
    #expect(names == [
      "lambda", "adaptive", "maxcg", "mincg", "cgtol", "batch", "mu", "precond", "alpha", "curvature", "linesearch",
      "backtracking", "wc", "decay", "rho", "testinterval",
    ])
    #expect(SettingsCatalog.settings.map(\.name) == Settings.all.map(\.id.rawValue))
    #expect(SettingsCatalog.settings.allSatisfy { !$0.syntax.isEmpty && $0.current(RunSettings()) != nil })
  }

  @Test func aliasesCaseSpacingAndTheSourceLine() throws {
    #expect(control("λ 0.5") == .setLambda(0.5))
    #expect(control("  :  LAMBDA   0.5  ") == .setLambda(0.5))
    #expect(control(":cg 30") == .setMaxCG(30))
    #expect(control(":curv GN") == .setCurvature(.gaussNewton))
    #expect(control(":curvature gauss-newton") == .setCurvature(.gaussNewton))
    #expect(control(":curvature f") == .setCurvature(.fisher))
    #expect(control(":ls 1") == .setLineSearch(true))
    #expect(control(":lm off") == .setAdaptiveLambda(false))
    #expect(control(":μ 0") == .setStructuralDamping(0))
    let request = try SettingsCatalog.parse(":lambda 1e-3").get()
    #expect(request.source == "command :lambda 1e-3")
  }

  @Test func lambdaCanBeScaled() {
    #expect(control(":lambda *2") == .scaleLambda(2))
    #expect(control(":lambda x 1.5") == .scaleLambda(1.5))
    #expect(control(":lambda /4") == .scaleLambda(0.25))
    #expect(control(":mu *1.5") == .scale(.structuralDamping, 1.5))
    #expect(error(":lambda /0") == "lambda needs a factor > 0 after / (got '0').")
    #expect(error(":lambda *") == "lambda needs a factor > 0 after * (got nothing).")
  }

  @Test func runCommandsParse() {
    #expect(control(":pause") == .pause)
    #expect(control(":resume") == .resume)
    #expect(control(":step") == .stepOnce)
    #expect(control(":stop") == .stop)
    #expect(control(":restart") == .restart)
    #expect(control(":continue") == .continueRun(extraIterations: nil))
    #expect(control(":continue 50") == .continueRun(extraIterations: 50))
    #expect(error(":stop now") == "stop takes no value (got 'now').")
  }

  @Test func errorsSayWhatIsWrongInOneLine() {
    #expect(error(":lamda 1e-3") == "unknown setting 'lamda' — did you mean lambda?")
    #expect(error(":maxcg abc") == "maxcg must be a whole number from 1 to 10000 (got 'abc').")
    #expect(error(":maxcg 0") == "maxcg must be from 1 to 10000 (got 0).")
    #expect(error(":maxcg 2.5") == "maxcg must be a whole number from 1 to 10000 (got '2.5').")
    #expect(error(":lambda") == "lambda must be a number ≥ 0 (got nothing).")
    #expect(error(":lambda -1") == "lambda must be ≥ 0 (got -1).")
    #expect(error(":lambda nan") == "lambda must be a number ≥ 0 (got 'nan').")
    #expect(error(":lambda 1 2") == "lambda must be a number ≥ 0 (got '1 2').")
    #expect(error(":decay 1.5") == "decay must be from 0 to 1 (got 1.5).")
    #expect(error(":precond maybe") == "precond must be on or off (got 'maybe').")
    #expect(error(":curvature newton") == "curvature must be gn, hessian or fisher (got 'newton').")
    #expect(error(":rho") == "rho must be undamped or damped (got nothing).")
    #expect(error(":") == "type a setting and a value, e.g. :lambda 1e-3 (Tab lists the names)")
    #expect(error(":maxgc 5") == "unknown setting 'maxgc' — did you mean maxcg?")
    #expect(error(":curvatur gn") == "unknown setting 'curvatur' — did you mean curvature?")
    #expect(error(":prec on") == "unknown setting 'prec' — did you mean precond?")
    #expect(error(":zzz 1") == "unknown setting 'zzz' — known: " + SettingsCatalog.completable.map(\.name).joined(separator: ", "))
  }

  @Test func completionsOfNamesAndValues() {
    #expect(SettingsCatalog.completions(prefix: "cu") == ["curvature"])
    #expect(SettingsCatalog.completions(prefix: ":m") == [":maxcg", ":mincg", ":mu"])
    #expect(SettingsCatalog.completions(prefix: "thr").isEmpty)  // threads cannot change live
    #expect(SettingsCatalog.completions(prefix: "re") == ["restart", "resume"])
    #expect(SettingsCatalog.completions(prefix: "") == SettingsCatalog.completable.map(\.name).sorted())
    #expect(SettingsCatalog.completions(prefix: "curvature ") == ["curvature fisher", "curvature gn", "curvature hessian"])
    #expect(SettingsCatalog.completions(prefix: ":curv h") == [":curvature hessian"])
    #expect(SettingsCatalog.completions(prefix: "precond o") == ["precond off", "precond on"])
    #expect(SettingsCatalog.completions(prefix: "lambda 1").isEmpty)
    #expect(SettingsCatalog.completions(prefix: "xyz").isEmpty)
  }

  @Test func namesAndAliasesAreUniqueAndHelpIsOneLine() {
    let words = SettingsCatalog.entries.flatMap { [$0.name] + $0.aliases }
    #expect(Set(words).count == words.count)
    for entry in SettingsCatalog.entries {
      #expect(!entry.help.isEmpty && !entry.helpLine.contains("\n"))
      #expect(SettingsCatalog.entry(named: entry.name.uppercased())?.name == entry.name)
    }
    #expect(SettingsCatalog.entry(named: "lambda")?.helpLine
      == "lambda NUMBER ≥ 0 | *F | /F — damping λ (set it, or scale it: *2 doubles, /2 halves); takes effect next iteration")
    #expect(SettingsCatalog.entry(named: "maxcg")?.syntax == "N from 1 to 10000")
  }

  @Test func currentValuesAreWrittenTheWayTheyAreTyped() throws {
    let settings = RunSettings(config: Preset.named("tiny")!.config, lambda: 0.0123)
    func current(_ name: String) -> String? { SettingsCatalog.entry(named: name)?.current(settings) }
    #expect(current("lambda") == "0.0123")
    #expect(current("maxcg") == "50" && current("mincg") == "1" && current("batch") == "1/4 of data")
    #expect(current("precond") == "on" && current("curvature") == "gn" && current("rho") == "undamped")
    #expect(current("wc") == "2e-5" && current("decay") == "0.95" && current("mu") == "0.03")
    #expect(SettingsCatalog.entry(named: "stop")?.current(settings) == nil)
    // Every current value parses back to a control that sets the same value.
    for entry in SettingsCatalog.settings where entry.setting?.value(in: settings) != .automatic {
      let value = try #require(entry.current(settings))
      let setting = try #require(entry.setting)
      #expect(control(entry.name + " " + value) == .set(setting.id, setting.value(in: settings)), "\(entry.name) \(value)")
    }
  }
}
