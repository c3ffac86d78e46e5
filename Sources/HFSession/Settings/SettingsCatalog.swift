import HFEngine
import HFRecording

/// The table behind the dashboard's `:` command line: names, aliases, one-line help, parsing
/// (`":lambda 1e-3"` → a `ControlRequest`, or a one-line error) and Tab completion. Pure.
public enum SettingsCatalog {
  /// The hyperparameters, in the order help lists them.
  public static let settings: [SettingEntry] = [
    SettingEntry(
      "lambda", aliases: ["l", "damping", "λ"], syntax: "NUMBER ≥ 0 | *F | /F",
      help: "damping λ (set it, or scale it: *2 doubles, /2 halves); takes effect next iteration",
      current: { _, lambda in SettingFormat.number(lambda) }, parse: parseLambda),
    SettingEntry(
      "maxcg", aliases: ["cg", "cgmax"], syntax: "N ≥ 1", help: "cap on CG iterations per HF iteration",
      current: { c, _ in String(c.cg.maxIterations) },
      parse: { v in SettingValue.whole(v, name: "maxcg", minimum: 1).map { .setMaxCG($0) } }),
    SettingEntry(
      "mincg", aliases: ["cgmin"], syntax: "N ≥ 0", help: "CG iterations run before the progress test may stop CG",
      current: { c, _ in String(c.cg.minIterations) },
      parse: { v in SettingValue.whole(v, name: "mincg", minimum: 0).map { .setMinCG($0) } }),
    SettingEntry(
      "batch", aliases: ["curvbatch", "cbatch"], syntax: "N ≥ 1", help: "cases in the curvature mini-batch (Gv products)",
      current: { c, _ in c.curvatureBatchSize.map(String.init) ?? "1/\(c.chunks)" },
      parse: { v in SettingValue.whole(v, name: "batch", minimum: 1).map { .setCurvatureBatch($0) } }),
    SettingEntry(
      "mu", aliases: ["μ", "structural"], syntax: "NUMBER ≥ 0", help: "structural damping μ (recurrent nets; adds μλ·JᵀD''J)",
      current: { c, _ in SettingFormat.number(c.structuralDamping) },
      parse: { v in SettingValue.number(v, name: "mu", needs: "a number ≥ 0").map { .setStructuralDamping($0) } }),
    SettingEntry(
      "precond", aliases: ["preconditioner", "pc"], syntax: "on|off", choices: ["on", "off"],
      help: "diagonal preconditioner (diag(Σg²) + λ + wc)^0.75 for CG",
      current: { c, _ in SettingFormat.flag(c.preconditioner) },
      parse: { v in SettingValue.flag(v, name: "precond").map { .setPreconditioner($0) } }),
    SettingEntry(
      "curvature", aliases: ["curv"], syntax: "gn|hessian|fisher", choices: ["gn", "hessian", "fisher"],
      help: "curvature matrix CG uses: Gauss-Newton, true Hessian, or empirical Fisher",
      current: { c, _ in SettingFormat.curvature(c.curvature) },
      parse: { v in
        SettingValue.choice(
          v, name: "curvature",
          [
            (CurvatureType.gaussNewton, ["gn", "gauss-newton", "gaussnewton", "ggn"]), (.hessian, ["hessian", "h"]),
            (.fisher, ["fisher", "f"]),
          ]
        ).map { .setCurvature($0) }
      }),
    SettingEntry(
      "linesearch", aliases: ["ls"], syntax: "on|off", choices: ["on", "off"], help: "Armijo line search after backtracking",
      current: { c, _ in SettingFormat.flag(c.lineSearch) },
      parse: { v in SettingValue.flag(v, name: "linesearch").map { .setLineSearch($0) } }),
    SettingEntry(
      "backtracking", aliases: ["backtrack", "bt"], syntax: "on|off", choices: ["on", "off"],
      help: "walk back over stored CG iterates while the objective improves",
      current: { c, _ in SettingFormat.flag(c.backtracking) },
      parse: { v in SettingValue.flag(v, name: "backtracking").map { .setBacktracking($0) } }),
    SettingEntry(
      "adaptive", aliases: ["lm", "adapt"], syntax: "on|off", choices: ["on", "off"],
      help: "Levenberg–Marquardt rule adapts λ from ρ (off freezes λ)",
      current: { c, _ in SettingFormat.flag(c.adaptiveLambda) },
      parse: { v in SettingValue.flag(v, name: "adaptive").map { .setAdaptiveLambda($0) } }),
    SettingEntry(
      "wc", aliases: ["weightcost", "l2"], syntax: "NUMBER ≥ 0", help: "L2 weight cost (objective gets wc/2·‖θ‖²)",
      current: { c, _ in SettingFormat.number(c.weightCost) },
      parse: { v in SettingValue.number(v, name: "wc", needs: "a number ≥ 0").map { .setWeightCost($0) } }),
    SettingEntry(
      "decay", aliases: ["warmstart", "ws"], syntax: "0…1", help: "CG warm start: previous solution × decay (0 = cold start)",
      current: { c, _ in SettingFormat.number(c.warmStartDecay) },
      parse: { v in SettingValue.number(v, name: "decay", in: 0...1, needs: "a number from 0 to 1").map { .setWarmStartDecay($0) } }),
    SettingEntry(
      "rho", aliases: ["rhomodel", "ρ"], syntax: "undamped|damped", choices: ["undamped", "damped"],
      help: "quadratic model ρ compares with: undamped (feed-forward) or damped (RNN)",
      current: { c, _ in c.rhoModel.rawValue },
      parse: { v in
        SettingValue.choice(v, name: "rho", [(RhoModel.undamped, ["undamped"]), (.damped, ["damped"])]).map { .setRhoModel($0) }
      }),
  ]

