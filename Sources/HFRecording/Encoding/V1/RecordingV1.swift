import HFEngine

/// Reads recording format version 1 (hfdash before the one Codable encoding): short keys on CG
/// lines (`i` the HF iteration, `j` the CG step, `rp`, `s` as 0/1), stored iterates as
/// `[j, φ, objective]` arrays, controls flat in the line, `i` for the iteration everywhere,
/// camelCase keys inside `config`. Frozen: version 1 gains no fields. Values are built with the
/// types' public initializers, so fields added since keep their defaults (optionals nil).
///
/// Keys below are as `RecordingJSON.decoder()` hands them over: snake_case in the file
/// (`objective_before`) arrives camelCase (`objectiveBefore`).
enum RecordingV1 {
  /// One version-1 line: envelope, then the kind's own layout.
  struct Line: Decodable {
    var event: RecordedEvent

    enum Envelope: String, CodingKey { case t, k, racer }

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: Envelope.self)
      let name = try c.decode(String.self, forKey: .k)
      guard RecordedEvent.Kind(rawValue: name) != nil else { throw RecordedEvent.UnknownKind(name: name) }
      let time = try c.decode(Double.self, forKey: .t)
      let event: SessionEvent
      switch name {
      case "iter_start", "cg", "cg_end", "iter", "warning":
        let e = try Self.engine(name, decoder)
        event = try c.decodeIfPresent(OptimizerKind.self, forKey: .racer).map { .racer($0, e) } ?? .engine(e)
      case "control": event = .control(try Control(from: decoder).applied)
      case "state": event = .state(try EventPayload.State(from: decoder).state)
      case "alarm":
        let a = try AlarmLine(from: decoder)
        event = .alarm(Alarm(kind: a.alarm, iteration: a.i, message: a.message))
      case "note":
        let n = try Note(from: decoder)
        event = .note(iteration: n.i, text: n.text)
      case "checkpoint":
        let p = try CheckpointLine(from: decoder)
        event = .checkpoint(iteration: p.i, path: p.path)
      case "end":
        let e = try End(from: decoder)
        event = .finished(reason: e.reason, iteration: e.i, message: e.message)
      case "start": event = .started(try Start(from: decoder).description)
      default: throw RecordedEvent.UnknownKind(name: name)
      }
      // Version 1 is frozen: every field it has is known, none is noted.
      self.event = RecordedEvent(time: time, event: event)
    }

    static func engine(_ kind: String, _ decoder: any Decoder) throws -> HFEvent {
      switch kind {
      case "iter_start":
        let s = try IterationStart(from: decoder)
        return .iterationStarted(iteration: s.i, lambda: s.lambda)
      case "cg":
        let s = try Step(from: decoder)
        return .cgStep(CGStep(hfIteration: s.i, i: s.j, phi: s.phi, relativeProgress: s.rp, stored: s.s != 0))
      case "cg_end": return .cgFinished(try Summary(from: decoder).summary)
      case "iter": return .iterationFinished(try Report(from: decoder).report)
      default:
        let w = try Note.Message(from: decoder)
        return .warning(iteration: w.i, message: w.message)
      }
    }
  }

  struct IterationStart: Decodable {
    var i: Int
    var lambda: Double
  }

  struct Step: Decodable {
    var i: Int
    var j: Int
    var phi: Double
    var rp: Double
    var s: Int
  }

  struct Summary: Decodable {
    var i: Int
    var n: Int
    var reason: CGTermination
    var chosen: Int
    var phi: Double
    var stored: [StoredTriple]

    var summary: CGSummary {
      CGSummary(
        hfIteration: i, iterations: n, reason: reason, stored: stored.map { StoredIterate(i: $0.j, phi: $0.phi, objective: $0.objective) },
        chosen: chosen, finalPhi: phi)
    }
  }

  /// `[j, φ, objective or null]`.
  struct StoredTriple: Decodable {
    var j: Int
    var phi: Double
    var objective: Double?

    init(from decoder: any Decoder) throws {
      var c = try decoder.unkeyedContainer()
      j = try c.decode(Int.self)
      phi = try c.decode(Double.self)
      objective = try c.decodeNil() ? nil : try c.decode(Double.self)
      guard c.isAtEnd else {
        throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "a stored iterate has three entries"))
      }
    }
  }

  struct Report: Decodable {
    var i: Int
    var objective, error, objectiveBefore: Double
    var testObjective, testError: Double?
    var lambdaBefore, lambdaAfter, rho: Double
    var rhoModel: RhoModel
    var cgIterations, cgChosen: Int
    var cgReason: CGTermination
    var stepRate: Double
    var accepted: Bool
    var gradNorm, stepNorm: Double
    var gradNorms, stepNorms: [Double]
    var curvatureProducts: Int
    var dataPasses: Double
    var curvatureBatch: Int
    var curvature: CurvatureType
    var times: PhaseTimes
    var timeGradNorms: [Double]?
    var optimizer: OptimizerKind?
    var learningRate, momentum: Double?

    var report: IterationReport {
      var r = IterationReport(
        iteration: i, objective: objective, error: error, objectiveBefore: objectiveBefore, testObjective: testObjective,
        testError: testError, lambdaBefore: lambdaBefore, lambdaAfter: lambdaAfter, rho: rho, rhoModel: rhoModel,
        cgIterations: cgIterations, cgChosen: cgChosen, cgReason: cgReason, stepRate: stepRate, accepted: accepted,
        gradientNorm: gradNorm, stepNorm: stepNorm, layerGradientNorms: gradNorms, layerStepNorms: stepNorms,
        curvatureProducts: curvatureProducts, dataPasses: dataPasses, curvatureBatch: curvatureBatch, curvatureType: curvature,
        times: times, timeStepGradientNorms: timeGradNorms)
      r.optimizer = optimizer ?? .hf
      r.learningRate = learningRate
      r.momentum = momentum
      return r
    }
  }

  struct Note: Decodable {
    var i: Int
    var text: String

    struct Message: Decodable {
      var i: Int
      var message: String
    }
  }

  struct AlarmLine: Decodable {
    var alarm: AlarmKind
    var i: Int
    var message: String
  }

  struct CheckpointLine: Decodable {
    var i: Int
    var path: String
  }

  struct End: Decodable {
    var reason: FinishReason
    var i: Int
    var message: String
  }

  /// A control: `op`/`value`/`racer` (read by `SessionControl`'s own decoder) flat beside the rest.
  struct Control: Decodable {
    var applied: AppliedControl

    enum CodingKeys: String, CodingKey { case setting, old, new, i, cg, source }

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      applied = AppliedControl(
        control: try SessionControl(from: decoder), setting: try c.decode(String.self, forKey: .setting),
        old: try c.decode(String.self, forKey: .old), new: try c.decode(String.self, forKey: .new),
        iteration: try c.decode(Int.self, forKey: .i), cgStep: try c.decodeIfPresent(Int.self, forKey: .cg),
        source: try c.decode(String.self, forKey: .source))
    }
  }

  struct Start: Decodable {
    var preset, model, data: String
    var parameters, trainCases: Int
    var testCases: Int?
    var seed: UInt64
    var groups: [String]
    var error: String
    var config: HFConfig
    var resumedFrom: Int?
    var optimizer: OptimizerKind?
    var racers: [RacerDescription]?

    var description: SessionDescription {
      var d = SessionDescription(
        preset: preset, model: model, data: data, parameterCount: parameters, trainCases: trainCases, testCases: testCases,
        seed: seed, config: config, groupNames: groups, errorName: error, resumedFrom: resumedFrom)
      d.optimizer = optimizer ?? .hf
      d.racers = racers ?? []
      return d
    }
  }
}
