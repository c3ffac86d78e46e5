import CNCurses
import HFCanvas
import HFCanvas

extension TerminalScreen {
  /// Waits up to `timeoutMs` (0: poll, negative: forever) for a key; nil on timeout, on a signal,
  /// or for input hfdash does not use.
  public func readKey(timeoutMs: Int) -> KeyEvent? {
    checkThread()
    guard let raw = readRaw(timeoutMs: timeoutMs) else { return nil }
    switch raw {
    case .keyCode(let code):
      if code == KEY_RESIZE { needsFullRedraw = true }
      return KeyDecoder.key(forCode: code)
    case .character(27):
      return decodeEscape()
    case .character(let value):
      return KeyDecoder.key(forCharacter: value)
    }
  }

  /// Waits up to the frame timeout from the options for a key.
  public func readKey() -> KeyEvent? {
    readKey(timeoutMs: options.frameTimeoutMs)
  }

  /// After a bare ESC: decodes a CSI/SS3 sequence curses left undecoded, or reports ESC alone
  /// and keeps what followed for the next `readKey` (e.g. Alt-x arrives as ESC then x).
  private func decodeEscape() -> KeyEvent? {
    var tail: [UInt32] = []
    while true {
      guard let next = readRaw(timeoutMs: 0) else { break }
      guard case .character(let value) = next else {
        pendingInput.insert(next, at: 0)
        break
      }
      tail.append(value)
      switch KeyDecoder.parseEscape(tail) {
      case .needMore: continue
      case .complete(let key): return key
      case .notASequence: break
      }
      break
    }
    pendingInput.insert(contentsOf: tail.map(RawInput.character), at: 0)
    return .escape
  }

  /// The next input unit: read-ahead first, then `wget_wch` with the given timeout.
  private func readRaw(timeoutMs: Int) -> RawInput? {
    if !pendingInput.isEmpty { return pendingInput.removeFirst() }
    wtimeout(window, Int32(clamping: timeoutMs))
    var value: wint_t = 0
    let status = wget_wch(window, &value)
    if status == KEY_CODE_YES { return .keyCode(Int32(bitPattern: value)) }
    if status == OK { return .character(value) }
    return nil
  }
}
