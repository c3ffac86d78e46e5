import ArgumentParser
import HFEngine
import HFRecording
import Testing

@testable import hfdash

/// The command line parsed in process, as swift-argument-parser's own tests do: valid flags give
/// the run they describe, invalid ones the exact sentence `hfdash` prints.
@Suite("hfdash: flags parsed in process")
struct CommandParsingTests {
  /// The error message parsing `arguments` as `train` gives (nil when they parse).
  static func message(_ arguments: [String]) -> String? {
    do {
      _ = try TrainCommand.parse(arguments)
      return nil
    } catch {
      return TrainCommand.message(for: error)
    }
  }

  @Test("valid flags reach the run's settings through the table")
  func validFlags() throws {
    let train = try TrainCommand.parse([
      "--preset", "tiny", "--lambda", "0.5", "--max-cg", "30", "--min-cg", "40", "--curvature", "fisher", "--rho-model", "damped",
      "--no-preconditioner", "--freeze-lambda", "--cg-tolerance", "1e-3", "--test-interval", "0", "--threads", "1",
      "--learning-rate", "0.02", "--lr-decay", "500",
    ])
    let spec = try train.options.runSpec()
    let c = spec.config
    #expect(c.initialLambda == 0.5 && c.cg.maxIterations == 30 && c.cg.minIterations == 30)  // min CG capped at max CG
    #expect(c.curvature == .fisher && c.rhoModel == .damped && !c.preconditioner && !c.adaptiveLambda)
    #expect(c.cg.tolerance == 1e-3 && c.testInterval == 0 && c.threads == 1)
    #expect(spec.racers.learningRate == 0.02 && spec.racers.schedule == .inverseTime(updates: 500))
    #expect(try TrainCommand.parse(["--curvature", "gauss-newton"]).options.curvature == .gaussNewton)
    #expect(try TrainCommand.parse(["--optimizer", "adam"]).options.optimizer == .adam)
    #expect(try TrainCommand.parse(["--race", "sgd,lbfgs"]).options.race?.kinds == [.sgd, .lbfgs])
  }

  @Test("negative and out-of-range values: one sentence naming the flag")
  func invalidValues() {
    let cases: [([String], String)] = [
      (["--lambda", "-1"], "--lambda must be ≥ 0 (got -1)."),
      (["--max-cg", "0"], "--max-cg must be from 1 to 10000 (got 0)."),
      (["--min-cg", "-2"], "--min-cg must be at least 0 (got -2)."),
      (["--warm-start-decay", "1.5"], "--warm-start-decay must be from 0 to 1 (got 1.5)."),
      (["--weight-cost", "-1e-5"], "--weight-cost must be ≥ 0 (got -1e-5)."),
      (["--cg-tolerance", "2"], "--cg-tolerance must be from 0 to 1 (got 2)."),
      (["--momentum-max", "1"], "--momentum-max must be in [0, 1) (got 1)."),
      (["--adam-rate", "nan"], "--adam-rate must be > 0 (got NaN)."),
      (["--threads", "0"], "--threads must be from 1 to 1024 (got 0)."),
      (["--iterations", "-3"], "--iterations must be at least 1 (got -3)."),
    ]
    for (arguments, sentence) in cases { #expect(Self.message(arguments) == sentence, "\(arguments)") }
  }

  @Test("what the preset's problem cannot honour is refused in the session's sentence")
  func capabilityRefusals() {
    #expect(Self.message(["--preset", "addition", "--curvature", "hessian"]) == ProblemCapabilities.recurrent.refusal(curvature: .hessian))
    #expect(Self.message(["--preset", "addition", "--preconditioner-exponent", "0.5"]) == nil)
    #expect(Self.message(["--preset", "tiny", "--mu", "0.1"]) == ProblemCapabilities.feedForward.structuralDampingRefusal)
    #expect(Self.message(["--preset", "addition", "--curvature", "hessian"]) == "Recurrent networks support only the GN curvature, not Hessian.")
  }

  @Test("typed values: unknown words list the choices; bad optimizer combinations are one sentence")
  func typedValues() {
    #expect(Self.message(["--curvature", "newton"])?.contains("'gn', 'hessian'") == true)
    #expect(Self.message(["--rho-model", "x"])?.contains("'undamped'") == true)
    #expect(Self.message(["--optimizer", "rmsprop"])?.contains("- adam") == true)
    #expect(Self.message(["--initialization", "xavier"])?.contains("'sparse'") == true)
    #expect(Self.message(["--race", "hf"]) == "HF always runs in a race; list only its rivals (sgd, momentum, adam, ncg, lbfgs).")
    #expect(Self.message(["--race", "sgd,adam,sgd"]) == "sgd is listed twice in the race; list each optimizer once.")
    #expect(Self.message(["--preset", "nope"]) == "Unknown preset 'nope'; choose one of \(Preset.all.map(\.name).joined(separator: ", ")).")
    #expect(RunCommandMessage.of(["--optimizer", "adam"])?.contains("hfdash run --race adam") == true)
  }

  @Test("every setting with a flag has its option in RunOptions, and every option of a setting is in the table")
  func flagsMatchTheTable() throws {
    let options = try TrainCommand.parse([]).options
    let declared = Mirror(reflecting: options).children.compactMap { $0.label }.filter { $0.hasPrefix("_") }
      .map { RunOptions.flagName($0.dropFirst()) }
    for setting in Settings.all {
      guard let flag = setting.flag else { continue }
      #expect(declared.contains(flag.name), "--\(flag.name) of \(setting.id) is not declared in RunOptions")
    }
    let help = TrainCommand.helpMessage().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    for setting in Settings.all { if let flag = setting.flag { #expect(help.contains("--" + flag.name)) } }
    #expect(help.contains("values: gn, hessian, fisher") && help.contains("values: undamped, damped"))
  }
}

/// `run`'s messages.
enum RunCommandMessage {
  static func of(_ arguments: [String]) -> String? {
    do {
      _ = try RunCommand.parse(arguments)
      return nil
    } catch {
      return RunCommand.message(for: error)
    }
  }
}
