import ArgumentParser
import HFEngine
import HFRecording

/// `--reference NAME|FILE` / `--no-reference`: the published run drawn beside this one as a ghost.
struct ComparisonOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Draw a published run beside this one: martens-hf-curves, martens-kfac-curves, martens-kfac-mnist, or a reference CSV (default: the preset's; curves shows martens-hf-curves).",
      valueName: "name|file"))
  var reference: String?
  @Flag(help: "Draw no reference run, not even the preset's.")
  var noReference = false

  /// The reference to draw for a run of `preset` (nil: none), or exits with one sentence.
  func comparison(preset: String?) -> ComparisonRun? {
    if noReference {
      if reference != nil { fail("--reference and --no-reference contradict each other; give one.", code: 2) }
      return nil
    }
    guard let name = reference ?? preset.flatMap(Preset.named)?.referenceRun else { return nil }
    do { return try ReferenceLibrary.load(name) } catch {
      // The preset's own default must never stop a run: say so and go on without it.
      guard reference != nil else {
        RecordingInput.warn("\(error.message) Running without the reference run.")
        return nil
      }
      fail(error.message, code: 2)
    }
  }
}
