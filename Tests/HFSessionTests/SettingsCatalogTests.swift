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
    let names = SettingsCatalog.settings.map(\.name)
    #expect(names == ["lambda", "maxcg", "mincg", "batch", "mu", "precond", "curvature", "linesearch", "backtracking", "adaptive", "wc", "decay", "rho"])
    #expect(SettingsCatalog.settings.allSatisfy { !$0.syntax.isEmpty && $0.current != nil })
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
    #expect(error(":lambda /0") == "lambda needs a factor > 0 after /, got '0'")
    #expect(error(":lambda *") == "lambda needs a factor > 0 after *, got nothing")
  }

  @Test func runCommandsParse() {
    #expect(control(":pause") == .pause)
    #expect(control(":resume") == .resume)
    #expect(control(":step") == .stepOnce)
    #expect(control(":stop") == .stop)
    #expect(control(":restart") == .restart)
    #expect(control(":continue") == .continueRun(extraIterations: nil))
    #expect(control(":continue 50") == .continueRun(extraIterations: 50))
    #expect(error(":stop now") == "stop takes no value, got 'now'")
  }

  @Test func errorsSayWhatIsWrongInOneLine() {
    #expect(error(":lamda 1e-3") == "unknown setting 'lamda' — did you mean lambda?")
    #expect(error(":maxcg abc") == "maxcg needs a whole number ≥ 1, got 'abc'")
    #expect(error(":maxcg 0") == "maxcg needs a whole number ≥ 1, got '0'")
    #expect(error(":maxcg 2.5") == "maxcg needs a whole number ≥ 1, got '2.5'")
    #expect(error(":lambda") == "lambda needs a number ≥ 0 (or *F, /F to scale it), got nothing")
    #expect(error(":lambda -1") == "lambda needs a number ≥ 0 (or *F, /F to scale it), got '-1'")
    #expect(error(":lambda nan") == "lambda needs a number ≥ 0 (or *F, /F to scale it), got 'nan'")
    #expect(error(":lambda 1 2") == "lambda needs a number ≥ 0 (or *F, /F to scale it), got '1 2'")
    #expect(error(":decay 1.5") == "decay needs a number from 0 to 1, got '1.5'")
    #expect(error(":precond maybe") == "precond needs on or off, got 'maybe'")
    #expect(error(":curvature newton") == "curvature needs gn, hessian or fisher, got 'newton'")
    #expect(error(":rho") == "rho needs undamped or damped, got nothing")
    #expect(error(":") == "type a setting and a value, e.g. :lambda 1e-3 (Tab lists the names)")
    #expect(error(":maxgc 5") == "unknown setting 'maxgc' — did you mean maxcg?")
    #expect(error(":curvatur gn") == "unknown setting 'curvatur' — did you mean curvature?")
    #expect(error(":prec on") == "unknown setting 'prec' — did you mean precond?")
    #expect(error(":zzz 1") == "unknown setting 'zzz' — known: " + SettingsCatalog.entries.map(\.name).joined(separator: ", "))
  }

  @Test func completionsOfNamesAndValues() {
    #expect(SettingsCatalog.completions(prefix: "cu") == ["curvature"])
    #expect(SettingsCatalog.completions(prefix: ":m") == [":maxcg", ":mincg", ":mu"])
    #expect(SettingsCatalog.completions(prefix: "re") == ["restart", "resume"])
    #expect(SettingsCatalog.completions(prefix: "") == SettingsCatalog.entries.map(\.name).sorted())
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
  }

  @Test func currentValuesAreWrittenTheWayTheyAreTyped() throws {
    let config = Preset.named("tiny")!.config
    func current(_ name: String) -> String? { SettingsCatalog.entry(named: name)?.current?(config, 0.0123) }
    #expect(current("lambda") == "1.23e-2")
    #expect(current("maxcg") == "50" && current("mincg") == "1" && current("batch") == "1/4")
    #expect(current("precond") == "on" && current("curvature") == "gn" && current("rho") == "undamped")
    #expect(current("wc") == "2e-5" && current("decay") == "0.95" && current("mu") == "3e-2")
    #expect(SettingsCatalog.entry(named: "stop")?.current == nil)
    // Every current value parses back to a control.
    for entry in SettingsCatalog.settings where entry.name != "batch" {
      let value = try #require(entry.current?(config, 0.0123))
      #expect(control(entry.name + " " + value) != nil, "\(entry.name) \(value)")
    }
  }
}
