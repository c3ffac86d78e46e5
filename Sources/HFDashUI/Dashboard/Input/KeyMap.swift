/// The dashboard's key bindings: one table that drives dispatch, the help overlay and the key bar.
public struct KeyMap: Sendable {
  /// The bindings, in help-overlay order.
  public var bindings: [KeyBinding]

  /// A key map with these bindings.
  public init(bindings: [KeyBinding]) {
    self.bindings = bindings
  }

  /// The default bindings.
  public static let standard = KeyMap(bindings: standardBindings)

  static let standardBindings: [KeyBinding] = [
    // Run
    KeyBinding(
      [.char(" ")], .togglePause, help: "pause / resume training", group: "Run", modes: .live, bar: "Pause", rank: 2),
    KeyBinding(
      [.char("s")], .stepOnce, help: "run one HF iteration, then pause (while paused)", group: "Run", modes: .live,
      bar: "Step", rank: 3),
    KeyBinding(
      [.char("r")], .restart, help: "restart from the same seed and settings", group: "Run", modes: .done,
      bar: "Restart", rank: 2),
    KeyBinding(
      [.char("+")], .continueRun, help: "continue training from where it stopped", group: "Run", modes: .done,
      bar: "Continue", rank: 3),
    // Damping
    KeyBinding(
      [(.char("]"), .scale(.lambda, 1.5)), (.char("["), .scale(.lambda, 1 / 1.5))], help: "λ ×1.5 / ÷1.5",
      group: "Damping", modes: .session, bar: "λ", rank: 4, barKeys: 2),
    KeyBinding(
      [(.char("}"), .scale(.lambda, 10)), (.char("{"), .scale(.lambda, 0.1))], help: "λ ×10 / ÷10", group: "Damping",
      modes: .session),
    KeyBinding(
      [.char("a")], .toggle(.adaptiveLambda), help: "freeze / unfreeze adaptive λ (Levenberg–Marquardt)",
      group: "Damping", modes: .session, bar: "Freeze λ", rank: 9),
    KeyBinding(
      [(.char("m"), .scale(.structuralDamping, 1 / 1.5)), (.char("M"), .scale(.structuralDamping, 1.5))],
      help: "structural damping μ ÷1.5 / ×1.5 (recurrent nets)", group: "Damping", modes: .session),
    // Solver
    KeyBinding(
      [(.char("c"), .scale(.maxCG, 1 / 1.25)), (.char("C"), .scale(.maxCG, 1.25))], help: "max CG iterations ÷1.25 / ×1.25",
      group: "Solver", modes: .session, bar: "CG", rank: 5, barKeys: 2),
    KeyBinding(
      [(.char("b"), .scale(.curvatureBatch, 0.5)), (.char("B"), .scale(.curvatureBatch, 2))],
      help: "curvature batch ÷2 / ×2", group: "Solver", modes: .session),
    KeyBinding(
      [.char("p")], .toggle(.preconditioner), help: "preconditioner on / off", group: "Solver", modes: .session),
    KeyBinding(
      [.char("g")], .cycle(.curvature), help: "curvature: Gauss-Newton → Hessian → Fisher", group: "Solver",
      modes: .session),
    KeyBinding(
      [.char(":")], .openPrompt(.command), help: "command line, e.g. :lambda 1e-3 (Tab completes)", group: "Solver",
      modes: .session, bar: "Cmd", rank: 6),
    KeyBinding(
      [.char("v")], .finiteDifferenceCheck, help: "finite-difference check of gradient and Gv", group: "Solver",
      modes: .session),
    KeyBinding(
      [(.char("L"), .lanczos), (.escape, .cancelLanczos)],
      help: "Lanczos on the undamped curvature (60 Gv); L or Esc stops it", group: "Solver",
      modes: .session),
    KeyBinding(
      [.char("n")], .openPrompt(.note), help: "attach a note to this iteration", group: "Solver", modes: .session,
      bar: "Note", rank: 10),
    // Replay
    KeyBinding(
      [.char(" ")], .replay(.togglePlay), help: "play / pause the replay", group: "Replay", modes: .replay,
      bar: "Play", rank: 2),
    KeyBinding(
      [(.char(">"), .replay(.faster)), (.char("<"), .replay(.slower))], help: "replay speed ×2 / ÷2",
      group: "Replay", modes: .replay, bar: "Speed", rank: 3, barKeys: 2),
    KeyBinding(
      [(.right, .replay(.stepForward)), (.left, .replay(.stepBackward))], help: "one HF iteration forward / back",
      group: "Replay", modes: .replay, bar: "Step", rank: 4, barKeys: 2),
    KeyBinding(
      [(.home, .replay(.toStart)), (.end, .replay(.toEnd))], help: "first / last iteration", group: "Replay",
      modes: .replay, bar: "Seek", rank: 5, barKeys: 2),
    // View
    KeyBinding(
      [(.char("f"), .cycleRacer(1)), (.char("F"), .cycleRacer(-1))], help: "focus the next / previous racer (its ‖∇‖ beside HF's)",
      group: "Race"),
    KeyBinding([.char("x")], .cycleRaceAxis, help: "race x axis: data passes → seconds → iterations", group: "Race"),
    KeyBinding([.char("e")], .cycleRaceMetric, help: "race chart: objective → training error → test error", group: "Race"),
    KeyBinding([.char("z")], .toggleRacerHold, help: "pause / resume the focused racer (it takes no turns meanwhile)", group: "Race", modes: .live),
    KeyBinding([.char("X")], .dropRacer, help: "drop the focused racer from the race", group: "Race", modes: .live),
    KeyBinding(
      [(.tab, .cycleFocus(1)), (.backTab, .cycleFocus(-1))], help: "focus next / previous panel (small screens enlarge it)",
      group: "View", bar: "Focus", rank: 7),
    KeyBinding([.char("l")], .toggleScale, help: "log / linear y scale of the focused chart", group: "View",
      bar: "Log", rank: 8),
    KeyBinding([.char("o")], .toggleComparison, help: "show / hide the comparison run (the paper's, or --compare's)",
      group: "View"),
    KeyBinding(
      [(.pageUp, .scrollLog(5)), (.pageDown, .scrollLog(-5))], help: "scroll the event log older / newer",
      group: "View"),
    KeyBinding([.char("?"), .function(1)], .toggleHelp, help: "this help", group: "View", bar: "Help", rank: 1),
    KeyBinding([.char("q")], .quit, help: "quit (asks first while training runs: stop it, or detach)", group: "View", bar: "Quit", rank: 0),
    KeyBinding(
      [.char("d")], .detach, help: "detach: leave the dashboard, the run goes on (hfdash attach comes back)", group: "View",
      modes: .session),
    // Help overlay
    KeyBinding(
      [(.down, .scrollHelp(1)), (.up, .scrollHelp(-1)), (.pageDown, .scrollHelp(10)), (.pageUp, .scrollHelp(-10))],
      help: "scroll this help", group: "Help", context: .help),
    KeyBinding([.escape], .toggleHelp, help: "close this help", group: "Help", context: .help),
    // Prompt
    KeyBinding([.enter], .submitPrompt, help: "run the command / save the note", group: "Prompt", context: .prompt),
    KeyBinding([.escape], .cancelPrompt, help: "cancel", group: "Prompt", context: .prompt),
    KeyBinding([.tab], .editPrompt(.complete), help: "complete the setting name", group: "Prompt", context: .prompt),
    KeyBinding(
      [(.up, .editPrompt(.historyPrevious)), (.down, .editPrompt(.historyNext))], help: "earlier / later commands",
      group: "Prompt", context: .prompt),
    KeyBinding(
      [
        (.left, .editPrompt(.left)), (.right, .editPrompt(.right)), (.home, .editPrompt(.home)),
        (.end, .editPrompt(.end)), (.ctrl("a"), .editPrompt(.home)), (.ctrl("e"), .editPrompt(.end)),
      ], help: "move the cursor (also ^A ^E)", group: "Prompt", context: .prompt, helpKeys: "← → Home End"),
    KeyBinding(
      [
        (.backspace, .editPrompt(.backspace)), (.delete, .editPrompt(.deleteForward)),
        (.ctrl("u"), .editPrompt(.clearToStart)),
      ], help: "delete before / at the cursor; ^U: to the start", group: "Prompt", context: .prompt,
      helpKeys: "Bksp Del ^U"),
    // Quit confirmation
    KeyBinding([.char("y"), .char("Y"), .char("q")], .confirmQuit, help: "stop the run and quit", group: "Quit?",
      context: .quitConfirm, bar: "Stop run", rank: 0),
    KeyBinding([.char("d"), .char("D")], .detach, help: "detach: quit, the run goes on", group: "Quit?",
      context: .quitConfirm, bar: "Detach", rank: 1),
    KeyBinding([.char("n"), .char("N"), .escape], .cancelQuit, help: "keep watching", group: "Quit?",
      context: .quitConfirm, bar: "Stay", rank: 2),
  ]
}
