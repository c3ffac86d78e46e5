import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite("Recording lines")
struct RecordingCodecTests {
  func roundTrip(_ e: SessionEvent, time: Double = 1.5) throws -> RecordedEvent {
    let line = RecordingCodec.line(for: RecordedEvent(time: time, event: e))
    #expect(line.last == 0x0A)
    #expect(!line.dropLast().contains(0x0A), "one line per event")
    guard case .event(let back) = try RecordingCodec.decode(line: line) else {
      Issue.record("not decoded as an event")
      return RecordedEvent(time: 0, event: .state(.starting))
    }
    return back
  }

  func text(_ e: SessionEvent, time: Double) -> String {
    String(decoding: RecordingCodec.line(for: RecordedEvent(time: time, event: e)), as: UTF8.self)
  }

  @Test("every engine event of a real iteration round-trips exactly")
  func engineRoundTrip() throws {
    let events = try realTinyEvents()
    #expect(events.count > 3)
    for e in events {
      let back = try roundTrip(.engine(e), time: 2.25)
      #expect(sameEvent(back.event, .engine(e)))
      #expect(back.time == 2.25)
    }
  }

  @Test("a CG step is one short line with compact keys")
  func cgStepLine() throws {
    guard case .cgStep(var s) = try realTinyEvents()[1] else {
      Issue.record("the second event of an iteration is a CG step")
      return
    }
    s.hfIteration = 12
    s.i = 7
    s.phi = -0.125
    s.relativeProgress = .nan
    s.stored = true
    #expect(text(.engine(.cgStep(s)), time: 3.0004) == #"{"t":3.0,"k":"cg","i":12,"j":7,"phi":-0.125,"rp":"NaN","s":1}"# + "\n")
  }

  @Test("NaN and ±infinity are written as strings and read back; absent test metrics stay absent")
  func nonFinite() throws {
    guard case .iterationFinished(var r) = try realTinyEvents().last! else {
      Issue.record("the last event of an iteration is its report")
      return
    }
    r.objective = .nan
    r.rho = -.infinity
    r.lambdaAfter = .infinity
    r.layerGradientNorms = [1, .nan, -.infinity, .infinity]
    r.testObjective = nil
    r.testError = .nan
    let line = text(.engine(.iterationFinished(r)), time: 0)
    #expect(line.contains(#""objective":"NaN""#))
    #expect(line.contains(#""rho":"-Infinity""#))
    #expect(line.contains(#""lambda_after":"Infinity""#))
    #expect(line.contains(#""grad_norms":[1.0,"NaN","-Infinity","Infinity"]"#))
    #expect(!line.contains("test_objective"))
    guard case .engine(.iterationFinished(let back)) = try roundTrip(.engine(.iterationFinished(r))).event else {
      Issue.record("not an iteration report")
      return
    }
    #expect(back.objective.isNaN && back.rho == -.infinity && back.lambdaAfter == .infinity)
    #expect(back.layerGradientNorms[0] == 1 && back.layerGradientNorms[1].isNaN)
    #expect(back.layerGradientNorms[2] == -.infinity && back.layerGradientNorms[3] == .infinity)
    #expect(back.testObjective == nil && back.testError!.isNaN)
    var same = back
    same.objective = r.objective
    #expect(same.error == r.error && same.layerStepNorms == r.layerStepNorms && same.times == r.times)
  }

  @Test("session events round-trip: controls of every kind, state, alarm, note, checkpoint, end, start")
  func sessionRoundTrip() throws {
    let controls: [SessionControl] = [
      .setLambda(0.015), .scaleLambda(1.5), .setAdaptiveLambda(false), .setMaxCG(40), .setMinCG(2), .setCurvatureBatch(500),
      .setPreconditioner(false), .setCurvature(.hessian), .setStructuralDamping(0.3), .setLineSearch(false),
      .setBacktracking(true), .setWeightCost(1e-5), .setWarmStartDecay(0.9), .setRhoModel(.damped), .pause, .resume,
      .stepOnce, .stop, .restart, .continueRun(extraIterations: 10), .continueRun(extraIterations: nil),
    ]
    for (k, c) in controls.enumerated() {
      let applied = AppliedControl(
        control: c, setting: "λ", old: "1.0e-2", new: "1.5e-2", iteration: 38, cgStep: k % 2 == 0 ? nil : 17, source: "key ]")
      #expect(try roundTrip(.control(applied)).event == .control(applied))
    }
    // The settings a hyperparameter control left in force travel with it.
    var config = HFConfig()
    config.cg.maxIterations = 5
    config.cg.minIterations = 5
    let withResult = AppliedControl(
      control: .setMaxCG(5), setting: "max CG", old: "10", new: "5 (min CG lowered to 5)", iteration: 3, cgStep: nil,
      source: "command :maxcg 5", config: config, lambda: 0.25)
    #expect(try roundTrip(.control(withResult)).event == .control(withResult))
    config = HFConfig()
    config.curvatureBatchSize = 123
    config.initialLambda = 0.5
    let description = SessionDescription(
      preset: "tiny", model: "64-32-16-4-16-32-64", data: "generated:tiny", parameterCount: 5000, trainCases: 1000,
      testCases: nil, seed: UInt64.max, config: config, groupNames: ["W1", "W2"], errorName: "squared error")
    let events: [SessionEvent] = [
      .state(.paused), .state(.done), .alarm(Alarm(kind: .negativeRhoStreak, iteration: 9, message: "ρ < 0 three times")),
      .note(iteration: 4, text: "line\nbreak, \"quote\", tab\t, λ → ∞, \u{1}"), .checkpoint(iteration: 40, path: "x.checkpoints/iter-000040"),
      .finished(reason: .stopped, iteration: 41, message: "stopped by the user"), .started(description),
      .engine(.warning(iteration: 3, message: "the training objective is not finite (nan)")),
      .engine(.iterationStarted(iteration: 1, lambda: 45)),
    ]
    for e in events { #expect(try roundTrip(e).event == e) }
  }

  @Test("times are kept to the millisecond")
  func timeRounding() throws {
    #expect(try roundTrip(.state(.running), time: 12.345678).time == 12.346)
    #expect(text(.state(.running), time: 0.0004) == #"{"t":0.0,"k":"state","state":"RUNNING"}"# + "\n")
  }

  @Test("an unknown kind is recognized as such; a known kind with a missing field is an error")
  func unknownAndInvalid() throws {
    #expect(try RecordingCodec.decode(line: Array(#"{"t":1,"k":"hologram","x":2}"#.utf8)) == .unknownKind("hologram"))
    #expect(throws: RecordingError.self) { try RecordingCodec.decode(line: Array(#"{"t":1,"k":"note","i":2}"#.utf8)) }
    #expect(throws: RecordingError.self) { try RecordingCodec.decode(line: Array(#"{"t":1,"k":"note","i":2,"text":"x""#.utf8)) }
    #expect(throws: RecordingError.self) { try RecordingCodec.decode(line: Array("not json".utf8)) }
    // Escapes other writers use are read too.
    let decoded = try RecordingCodec.decode(line: Array(#"{"t":1,"k":"note","i":2,"text":"\u00e9\ud83d\ude00\/"}"#.utf8))
    #expect(decoded == .event(RecordedEvent(time: 1, event: .note(iteration: 2, text: "é😀/"))))
  }
}
