import HFCanvas
/// Where everything goes on a screen of a given size: header, panels, status line and key bar.
///
/// Three arrangements: `compact` (from the 60×20 minimum up to 100×30) shows six panels with
/// rule-line frames and puts the focused panel in the large slot; `medium` and `large` show all
/// ten panels in boxes. Below the minimum there are no panels, only `message`. A replay adds a
/// one-row timeline strip above the status line.
public struct DashboardLayout: Equatable, Sendable {
  /// The arrangement chosen for the size.
  public enum SizeClass: String, Sendable {
    case tooSmall, compact, medium, large
  }

  /// A panel and its rectangle.
  public struct Slot: Equatable, Sendable {
    public var panel: DashboardPanel
    public var rect: Rect
  }

  /// The smallest screen the dashboard draws on.
  public static let minimumWidth = 60
  public static let minimumHeight = 20

  public let width: Int, height: Int
  public let sizeClass: SizeClass
  /// Whether panels are boxed (medium and large) or framed by one rule line (compact).
  public let bordered: Bool
  public let header: Rect
  public let slots: [Slot]
  public let status: Rect
  public let footer: Rect
  /// The replay timeline strip's row (nil when there is none).
  public let timeline: Rect?
  /// The area between header and status line (where the help overlay goes).
  public let body: Rect

