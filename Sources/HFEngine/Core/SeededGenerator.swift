/// Temporary (replaced by the data branch's generator on merge).
public struct SeededGenerator: RandomNumberGenerator, Codable, Sendable, Equatable {
  var state: UInt64
  public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  public mutating func nextDouble01() -> Double { Double(next() >> 11) * 0x1.0p-53 }
  public mutating func nextInt(below n: Int) -> Int { Int(next() % UInt64(n)) }
  public mutating func nextGaussian() -> Double {
    let u1 = Swift.max(nextDouble01(), 1e-300), u2 = nextDouble01()
    return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
  }
}
import Foundation
private func _log(_ x: Double) -> Double { Foundation.log(x) }
private func _cos(_ x: Double) -> Double { Foundation.cos(x) }
