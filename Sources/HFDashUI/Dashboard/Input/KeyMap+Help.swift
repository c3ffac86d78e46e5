extension KeyMap {
  /// The help overlay's entries for `mode`: the dashboard's keys, then those of the help overlay,
  /// the prompt and the quit question — all generated from `bindings`.
  public func helpEntries(for mode: KeyModes, ascii: Bool = false) -> [HelpEntry] {
    let order: [KeyContext] = [.main, .help, .prompt, .quitConfirm]
    var out: [HelpEntry] = []
    for context in order {
      for b in bindings where b.context == context && (context != .main || !b.modes.isDisjoint(with: mode)) {
        out.append(HelpEntry(keys: b.keyLabel(ascii: ascii), help: b.help, group: b.group))
      }
    }
    return out
  }

  /// The key bar for `mode` and `context`, most important first; `isPaused` relabels space
  /// ("Resume" while a live run is paused, "Play" while a replay is paused).
  public func keyBarItems(for mode: KeyModes, context: KeyContext = .main, isPaused: Bool = false) -> [KeyBar.Item] {
    bindings.filter { b in
      b.barLabel != nil && b.context == context && (context != .main || !b.modes.isDisjoint(with: mode))
    }
    .sorted { $0.barRank < $1.barRank }
    .map { b in
      var label = b.barLabel ?? ""
      var active = false
      switch b.keys.first?.action {
      case .togglePause?:
        label = isPaused ? "Resume" : "Pause"
        active = isPaused
      case .replay(.togglePlay)?:
        label = isPaused ? "Play" : "Pause"
      default: break
      }
      return KeyBar.Item(key: b.barKeyLabel(), label: label, isActive: active)
    }
  }

  /// The key bar for a state and view.
  public func keyBarItems(state: DashboardState, view: DashboardView) -> [KeyBar.Item] {
    let mode = Self.mode(of: state)
    let paused: Bool
    if case .replay(let p) = state.mode { paused = !p.isPlaying } else { paused = state.runState == .paused }
    let context = Self.context(of: view)
    return keyBarItems(for: mode, context: context == .help ? .main : context, isPaused: paused)
  }
}
