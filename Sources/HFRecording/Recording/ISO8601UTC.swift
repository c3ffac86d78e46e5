import Foundation

/// ISO 8601 timestamps in UTC with whole seconds ("2026-11-29T01:02:03Z").
enum ISO8601UTC {
  static func format(_ date: Date) -> String {
    var t = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    gmtime_r(&t, &parts)
    return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))"
      + "T\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))Z"
  }

  /// "2026-11-29T01-02-03": the same instant with dashes instead of colons, for file names.
  static func fileStamp(_ date: Date) -> String {
    String(format(date).dropLast()).replacingOccurrences(of: ":", with: "-")
  }

  private static func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }
}
