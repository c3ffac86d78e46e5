import Foundation
import HFDashUI
import HFRecording
import HFSession
import Testing

@Suite("Replay player")
struct ReplayPlayerTests {
  /// Whether two states show the same: the same frames at two sizes and the same data (compared
  /// field by field where NaN can occur, since NaN ≠ NaN under `==`).
  static func same(_ a: DashboardState, _ b: DashboardState) -> Bool {
    var b = b
    b.mode = a.mode
    b.now = a.now
    let frames = [(120, 40), (200, 60)].allSatisfy { w, h in
      Dashboard.render(state: a, view: DashboardView(), width: w, height: h)
        == Dashboard.render(state: b, view: DashboardView(), width: w, height: h)
    }
    return frames && a.log == b.log && a.notes == b.notes && a.alarms == b.alarms && a.status == b.status
      && a.history.iterations == b.history.iterations && a.history.objective == b.history.objective
      && a.history.lambdaAfter == b.history.lambdaAfter && a.currentIteration == b.currentIteration
      && a.runState == b.runState && a.finish == b.finish && a.settings == b.settings
      && a.liveCG?.hfIteration == b.liveCG?.hfIteration && a.liveCG?.steps == b.liveCG?.steps
      && a.lastCheckpoint == b.lastCheckpoint && a.startTime == b.startTime && a.endTime == b.endTime
  }

  @Test("every seek, forward or back through snapshots, shows exactly the state of the events before it")
  func seeksMatchAFreshReplay() {
    let timeline = ReplayFixture.long(iterations: 160)
    var player = ReplayPlayer(timeline: timeline, speed: 1, playing: false)
    #expect(player.snapshotInterval == 50)
    var state = DashboardState()
    player.begin(&state)
    #expect(player.snapshotCount == 0)
    player.seek(toEvent: timeline.events.count, state: &state)  // passes every snapshot point once
    #expect(player.snapshotCount == 3)
    let count = timeline.events.count
    let targets = [
      count - 1, 0, 5, count / 2, count * 9 / 10, count * 3 / 10 + 3, count * 6 / 10, 17, count, count * 3 / 10 - 1,
      count * 7 / 10 + 1, 1,
    ]
    for target in targets {
      player.seek(toEvent: target, state: &state)
      #expect(player.position == target)
      let fresh = ReplayFixture.freshState(timeline, count: target)
      #expect(Self.same(state, fresh), "seek to event \(target)")
      #expect(state.now == (target > 0 ? timeline.events[target - 1].time : 0))
    }
  }

