import HFDashUI
import HFSession

/// Tab completion and hints for the `:` command line, from the settings catalog (and `:lanczos`).
enum CommandAssist {
  static let assist = PromptAssist(
    complete: { text in
      let trimmed = text.drop { $0 == " " }
      guard !trimmed.contains(" ") else { return nil }
      let names = SettingsCatalog.completions(prefix: String(trimmed)) + LanczosCommand.completions(prefix: String(trimmed))
      guard let first = names.first else { return nil }
      if names.count == 1 {
        let hint = LanczosCommand.names.contains(first) ? LanczosCommand.hint : SettingsCatalog.entry(named: first)?.helpLine
        return PromptCompletion(text: first + " ", hint: hint)
      }
      var common = first
      for name in names.dropFirst() { common = String(common.commonPrefix(with: name)) }
      return PromptCompletion(text: common, hint: names.joined(separator: " "))
    },
    hint: { text in
      let word = text.split(separator: " ").first.map(String.init) ?? ""
      guard !word.isEmpty else { return "a setting: " + SettingsCatalog.liveSettings.map(\.name).joined(separator: " ") }
      if let entry = SettingsCatalog.entry(named: word) { return entry.helpLine }
      if LanczosCommand.names.contains(word.lowercased()) { return LanczosCommand.hint }
      let names = SettingsCatalog.completions(prefix: word) + LanczosCommand.completions(prefix: word)
      return names.isEmpty ? "no setting starts with '\(word)'" : names.joined(separator: " ")
    })
}
