import HFDashUI
import HFEngine
import HFSession
import Testing
import HFRecording

@Suite struct DashboardReducerTests {
  static let state = ScriptedRun.state()

  @Test func historyArraysHoldEveryReportedValue() throws {
    let h = Self.state.history
    #expect(h.count == 40)
    #expect(h.iterations == Array(1...40))
    let reports = ScriptedRun.events().compactMap { e -> IterationReport? in
      if case .engine(.iterationFinished(let r)) = e.event { return r }
      return nil
    }
    try #require(reports.count == 40)
    for (k, r) in reports.enumerated() {
      #expect(h.objective[k] == r.objective)
      #expect(h.error[k] == r.error)
      #expect(h.lambdaBefore[k] == r.lambdaBefore)
      #expect(h.lambdaAfter[k] == r.lambdaAfter)
      #expect(h.rho[k] == r.rho)
      #expect(h.cgComputed[k] == r.cgIterations)
      #expect(h.cgChosen[k] == r.cgChosen)
      #expect(h.cgReason[k] == r.cgReason)
      #expect(h.stepRate[k] == r.stepRate)
      #expect(h.gradientNorm[k] == r.gradientNorm)
      #expect(h.times[k] == r.times)
      #expect(h.dataPasses[k] == r.dataPasses)
      for g in 0..<12 { #expect(h.groupGradientNorms[g][k] == r.layerGradientNorms[g]) }
    }
    #expect(h.groupGradientNorms.count == 12)
    #expect(h.accepted[22] == false && h.accepted.filter { !$0 }.count == 1 && h.rejectedCount == 1)
    #expect(h.rho[22] == -0.8)
    #expect(h.cgComputed[35] == 250 && h.cgReason[35] == .maxIterations)
    #expect(h.testObjective[30].map(\.isNaN) == true)
    #expect(h.testObjective[29] == reports[29].testObjective)
  }

  @Test func lambdaMarkersAreTheIterationsAUserControlChangedLambda() {
    #expect(Self.state.lambdaChangeIterations == [15, 30])
  }

  @Test func liveCGRunFollowsTheCurrentIteration() throws {
    let s = Self.state
    #expect(s.currentIteration == 41)
    let live = try #require(s.liveCG)
    #expect(live.hfIteration == 41)
    #expect(live.steps == 117)
    #expect(live.phi.count == 117)
    #expect(live.storedIterations == CGSettings().storedIterationGrid.filter { $0 <= 117 })
    #expect(live.summary == nil && live.chosen == nil)
    #expect(s.displayedCG?.hfIteration == 41)
    #expect(s.previousCG?.hfIteration == 40)
    #expect(s.previousCG?.isFinished == true)

    var finished = s
    let summary = ScriptedRun.cgSummary(hf: 41, computed: 117, reason: .converged)
    finished.apply(.engine(.cgFinished(summary)))
    #expect(finished.liveCG?.chosen == summary.chosen)
    #expect(finished.liveCG?.summary?.reason == .converged)
    #expect(finished.liveCG?.storedIterations.last == 117)
  }

  @Test func aNewIterationShowsThePreviousRunUntilItsFirstCGStep() {
    var s = Self.state
    s.apply(.engine(.cgFinished(ScriptedRun.cgSummary(hf: 41, computed: 117, reason: .converged))))
    s.apply(.engine(.iterationStarted(iteration: 42, lambda: 0.1)))
    #expect(s.liveCG?.hfIteration == 42 && s.liveCG?.steps == 0)
    #expect(s.displayedCG?.hfIteration == 41)
    #expect(s.settings.lambda == 0.1)
    s.apply(.engine(.cgStep(CGStep(hfIteration: 42, i: 1, phi: -0.01, relativeProgress: .nan, stored: false))))
    #expect(s.displayedCG?.hfIteration == 42)
  }

  @Test func appliedControlsConfirmAndLog() throws {
    var s = Self.state
    let applied = AppliedControl(
      control: .setMaxCG(200), setting: "max CG", old: "250", new: "200", iteration: 42, cgStep: nil, source: "key c")
    s.addPending(ControlRequest(.setMaxCG(200), source: "key c"))
    #expect(s.isPending(.maxCG))
    #expect(s.projectedSettings.config.cg.maxIterations == 200)
    #expect(s.settings.config.cg.maxIterations == 250)
    s.apply(.control(applied))
    #expect(s.pending.isEmpty)
    #expect(s.settings.config.cg.maxIterations == 200)
    #expect(s.status?.text == "max CG 250 → 200 (from iteration 42)")
    #expect(s.status?.role == .good)
    let last = try #require(s.log.last)
    #expect(last.kind == .control && last.iteration == 42)
    #expect(last.text == "max CG 250 → 200 (from iteration 42) · key c")
  }

  @Test func aPendingLambdaScaleIsClearedByTheSessionsSetLambda() {
    var s = Self.state
    s.addPending(ControlRequest(.scaleLambda(1.5), source: "key ]"))
    s.addPending(ControlRequest(.setPreconditioner(false), source: "key p"))
    #expect(s.pending.count == 2)
    #expect(abs(s.projectedSettings.lambda - s.settings.lambda * 1.5) < 1e-12)
    s.apply(
      .control(
        AppliedControl(control: .setLambda(0.2), setting: "λ", old: "0.132", new: "0.2", iteration: 42, cgStep: nil, source: "key ]")))
    #expect(s.pending.map(\.request.control) == [.setPreconditioner(false)])
    #expect(s.lambdaChangeIterations.last == 42)
    #expect(s.settings.lambda == 0.2)
  }

  @Test func runControlsAreNeverPending() {
    var s = Self.state
    s.addPending(ControlRequest(.pause, source: "key space"))
    #expect(s.pending.isEmpty)
  }

  @Test func logRecordsLambdaChangesRejectedStepsAlarmsNotesAndWarnings() throws {
    let log = Self.state.log
    #expect(log.first?.text == "started curves · " + ScriptedRun.description.model + " · seed 1")
    let first = try #require(log.first { $0.iteration == 1 })
    #expect(first.kind == .lambda)
    #expect(first.text.hasPrefix("λ 45 → 30 (ρ ") && first.text.hasSuffix(" > ¾)"))
    let rejected = try #require(log.first { $0.kind == .rejected })
    #expect(rejected.iteration == 23 && rejected.role == .warn)
    #expect(rejected.text == "step rejected (ρ -0.8), λ 0.52 → 0.78")
    let alarm = try #require(log.first { $0.kind == .alarm })
    #expect(alarm.iteration == 23 && alarm.role == .bad)
    #expect(log.contains(DashboardLogEntry(iteration: 27, kind: .note, text: "note: plateau after the λ bump")))
    #expect(log.contains(DashboardLogEntry(iteration: 31, kind: .warning, text: "the test objective is not finite (nan)")))
    #expect(log.contains { $0.kind == .control && $0.text == "λ 2.63 → 3.95 (from iteration 15) · key ]" })
    #expect(log.contains { $0.kind == .info && $0.text == "checkpoint → sessions/curves-1/ckpt-20.bin" })
    #expect(Self.state.alarms.map(\.kind) == [.rejectedStep])
    #expect(Self.state.notes == [IterationNote(iteration: 27, text: "plateau after the λ bump")])
    #expect(Self.state.lastCheckpoint == IterationNote(iteration: 20, text: "sessions/curves-1/ckpt-20.bin"))
  }

  @Test func elapsedTimeStopsWhenTheRunFinishes() throws {
    var s = Self.state
    let elapsed = try #require(s.elapsed)
    #expect(abs(elapsed - (s.now - ScriptedRun.startTime)) < 1e-9)
    s.apply(.finished(reason: .stopped, iteration: 40, message: "stopped by the user"))
    #expect(s.runState == .done)
    #expect(s.finish == RunFinish(reason: .stopped, iteration: 40, message: "stopped by the user"))
    let frozen = s.elapsed
    s.now += 100
    #expect(s.elapsed == frozen)
    #expect(s.status?.text == "finished (stopped): stopped by the user")
    s.apply(.state(.running))
    #expect(s.elapsed == s.now - ScriptedRun.startTime)
  }

  @Test func statusMessagesExpireIntoTheIterationSummary() {
    var s = Self.state
    s.postNotice("hello")
    #expect(s.freshStatus?.text == "hello")
    s.now += DashboardState.statusLifetime + 1
    #expect(s.freshStatus == nil)
    #expect(s.status?.text == "hello")
  }

  @Test func restartResetsTheRunButKeepsTheLog() {
    var s = Self.state
    let logCount = s.log.count
    s.now = 5000
    s.apply(.started(ScriptedRun.description))
    #expect(s.history.isEmpty)
    #expect(s.liveCG == nil && s.previousCG == nil)
    #expect(s.lambdaChangeIterations.isEmpty && s.alarms.isEmpty && s.pending.isEmpty)
    #expect(s.startTime == 5000 && s.runState == .starting)
    #expect(s.settings.lambda == 45 && s.settings.curvatureBatch == 5000)
    #expect(s.log.count == logCount + 1)
  }

  @Test func stateEventsSetTheRunState() {
    var s = Self.state
    for r in [RunState.paused, .stepping, .running, .done] {
      s.apply(.state(r))
      #expect(s.runState == r)
    }
  }

  @Test func historyIsCappedAndReplayedIterationsReplaceTheTail() {
    var h = IterationHistory(capacity: 100)
    for k in 1...150 { h.append(ScriptedRun.report(k, objective: Double(k), before: 0, lambda: 1, after: 1, rho: 0.5,
      computed: 10, chosen: 9, reason: .converged, accepted: k % 7 != 0, passes: Double(k))) }
    #expect(h.rejectedCount == h.accepted.filter { !$0 }.count)
    #expect(h.count <= 100)
    #expect(h.lastIteration == 150)
    #expect(h.droppedCount + h.count == 150)
    #expect(h.iterations == Array((151 - h.count)...150))
    #expect(h.groupGradientNorms.allSatisfy { $0.count == h.count })
    h.append(ScriptedRun.report(140, objective: -1, before: 0, lambda: 1, after: 1, rho: 0.5, computed: 10, chosen: 9,
      reason: .converged, accepted: true, passes: 0))
    #expect(h.lastIteration == 140)
    #expect(h.rejectedCount == h.accepted.filter { !$0 }.count)
    #expect(h.objective.last == -1)
    #expect(h.iterations.last(where: { $0 == 139 }) != nil && !h.iterations.contains(141))
  }

  @Test func recurrentModelsHaveStructuralDamping() {
    var d = ScriptedRun.description
    #expect(!d.hasStructuralDamping)
    d.groupNames = ["input", "recurrent", "output"]
    #expect(d.hasStructuralDamping)
    var s = DashboardState()
    s.apply(.started(d))
    #expect(s.settings.hasStructuralDamping)
  }
}

@Suite struct LongHistoryTests {
  /// 100k iterations with one NaN objective in the middle: thinning keeps the gap, the extremes and the frame size.
  @Test func thinnedChartsKeepGapsAndSpikes() throws {
    var state = DashboardState()
    state.apply(.started(ScriptedRun.description))
    for k in 1...100_000 {
      let objective = k == 50_000 ? Double.nan : k == 70_000 ? 1000 : 10 - Double(k) * 5e-5
      state.apply(.engine(.iterationFinished(ScriptedRun.report(
        k, objective: objective, before: 0, lambda: 1, after: 1, rho: 0.5, computed: 10, chosen: 9, reason: .converged,
        accepted: true, passes: Double(k)))))
    }
    #expect(state.history.count == 100_000)
    let canvas = Dashboard.render(state: state, view: DashboardView(), width: 200, height: 60)
    let rect = try #require(DashboardLayout(width: 200, height: 60).rect(for: .objective))
    var gaps = 0
    var topRowDots = 0
    for y in rect.y..<rect.maxY {
      for x in rect.x..<rect.maxX where canvas[x, y].scalar == "×" && canvas[x, y].role == .bad { gaps += 1 }
    }
    // The spike to 1000 puts a dot in the first plot row (right under the frame).
    for x in rect.x..<rect.maxX where (0x2801...0x28FF).contains(canvas[x, rect.y + 1].scalar.value) { topRowDots += 1 }
    #expect(gaps >= 1)
    #expect(topRowDots >= 1)
  }
}
