#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

import HFDashUI

/// Deterministic sample data for widget tests.
enum Fixtures {
  /// A loss curve falling from about 2.3 over three decades, with one NaN (iteration 30) and one zero (iteration 45).
  static var loss: [Double] {
    (0..<60).map { i in
      if i == 30 { return .nan }
      if i == 45 { return 0 }
      let t = Double(i)
      return 2.3 * pow(10, -t / 20) * (1 + 0.15 * sin(t * 1.7))
    }
  }

  /// A held-out loss that tracks `loss` slightly higher, without gaps.
  static var testLoss: [Double] {
    (0..<60).map { i in 2.6 * pow(10, -Double(i) / 24) }
  }

  /// Reduction ratios ρ, mostly in [0, 1] with some out of the [-1, 1.5] window.
  static var rho: [Double] {
    (0..<40).map { i in
      switch i {
      case 7: return -3.2
      case 19: return 2.4
      case 26: return .infinity
      default: return 0.5 + 0.45 * sin(Double(i) * 0.6)
      }
    }
  }

  /// Per-layer gradient norms: healthy, smaller, vanishing, and one exactly zero.
  static var layers: [LayerBars.Layer] {
    let now: [(String, Double)] = [("W1", 2.1e-2), ("W2", 3.2e-4), ("W3", 4.0e-5), ("W4", 1.1e-9), ("b4", 0)]
    return now.map { label, value in
      LayerBars.Layer(
        label: label, value: value,
        history: (0..<8).map { k in value == 0 ? 0 : value * pow(10, Double(7 - k) * 0.2) })
    }
  }

  /// A small key map's help entries.
  static func help(ascii: Bool = false) -> [HelpEntry] {
    [
      HelpEntry(keys: "space", help: "pause / resume the engine", group: "Engine"),
      HelpEntry(keys: "[ ]", help: ascii ? "damping lambda *1.5 / /1.5" : "damping λ ×1.5 / ÷1.5", group: "Engine"),
      HelpEntry(keys: "c C", help: "CG iteration cap -/+", group: "Engine"),
      HelpEntry(keys: "l", help: "toggle log scale", group: "View"),
      HelpEntry(keys: "f", help: "freeze the y range", group: "View"),
      HelpEntry(keys: "?", help: "this help", group: "General"),
      HelpEntry(keys: "q", help: "quit", group: "General"),
    ]
  }

  static func keys(ascii: Bool = false) -> [KeyBar.Item] {
    [
      KeyBar.Item(key: "q", label: "Quit"), KeyBar.Item(key: "?", label: "Help"),
      KeyBar.Item(key: "space", label: "Pause", isActive: true), KeyBar.Item(key: "[ ]", label: ascii ? "lambda" : "λ"),
      KeyBar.Item(key: ":", label: "Command"),
    ]
  }
}
