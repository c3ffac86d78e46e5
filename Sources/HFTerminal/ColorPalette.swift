import HFCanvas

/// Text attributes, independent of curses; the screen turns them into `attr_t`.
struct TextAttributes: OptionSet, Sendable {
  let rawValue: UInt8
  static let bold = TextAttributes(rawValue: 1 << 0)
  static let dim = TextAttributes(rawValue: 1 << 1)
  static let reverse = TextAttributes(rawValue: 1 << 2)
  static let underline = TextAttributes(rawValue: 1 << 3)
}

/// How one role is drawn: a foreground colour (-1 = the terminal's own) plus attributes.
struct RoleStyle: Equatable, Sendable {
  var foreground: Int16
  var attributes: TextAttributes

  init(_ foreground: Int16, _ attributes: TextAttributes = []) {
    self.foreground = foreground
    self.attributes = attributes
  }
}

/// The role → colour and role → attribute tables: read this file to know what the screen looks like.
///
/// Every pair keeps the terminal's background (-1, `use_default_colors`), so the dashboard
/// works on light and dark themes. Colour numbers are the ANSI ones (0 black, 1 red, 2 green,
/// 3 yellow, 4 blue, 5 magenta, 6 cyan, 7 white) or, on 256-colour terminals, xterm-256 indices.
enum ColorPalette {
  /// The style of `role` on a terminal with `colors` colours (8 or more).
  static func colorStyle(for role: StyleRole, colors: Int) -> RoleStyle {
    let rich = colors >= 256
    switch role {
    case .normal: return RoleStyle(-1)
    case .title: return RoleStyle(6, .bold)
    case .axis: return rich ? RoleStyle(246) : RoleStyle(-1, .dim)
    case .muted: return rich ? RoleStyle(242) : RoleStyle(-1, .dim)
    case .good: return RoleStyle(rich ? 77 : 2)
    case .warn: return RoleStyle(rich ? 220 : 3)
    case .bad: return RoleStyle(rich ? 196 : 1, .bold)
    case .accent: return RoleStyle(rich ? 141 : 5)
    case .selection: return RoleStyle(-1, .reverse)
    case .series1: return RoleStyle(rich ? 81 : 6)
    case .series2: return RoleStyle(rich ? 214 : 3)
    case .series3: return RoleStyle(rich ? 114 : 2)
    case .series4: return RoleStyle(rich ? 177 : 5)
    case .series5: return rich ? RoleStyle(75) : RoleStyle(4, .bold)
    case .series6: return RoleStyle(rich ? 210 : 1)
    case .badge: return RoleStyle(-1, [.reverse, .bold])
    case .keyHint: return RoleStyle(rich ? 222 : 3, .bold)
    case .ghost: return rich ? RoleStyle(248) : RoleStyle(7, .dim)
    }
  }

  /// The attributes of `role` without colour: series and states stay distinguishable.
  static func monochrome(for role: StyleRole) -> TextAttributes {
    switch role {
    case .normal, .good, .series1: return []
    case .title, .accent, .keyHint, .series2: return .bold
    case .axis, .muted, .series3: return .dim
    case .warn: return [.bold, .underline]
    case .bad: return [.bold, .reverse]
    case .selection, .badge: return .reverse
    case .series4: return .underline
    case .series5: return [.bold, .underline]
    case .series6: return [.dim, .underline]
    case .ghost: return .dim
    }
  }
}
