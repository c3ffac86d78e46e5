import HFDashUI
import Testing

@Suite struct FormatTests {
  @Test(arguments: [
    (0.0, "0"), (1.5, "1.5"), (150, "150"), (0.0123, "0.0123"), (0.001, "0.001"), (2.5e-4, "2.5e-4"),
    (1.234e-4, "1.23e-4"), (12345, "12345"), (123_456, "1.23e5"), (99_999.7, "1e5"), (-0.00123, "-0.0012"),
    (-1.234e-4, "-1.2e-4"), (3.14159, "3.14"), (-2, "-2"), (1e-10, "1e-10"),
  ])
  func compact(value: Double, expected: String) {
    #expect(Format.compact(value) == expected)
    #expect(Format.compact(value).count <= 7)
  }

  @Test func compactNonFinite() {
    #expect(Format.compact(.nan) == "NaN")
    #expect(Format.compact(.infinity) == "+Inf")
    #expect(Format.compact(-.infinity) == "-Inf")
  }

  @Test(arguments: [
    (0.85, "850ms"), (0.0004, "0ms"), (12.34, "12.3s"), (1.0, "1.0s"), (185, "3m05s"), (59.97, "1m00s"),
    (3720, "1h02m"), (93_600, "1d02h"), (-1, "--"),
  ])
  func duration(seconds: Double, expected: String) {
    #expect(Format.duration(seconds) == expected)
  }

  @Test func tickLabelsAreCompact() {
    #expect(Format.tick(0.25, step: 0.25) == "0.25")
    #expect(Format.tick(150, step: 50) == "150")
    #expect(Format.tick(2500, step: 500) == "2.5k")
    #expect(Format.tick(0.001, step: 0.001) == "1e-3")
    #expect(Format.tick(0.6000000000000001, step: 0.2) == "0.6")
    #expect(Format.decade(-2) == "1e-2")
    #expect(Format.decade(0) == "1")
    #expect(Format.decade(3) == "1k")
  }

  @Test func truncateUsesEllipsis() {
    #expect("gradient".truncated(to: 5) == "grad…")
    #expect("gradient".truncated(to: 5, ellipsis: "~") == "grad~")
    #expect("abc".truncated(to: 3) == "abc")
    #expect("abc".truncated(to: 0) == "")
  }
}
