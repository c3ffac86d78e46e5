import Foundation
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite("Race lines and standings")
struct RaceCodecTests {
  func roundTrip(_ e: SessionEvent) throws -> (SessionEvent, String) {
    let line = RecordingCodec.line(for: RecordedEvent(time: 3.25, event: e))
    guard case .event(let back) = try RecordingCodec.decode(line: line) else {
      Issue.record("not decoded as an event")
      return (.state(.starting), "")
    }
    #expect(back.time == 3.25)
    return (back.event, String(decoding: line, as: UTF8.self))
  }

  @Test("a racer's events carry a 'racer' member and its report's optimizer, learning rate and momentum round-trip")
  func racerEvents() throws {
    var r = EnginePrototypeReport.make()
    r.optimizer = .adam
    r.learningRate = 0.001
    r.momentum = 0.9
    r.rho = .nan
    let (back, text) = try roundTrip(.racer(.adam, .iterationFinished(r)))
    #expect(text.contains(#""racer":"adam""#))
    #expect(text.contains(#""optimizer":"adam""#))
    #expect(text.contains(#""learning_rate":0.001"#))
    guard case .racer(.adam, .iterationFinished(let decoded)) = back else {
      Issue.record("decoded as \(back)")
      return
    }
    #expect(decoded.optimizer == .adam && decoded.learningRate == 0.001 && decoded.momentum == 0.9)
    #expect(decoded.rho.isNaN && decoded.objective == r.objective && decoded.dataPasses == r.dataPasses)
    let (started, startText) = try roundTrip(.racer(.lbfgs, .iterationStarted(iteration: 4, lambda: 0)))
    #expect(started == .racer(.lbfgs, .iterationStarted(iteration: 4, lambda: 0)))
    #expect(startText.contains(#""racer":"lbfgs""#))
    // HF's own events have no racer member and no optimizer member.
    var hf = EnginePrototypeReport.make()
    hf.optimizer = .hf
    let (_, hfText) = try roundTrip(.engine(.iterationFinished(hf)))
    #expect(!hfText.contains("racer") && !hfText.contains("optimizer") && !hfText.contains("learning_rate"))
  }

  @Test("the start line keeps the single run's optimizer and a race's racers")
  func descriptions() throws {
    var d = SessionDescription(
      preset: "tiny", model: "8-4-8", data: "generated:tiny", parameterCount: 76, trainCases: 512, testCases: 128, seed: 3,
      config: HFConfig(), groupNames: ["W1", "W2"], errorName: "squared error")
    let (plain, plainText) = try roundTrip(.started(d))
    #expect(plain == .started(d))
    #expect(!plainText.contains("optimizer") && !plainText.contains("racers"))
    d.optimizer = .lbfgs
    #expect(try roundTrip(.started(d)).0 == .started(d))
    d.optimizer = .hf
    d.racers = [
      RacerDescription(kind: .hf, settings: "λ₀ 45, gn, CG ≤ 250"), RacerDescription(kind: .sgd, settings: "lr 0.01, μ ≤ 0.99"),
    ]
    let (race, raceText) = try roundTrip(.started(d))
    #expect(race == .started(d))
    #expect(raceText.contains(#""racers":[{"kind":"hf","settings":"λ₀ 45, gn, CG ≤ 250"},{"kind":"sgd""#))
  }

  @Test("racer controls round-trip with their confirmation")
  func racerControls() throws {
    for control in [SessionControl.setRacerPaused(.adam, true), .setRacerPaused(.ncg, false), .dropRacer(.momentum)] {
      let applied = AppliedControl(control: control, setting: "Adam", old: "racing", new: "paused", iteration: 12, cgStep: nil, source: "key p")
      #expect(try roundTrip(.control(applied)).0 == .control(applied))
      #expect(applied.confirmation == "Adam paused (from HF iteration 12)")
    }
  }

  @Test("standings: final values, passes spent, and passes to reach the others' best objective")
  func standings() {
    func reports(_ points: [(Double, Double)]) -> [IterationReport] {
      points.enumerated().map { k, p in
        var r = EnginePrototypeReport.make()
        r.iteration = k + 1
        r.dataPasses = p.0
        r.objective = p.1
        r.error = p.1 / 10
        return r
      }
    }
    let table = RaceStandings.compute([
      (.hf, reports([(2, 5), (4, 2), (6, 1)])),
      (.sgd, reports([(1, 8), (3, 4), (5, 3), (7, 2.5)])),
      (.adam, reports([(1, 6), (2, .nan)])),
      (.ncg, []),
    ])
    #expect(table.map(\.kind) == [.hf, .sgd, .adam])
    #expect(table[0] == RaceStanding(kind: .hf, iterations: 3, finalObjective: 1, finalError: 0.1, dataPasses: 6, bestObjective: 1, othersBest: 2.5, passesToOthersBest: 4))
    #expect(table[1] == RaceStanding(kind: .sgd, iterations: 4, finalObjective: 2.5, finalError: 0.25, dataPasses: 7, bestObjective: 2.5, othersBest: 1, passesToOthersBest: nil))
    #expect(table[2].bestObjective == 6 && table[2].finalObjective.isNaN && table[2].othersBest == 1 && table[2].passesToOthersBest == nil)
    #expect(RaceStandings.compute([(.hf, reports([(1, 3)]))])[0].othersBest == nil)
  }
}

@Suite("Race recording header")
struct RaceHeaderTests {
  @Test("racer settings that differ from the preset's defaults are kept in the header and rebuilt into the run")
  func racerSettingsInHeader() throws {
    let scratch = try RecordingScratch()
    defer { scratch.cleanUp() }
    var spec = RunSpec(preset: Preset.named("tiny")!, seed: 1)
    let defaults = try RecordingHeader(setup: TrainingSetup(spec), toolVersion: "test", created: fixedDate)
    #expect(defaults.racerSettings == nil, "default racer settings are not written")
    spec.racers.learningRate = 0.02
    spec.racers.lbfgsHistory = 4
    let header = try RecordingHeader(setup: TrainingSetup(spec), toolVersion: "test", created: fixedDate)
    #expect(header.racerSettings == spec.racers)
    let url = scratch.file("settings.hfrec.jsonl")
    let writer = try RecordingWriter(creating: url, header: header)
    writer.close()
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(text.contains(#""racer_settings":{"#))
    let back = try RecordingReader.open(url).header
    #expect(back == header)
    #expect(try back.runSpec().racers == spec.racers)
    #expect(try back.runSpec().racers.summary(for: .lbfgs).hasPrefix("history 4"))
  }
}
