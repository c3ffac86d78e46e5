import Dispatch
import HFDashUI
import HFTerminal
import HFCanvas

/// The UI thread's loop: poll the source, render, blit only what changed, wait for a key with the
/// frame timeout as the clock. All curses calls happen here, on the thread that made the screen.
struct DashboardLoop {
  let screen: TerminalScreen
  let glyphs: GlyphSet
  let frameMs: Int

  /// How the loop ended.
  enum Exit: Equatable {
    case quit
    /// SIGINT / SIGTERM / SIGHUP (the terminal is restored by the caller as usual).
    case signal(Int32)
  }

  /// Runs until the source or a signal ends it.
  func run(source: DashboardSource, state: inout DashboardState, view: inout DashboardView) -> Exit {
    let start = DispatchTime.now().uptimeNanoseconds
    func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    while true {
      if let signal = TerminalScreen.pendingSignal { return .signal(signal) }
      state.now = source.clock(wall: now())
      source.poll(into: &state)
      let size = screen.size
      screen.draw(Dashboard.render(state: state, view: view, width: size.width, height: size.height, glyphs: glyphs))
      // Wait for one key (the frame clock), then take every key already typed before redrawing.
      var timeout = frameMs
      while let key = screen.readKey(timeoutMs: timeout) {
        timeout = 0
        if key == .resize { continue }
        state.now = source.clock(wall: now())
        if let effect = DashboardInput.handle(key, state: &state, view: &view, assist: source.assist),
          !source.perform(effect, state: &state, view: &view)
        {
          return .quit
        }
      }
    }
  }
}