  @Test("read from a file (CG steps decoded on demand, passed over when off screen), every seek shows the state of the events before it")
  func seeksInAFile() throws {
    let memory = ReplayFixture.long(iterations: 60)
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UInt32.random(in: 0...UInt32.max)).hfrec.jsonl")
    defer { try? FileManager.default.removeItem(at: url) }
    let writer = try RecordingWriter(creating: url, header: memory.header)
    for e in memory.events { writer.append(e) }
    writer.close()
    let timeline = try RecordingReader.open(url)
    #expect(timeline.events.count == memory.events.count && timeline.events.indices.contains { timeline.events.isUndecodedLine(at: $0) })
    var player = ReplayPlayer(timeline: timeline, speed: 1, playing: false)
    var state = DashboardState()
    player.begin(&state)
    let count = timeline.events.count
    for target in [count, count / 2, 3, count * 9 / 10, count - 2, 40] {
      player.seek(toEvent: target, state: &state)
      #expect(Self.same(state, ReplayFixture.freshState(timeline, count: target)), "seek to event \(target)")
      #expect(state.previousCG?.hfIteration == ReplayFixture.freshState(timeline, count: target).previousCG?.hfIteration)
    }
  }

  @Test("stepping moves one HF iteration and pauses; Home and End go to the start and the end")
  func transport() throws {
    let timeline = ReplayFixture.scripted()
    var player = ReplayPlayer(timeline: timeline, source: "curves.hfrec.jsonl", speed: 1, playing: true)
    var state = DashboardState()
    player.begin(&state)
    guard case .replay(let start) = state.mode else { Issue.record("not in replay mode"); return }
    #expect(start.iteration == 0 && start.totalIterations == 40 && start.isPlaying && start.source == "curves.hfrec.jsonl")
    #expect(state.session?.preset == "curves" && state.history.isEmpty)
    #expect(start.markers.map(\.kind) == [.control, .checkpoint, .alarm, .note, .control, .alarm])
    #expect(start.duration == timeline.duration)

    player.perform(.stepForward, state: &state)
    #expect(player.replayPosition.iteration == 1 && !player.isPlaying && state.history.lastIteration == 1)
    for _ in 0..<4 { player.perform(.stepForward, state: &state) }
    #expect(state.history.lastIteration == 5)
    player.perform(.stepBackward, state: &state)
    #expect(state.history.lastIteration == 4 && player.replayPosition.iteration == 4)
    player.perform(.toEnd, state: &state)
    #expect(player.isAtEnd && state.history.lastIteration == 40 && state.runState == .done)
    // Back from the end (past the last iteration's trailing events) shows iteration 39.
    player.perform(.stepBackward, state: &state)
    #expect(state.history.lastIteration == 39 && player.replayPosition.iteration == 39)
    player.perform(.toEnd, state: &state)
    #expect(state.notes.map(\.text) == ["plateau after the λ bump"] && state.alarms.count == 1)
    player.perform(.stepForward, state: &state)
    #expect(player.isAtEnd && state.freshStatus?.text == "at the end of the recording")
    player.perform(.toStart, state: &state)
    #expect(player.position == player.startPosition && state.history.isEmpty)
    player.perform(.stepBackward, state: &state)
    #expect(player.position == player.startPosition && state.freshStatus?.text == "at the start of the recording")
    // Play at the end starts over.
    player.perform(.toEnd, state: &state)
    player.perform(.togglePlay, state: &state)
    #expect(player.isPlaying && player.position == player.startPosition)
  }

  @Test("speed doubles and halves between 0.25× and 64×, then max; the header says so")
  func speedLadder() {
    var player = ReplayPlayer(timeline: ReplayFixture.scripted(), speed: 1)
    var state = DashboardState()
    player.begin(&state)
    var seen: [Double] = []
    for _ in 0..<7 {
      player.perform(.faster, state: &state)
      seen.append(player.speed)
    }
    #expect(seen == [2, 4, 8, 16, 32, 64, .infinity])
    guard case .replay(let p) = state.mode else { Issue.record("not in replay mode"); return }
    #expect(p.summary == "iteration 0/40 · max")
    player.perform(.faster, state: &state)
    #expect(player.speed.isInfinite && state.freshStatus?.text == "already as fast as frames allow")
    player.perform(.slower, state: &state)
    #expect(player.speed == 64)
    for _ in 0..<20 { player.perform(.slower, state: &state) }
    #expect(player.speed == 0.25 && state.freshStatus?.text == "already at the slowest speed (0.25×)")
    #expect(ReplayPlayer(timeline: ReplayFixture.scripted(), speed: 1000).speed == 64)
  }

  @Test("playing advances in recorded time × speed, skips idle gaps, and stops at the end")
  func playback() {
    let timeline = ReplayFixture.long(iterations: 6, gapAfter: 2, gap: 600)
    var player = ReplayPlayer(timeline: timeline, speed: 2, playing: true)
    var state = DashboardState()
    player.begin(&state)
    #expect(player.playhead == 0)
    player.tick(wallSeconds: 0.5, state: &state)  // 1 s recorded: iteration 1 ends at exactly 1 s
    #expect(player.playhead == 1 && state.history.lastIteration == 1)
    player.tick(wallSeconds: 0.5, state: &state)
    #expect(player.playhead == 2 && state.history.lastIteration == 2)
    // 600 idle seconds after iteration 2: after two wall seconds without events the playhead jumps to the next one.
    player.tick(wallSeconds: 1.5, state: &state)
    #expect(player.playhead == 5 && state.history.lastIteration == 2)
    player.tick(wallSeconds: 0.6, state: &state)
    let next = timeline.events[timeline.iterations[2].startIndex].time
    #expect(player.playhead == next && state.currentIteration == 3)
    for _ in 0..<10 { player.tick(wallSeconds: 100, state: &state) }
    #expect(player.isAtEnd && !player.isPlaying && state.history.lastIteration == 6)
    // Paused: time stands still.
    let position = player.position
    player.tick(wallSeconds: 5, state: &state)
    #expect(player.position == position)
  }

  @Test("max speed shows one more HF iteration every frame")
  func maxSpeed() {
    var player = ReplayPlayer(timeline: ReplayFixture.scripted(), speed: .infinity)
    var state = DashboardState()
    player.begin(&state)
    for k in 1...3 {
      player.tick(wallSeconds: 0.1, state: &state)
      #expect(state.history.lastIteration == k)
    }
  }
}