  /// Run commands accepted on the same line (`:stop`, `:continue 50`).
  public static let commands: [SettingEntry] = [
    SettingEntry("pause", syntax: "", help: "pause at the next CG step") { SettingValue.none($0, name: "pause", .pause) },
    SettingEntry("resume", aliases: ["run"], syntax: "", help: "resume a paused run") {
      SettingValue.none($0, name: "resume", .resume)
    },
    SettingEntry("step", aliases: ["stepone"], syntax: "", help: "run one HF iteration, then pause") {
      SettingValue.none($0, name: "step", .stepOnce)
    },
    SettingEntry("stop", syntax: "", help: "end the run (abandons the running iteration; θ unchanged)") {
      SettingValue.none($0, name: "stop", .stop)
    },
    SettingEntry("restart", syntax: "", help: "after the run is done: start again from the same seed and settings") {
      SettingValue.none($0, name: "restart", .restart)
    },
    SettingEntry("continue", aliases: ["more"], syntax: "[N ≥ 1]", help: "after the run is done: N more iterations (none: until stopped)") {
      $0.isEmpty ? .success(.continueRun(extraIterations: nil))
        : SettingValue.whole($0, name: "continue", minimum: 1).map { .continueRun(extraIterations: $0) }
    },
  ]

  /// Every entry: settings, then run commands.
  public static var entries: [SettingEntry] { settings + commands }

  /// The entry `word` names (canonical name or alias, case-insensitive).
  public static func entry(named word: String) -> SettingEntry? {
    entries.first { $0.matches(word) }
  }

  private static func parseLambda(_ text: String) -> Result<SessionControl, SettingError> {
    let needs = "a number ≥ 0 (or *F, /F to scale it)"
    if let op = text.first, "*x×/".contains(op) {
      let factor = String(text.dropFirst()).trimmingWhitespace
      guard let f = Double(factor), f.isFinite, f > 0 else {
        return .failure(SettingError("lambda needs a factor > 0 after \(op), \(SettingValue.got(factor))"))
      }
      return .success(.scaleLambda(op == "/" ? 1 / f : f))
    }
    return SettingValue.number(text, name: "lambda", needs: needs).map { .setLambda($0) }
  }
}

extension String {
  /// Without leading and trailing spaces and tabs.
  var trimmingWhitespace: String {
    let scalars = unicodeScalars
    guard let a = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
      let b = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
    else { return "" }
    return String(scalars[a...b])
  }
}