  /// The layout for a `width` × `height` screen with `focus` focused; `timeline` reserves the
  /// replay timeline's row; `race` puts the race chart and table where objective and error go.
  public init(width: Int, height: Int, focus: DashboardPanel = .objective, timeline: Bool = false, race: Bool = false) {
    self.width = max(0, width)
    self.height = max(0, height)
    guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
      sizeClass = .tooSmall
      bordered = false
      let empty = Rect(x: 0, y: 0, width: 0, height: 0)
      (header, status, footer, slots) = (empty, empty, empty, [])
      self.timeline = nil
      body = Rect(x: 0, y: 0, width: self.width, height: self.height)
      return
    }
    header = Rect(x: 0, y: 0, width: width, height: 1)
    status = Rect(x: 0, y: height - 2, width: width, height: 1)
    footer = Rect(x: 0, y: height - 1, width: width, height: 1)
    self.timeline = timeline ? Rect(x: 0, y: height - 3, width: width, height: 1) : nil
    body = Rect(x: 0, y: 1, width: width, height: height - 3 - (timeline ? 1 : 0))
    if width >= 100 && height >= 30 {
      sizeClass = width >= 160 && height >= 45 ? .large : .medium
      bordered = true
      slots = race ? Self.wideRace(body, large: sizeClass == .large) : Self.wide(body, large: sizeClass == .large)
    } else {
      sizeClass = .compact
      bordered = false
      slots = race ? Self.compactRace(body, focus: focus) : Self.compact(body, focus: focus)
    }
  }

  /// The rectangle of `panel`, if it is on screen.
  public func rect(for panel: DashboardPanel) -> Rect? {
    slots.first { $0.panel == panel }?.rect
  }

  /// Every rectangle drawn into (header, panels, status, footer), for overlap checks.
  public var allRects: [Rect] {
    sizeClass == .tooSmall ? [] : [header] + slots.map(\.rect) + (timeline.map { [$0] } ?? []) + [status, footer]
  }

  /// Compact: objective (or the focused panel) large at the top left, λ below it; ρ, CG and the
  /// layers on the right; the event log across the bottom.
  static func compact(_ body: Rect, focus: DashboardPanel) -> [Slot] {
    let gap = 2
    let logH = max(3, body.height / 5)
    let topH = body.height - logH
    let leftW = (body.width * 3 + 2) / 5
    let rightW = body.width - leftW - gap
    let mainH = (topH * 3 + 2) / 5
    let rhoH = (topH + 1) / 3
    let cgH = (topH + 1) / 3
    let left = body.x, right = body.x + leftW + gap
    var slots = [
      Slot(panel: .objective, rect: Rect(x: left, y: body.y, width: leftW, height: mainH)),
      Slot(panel: .lambda, rect: Rect(x: left, y: body.y + mainH, width: leftW, height: topH - mainH)),
      Slot(panel: .rho, rect: Rect(x: right, y: body.y, width: rightW, height: rhoH)),
      Slot(panel: .cgIterations, rect: Rect(x: right, y: body.y + rhoH, width: rightW, height: cgH)),
      Slot(panel: .layers, rect: Rect(x: right, y: body.y + rhoH + cgH, width: rightW, height: topH - rhoH - cgH)),
      Slot(panel: .log, rect: Rect(x: body.x, y: body.y + topH, width: body.width, height: logH)),
    ]
    // The focused panel takes the large slot; the panel it displaces takes its place (or leaves).
    if slots[0].panel != focus {
      if let i = slots.firstIndex(where: { $0.panel == focus }) {
        slots[i].panel = slots[0].panel
      }
      slots[0].panel = focus
    }
    return slots
  }

  /// Compact race: the race chart (or the focused panel) large at the top left, the race table
  /// below it; λ and the side-by-side layer gradients on the right; the event log across the bottom.
  static func compactRace(_ body: Rect, focus: DashboardPanel) -> [Slot] {
    let gap = 2
    let logH = max(3, body.height / 6)
    let topH = body.height - logH
    let leftW = (body.width * 3 + 2) / 5
    let rightW = body.width - leftW - gap
    let tableH = min(8, max(4, topH * 2 / 5))
    let mainH = topH - tableH
    let lambdaH = max(3, topH / 3)
    let left = body.x, right = body.x + leftW + gap
    var slots = [
      Slot(panel: .race, rect: Rect(x: left, y: body.y, width: leftW, height: mainH)),
      Slot(panel: .racers, rect: Rect(x: left, y: body.y + mainH, width: leftW, height: tableH)),
      Slot(panel: .lambda, rect: Rect(x: right, y: body.y, width: rightW, height: lambdaH)),
      Slot(panel: .layers, rect: Rect(x: right, y: body.y + lambdaH, width: rightW, height: topH - lambdaH)),
      Slot(panel: .log, rect: Rect(x: body.x, y: body.y + topH, width: body.width, height: logH)),
    ]
    if DashboardPanel.racing.contains(focus), focus != .racers, slots[0].panel != focus {
      if let i = slots.firstIndex(where: { $0.panel == focus }) { slots[i].panel = slots[0].panel }
      slots[0].panel = focus
    }
    return slots
  }

  /// Medium and large race: the race chart and table on the top row, then λ, ρ, CG iterations and
  /// the layer gradients; CG run, hyperparameters and the log on the right as usual.
  static func wideRace(_ body: Rect, large: Bool) -> [Slot] {
    var slots = wide(body, large: large)
    for i in slots.indices {
      if slots[i].panel == .objective { slots[i].panel = .race }
      if slots[i].panel == .error { slots[i].panel = .racers }
    }
    return slots
  }

  /// Medium and large: six charts in a 2×3 grid on the left; CG run, curvature spectrum,
  /// hyperparameters and the event log stacked on the right.
  static func wide(_ body: Rect, large: Bool) -> [Slot] {
    let leftW = (body.width * (large ? 64 : 66) + 50) / 100
    let rightW = body.width - leftW
    let colW = leftW / 2
    let rowH = [body.height / 3 + (body.height % 3 > 0 ? 1 : 0), body.height / 3 + (body.height % 3 > 1 ? 1 : 0)]
    let heights = [rowH[0], rowH[1], body.height - rowH[0] - rowH[1]]
    let grid: [[DashboardPanel]] = [[.objective, .error], [.lambda, .rho], [.cgIterations, .layers]]
    var slots: [Slot] = []
    var y = body.y
    for (r, row) in grid.enumerated() {
      slots.append(Slot(panel: row[0], rect: Rect(x: body.x, y: y, width: colW, height: heights[r])))
      slots.append(Slot(panel: row[1], rect: Rect(x: body.x + colW, y: y, width: leftW - colW, height: heights[r])))
      y += heights[r]
    }
    let x = body.x + leftW
    let settingsH = min(13, max(8, body.height / 3))
    let rest = body.height - settingsH
    // CG run and spectrum share about three quarters of the rest; the log keeps at least 4 rows.
    let chartH = max(4, min(rest * (large ? 34 : 36) / 100, (rest - 4) / 2))
    let (cgH, spectrumH) = (chartH, chartH)
    let logH = rest - cgH - spectrumH
    var y2 = body.y
    for (panel, h) in [(DashboardPanel.cgRun, cgH), (.spectrum, spectrumH), (.settings, settingsH), (.log, logH)] {
      slots.append(Slot(panel: panel, rect: Rect(x: x, y: y2, width: rightW, height: h)))
      y2 += h
    }
    return slots
  }
}
