import HFEngine

extension RecordingCodec {
  static func encodeEngine(_ event: HFEvent, into b: inout JSONBuilder) {
    switch event {
    case .iterationStarted(let iteration, let lambda):
      b.member("k", "iter_start")
      b.member("i", iteration)
      b.member("lambda", lambda)
    case .cgStep(let s):
      b.member("k", "cg")
      b.member("i", s.hfIteration)
      b.member("j", s.i)
      b.member("phi", s.phi)
      b.member("rp", s.relativeProgress)
      b.member("s", s.stored ? 1 : 0)
    case .cgFinished(let s):
      b.member("k", "cg_end")
      b.member("i", s.hfIteration)
      b.member("n", s.iterations)
      b.member("reason", s.reason.rawValue)
      b.member("chosen", s.chosen)
      b.member("phi", s.finalPhi)
      b.key("stored")
      b.openArray()
      for it in s.stored {
        b.openArray()
        b.value(it.i)
        b.value(it.phi)
        if let o = it.objective { b.value(o) } else { b.null() }
        b.closeArray()
      }
      b.closeArray()
    case .iterationFinished(let r):
      b.member("k", "iter")
      b.member("i", r.iteration)
      b.member("objective", r.objective)
      b.member("error", r.error)
      b.member("objective_before", r.objectiveBefore)
      b.member("test_objective", ifPresent: r.testObjective)
      b.member("test_error", ifPresent: r.testError)
      b.member("lambda_before", r.lambdaBefore)
      b.member("lambda_after", r.lambdaAfter)
      b.member("rho", r.rho)
      b.member("rho_model", r.rhoModel.rawValue)
      b.member("cg_iterations", r.cgIterations)
      b.member("cg_chosen", r.cgChosen)
      b.member("cg_reason", r.cgReason.rawValue)
      b.member("step_rate", r.stepRate)
      b.member("accepted", r.accepted)
      b.member("grad_norm", r.gradientNorm)
      b.member("step_norm", r.stepNorm)
      b.member("grad_norms", r.layerGradientNorms)
      b.member("step_norms", r.layerStepNorms)
      b.member("curvature_products", r.curvatureProducts)
      b.member("data_passes", r.dataPasses)
      b.member("curvature_batch", r.curvatureBatch)
      b.member("curvature", r.curvatureType.rawValue)
      b.key("times")
      b.openObject()
      b.member("gradient", r.times.gradient)
      b.member("cg", r.times.cg)
      b.member("backtracking", r.times.backtracking)
      b.member("line_search", r.times.lineSearch)
      b.member("evaluation", r.times.evaluation)
      b.member("total", r.times.total)
      if r.times.communication != 0 { b.member("communication", r.times.communication) }
      b.closeObject()
      if let profile = r.timeStepGradientNorms { b.member("time_grad_norms", profile) }
      if r.optimizer != .hf { b.member("optimizer", r.optimizer.rawValue) }
      b.member("learning_rate", ifPresent: r.learningRate)
      b.member("momentum", ifPresent: r.momentum)
      if let bad = r.nonFinite { b.member("non_finite", CodableBridge.encode(bad)) }
    case .warning(let iteration, let message):
      b.member("k", "warning")
      b.member("i", iteration)
      b.member("message", message)
    }
  }

  static func decodeEngine(kind: String, _ f: FieldReader) throws(FieldReader.Missing) -> HFEvent {
    switch kind {
    case "iter_start":
      return .iterationStarted(iteration: try f.int("i"), lambda: try f.double("lambda"))
    case "cg":
      var s = EnginePrototypes.cgStep
      s.hfIteration = try f.int("i")
      s.i = try f.int("j")
      s.phi = try f.double("phi")
      s.relativeProgress = try f.double("rp")
      s.stored = try f.bool("s")
      return .cgStep(s)
    case "cg_end":
      var s = EnginePrototypes.cgSummary
      s.hfIteration = try f.int("i")
      s.iterations = try f.int("n")
      s.reason = try f.enumValue("reason", CGTermination.self)
      s.chosen = try f.int("chosen")
      s.finalPhi = try f.double("phi")
      guard let stored = f.object["stored"]?.array else { throw FieldReader.Missing(key: "stored") }
      s.stored = []
      for item in stored {
        guard let a = item.array, a.count == 3, let i = a[0].int, let phi = a[1].double else {
          throw FieldReader.Missing(key: "stored")
        }
        var it = EnginePrototypes.storedIterate
        it.i = i
        it.phi = phi
        if a[2].isNull {
          it.objective = nil
        } else {
          guard let o = a[2].double else { throw FieldReader.Missing(key: "stored") }
          it.objective = o
        }
        s.stored.append(it)
      }
      return .cgFinished(s)
    case "iter":
      var r = EnginePrototypes.iterationReport
      r.iteration = try f.int("i")
      r.objective = try f.double("objective")
      r.error = try f.double("error")
      r.objectiveBefore = try f.double("objective_before")
      r.testObjective = try f.optionalDouble("test_objective")
      r.testError = try f.optionalDouble("test_error")
      r.lambdaBefore = try f.double("lambda_before")
      r.lambdaAfter = try f.double("lambda_after")
      r.rho = try f.double("rho")
      r.rhoModel = try f.enumValue("rho_model", RhoModel.self)
      r.cgIterations = try f.int("cg_iterations")
      r.cgChosen = try f.int("cg_chosen")
      r.cgReason = try f.enumValue("cg_reason", CGTermination.self)
      r.stepRate = try f.double("step_rate")
      r.accepted = try f.bool("accepted")
      r.gradientNorm = try f.double("grad_norm")
      r.stepNorm = try f.double("step_norm")
      r.layerGradientNorms = try f.doubles("grad_norms")
      r.layerStepNorms = try f.doubles("step_norms")
      r.curvatureProducts = try f.int("curvature_products")
      r.dataPasses = try f.double("data_passes")
      r.curvatureBatch = try f.int("curvature_batch")
      r.curvatureType = try f.enumValue("curvature", CurvatureType.self)
      let t = try f.object("times")
      var times = PhaseTimes()
      times.gradient = try t.double("gradient")
      times.cg = try t.double("cg")
      times.backtracking = try t.double("backtracking")
      times.lineSearch = try t.double("line_search")
      times.evaluation = try t.double("evaluation")
      times.total = try t.double("total")
      times.communication = try t.optionalDouble("communication") ?? 0
      r.times = times
      r.timeStepGradientNorms = f.object["time_grad_norms"] == nil ? nil : try f.doubles("time_grad_norms")
      r.optimizer = f.has("optimizer") ? try f.enumValue("optimizer", OptimizerKind.self) : .hf
      r.learningRate = try f.optionalDouble("learning_rate")
      r.momentum = try f.optionalDouble("momentum")
      r.nonFinite = f.has("non_finite") ? try f.decoded("non_finite", as: NonFiniteValue.self) : nil
      return .iterationFinished(r)
    default:
      return .warning(iteration: try f.int("i"), message: try f.string("message"))
    }
  }
}
