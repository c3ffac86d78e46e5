/// What a prompt is for.
public enum PromptKind: String, Sendable, Equatable {
  /// `:` — a settings command ("lambda 1e-3"), parsed by the app.
  case command
  /// `n` — a note attached to the current HF iteration.
  case note

  /// The text drawn before the input.
  public var prompt: String {
    switch self {
    case .command: ":"
    case .note: "note: "
    }
  }
}

/// One edit of the prompt's text.
public enum PromptEdit: Equatable, Sendable {
  case insert(Character)
  case backspace, deleteForward, left, right, home, end
  /// Deletes everything before the cursor (Ctrl-U).
  case clearToStart
  /// Tab: asks the completer to complete the text.
  case complete
  /// ↑ / ↓: earlier / later entries of the command history.
  case historyPrevious, historyNext
}

/// A completion offered for the prompt's text: the replacement text and a hint (e.g. "λ, now 45").
public struct PromptCompletion: Equatable, Sendable {
  public var text: String
  public var hint: String?
  /// Creates a completion.
  public init(text: String, hint: String? = nil) {
    self.text = text
    self.hint = hint
  }
}

/// Completion and hints for the `:` prompt, injected by the app (HFSession's settings catalog).
public struct PromptAssist: Sendable {
  /// Tab: the completed text (and a hint), or nil when nothing matches.
  public var complete: @Sendable (String) -> PromptCompletion?
  /// After every edit: a hint for the text so far (nil for none).
  public var hint: @Sendable (String) -> String?
  /// Creates an assist.
  public init(
    complete: @escaping @Sendable (String) -> PromptCompletion?, hint: @escaping @Sendable (String) -> String? = { _ in nil }
  ) {
    self.complete = complete
    self.hint = hint
  }
}

/// The editing state of the one-line prompt: text, cursor, hint and error; no rendering, no I/O.
public struct CommandPrompt: Equatable, Sendable {
  public var kind: PromptKind
  /// The text typed so far, as characters.
  public private(set) var characters: [Character]
  /// The cursor position, in characters (0…count).
  public private(set) var cursor: Int
  /// A hint shown after the text.
  public var hint: String?
  /// An error from the last submission, shown until the next edit.
  public var error: String?
  /// Position in the command history while recalling (nil = editing a new line).
  var historyIndex: Int?

  /// An empty prompt of `kind`, or one holding `text` with the cursor at its end.
  public init(kind: PromptKind, text: String = "") {
    self.kind = kind
    characters = Array(text)
    cursor = characters.count
  }

  /// The text typed so far.
  public var text: String { String(characters) }

  /// The cursor as a Unicode-scalar offset (what `PromptLine` takes).
  public var scalarCursor: Int {
    characters.prefix(cursor).reduce(0) { $0 + $1.unicodeScalars.count }
  }

  /// Applies one edit; `assist` completes and hints, `history` is the list ↑/↓ recall from (oldest first).
  public mutating func apply(_ edit: PromptEdit, assist: PromptAssist? = nil, history: [String] = []) {
    var changedText = true
    switch edit {
    case .insert(let c):
      characters.insert(c, at: cursor)
      cursor += 1
    case .backspace:
      guard cursor > 0 else { return }
      characters.remove(at: cursor - 1)
      cursor -= 1
    case .deleteForward:
      guard cursor < characters.count else { return }
      characters.remove(at: cursor)
    case .clearToStart:
      characters.removeFirst(cursor)
      cursor = 0
    case .left:
      cursor = max(0, cursor - 1)
      changedText = false
    case .right:
      cursor = min(characters.count, cursor + 1)
      changedText = false
    case .home:
      cursor = 0
      changedText = false
    case .end:
      cursor = characters.count
      changedText = false
    case .complete:
      guard let assist, let c = assist.complete(text) else { return }
      characters = Array(c.text)
      cursor = characters.count
      error = nil
      hint = c.hint ?? assist.hint(text)
      return
    case .historyPrevious, .historyNext:
      guard !history.isEmpty else { return }
      let last = history.count - 1
      let i: Int? =
        edit == .historyPrevious
        ? max(0, (historyIndex ?? history.count) - 1)
        : historyIndex.flatMap { $0 < last ? $0 + 1 : nil }
      historyIndex = i
      characters = Array(i.map { history[$0] } ?? "")
      cursor = characters.count
    }
    if changedText {
      error = nil
      if edit != .historyPrevious && edit != .historyNext { historyIndex = nil }
      hint = assist?.hint(text)
    }
  }
}
