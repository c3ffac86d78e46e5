import Foundation

/// A deterministic, splittable pseudo-random generator (xoshiro256**, seeded by splitmix64) whose state is `Codable`.
///
/// Everything random in a run (initial weights, mini-batch choice, generated data) draws from
/// one of these, so the same seed gives the same numbers; checkpoints save the full state.
public struct SeededGenerator: RandomNumberGenerator, Codable, Sendable, Equatable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// A generator whose state is four splitmix64 outputs from `seed`; `stream` selects one of
  /// 2^128 non-overlapping subsequences (stream k is the seed's sequence jumped k × 2^128 ahead).
  public init(seed: UInt64, stream: UInt64 = 0) {
    var sm = seed
    s0 = Self.splitMix64(&sm)
    s1 = Self.splitMix64(&sm)
    s2 = Self.splitMix64(&sm)
    s3 = Self.splitMix64(&sm)
    for _ in 0..<stream { jump() }
  }

  /// A generator with exactly this xoshiro256 state (four words, not all zero); for test vectors.
  public init(rawState: [UInt64]) {
    precondition(rawState.count == 4 && rawState.contains { $0 != 0 }, "xoshiro256 needs 4 words, not all zero")
    s0 = rawState[0]
    s1 = rawState[1]
    s2 = rawState[2]
    s3 = rawState[3]
  }

  /// The current four state words.
  public var rawState: [UInt64] { [s0, s1, s2, s3] }

  /// The next 64 random bits (xoshiro256**).
  @inline(__always)
  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  /// Advances the state by 2^128 steps (the published xoshiro256 jump polynomial).
  public mutating func jump() {
    let polynomial: [UInt64] = [
      0x180e_c6d3_3cfd_0aba, 0xd5a6_1266_f0c9_392c, 0xa958_2618_e03f_c9aa, 0x39ab_dc45_29b1_661c,
    ]
    var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0, d: UInt64 = 0
    for word in polynomial {
      for bit in 0..<64 as Range<UInt64> {
        if word & (1 << bit) != 0 {
          a ^= s0
          b ^= s1
          c ^= s2
          d ^= s3
        }
        _ = next()
      }
    }
    s0 = a
    s1 = b
    s2 = c
    s3 = d
  }

  /// A new, independent generator seeded from this one's next output (this one advances by one step).
  public mutating func split() -> SeededGenerator {
    SeededGenerator(seed: next())
  }

  /// A uniform `Float` in [0, 1) with 24 random bits.
  @inline(__always)
  public mutating func nextFloat01() -> Float {
    Float(next() >> 40) * 0x1p-24
  }

  /// A uniform `Double` in [0, 1) with 53 random bits.
  @inline(__always)
  public mutating func nextDouble01() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A standard normal sample (Box–Muller; uses two uniforms per call, keeps no spare).
  public mutating func nextGaussian() -> Double {
    let u1 = 1 - nextDouble01()  // (0, 1], so the logarithm is finite
    let u2 = nextDouble01()
    return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
  }

  /// A uniform integer in 0..<bound without modulo bias (Lemire's multiply-and-reject method).
  public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0, "nextInt(below:) needs a positive bound")
    let n = UInt64(bound)
    var product = next().multipliedFullWidth(by: n)
    if product.low < n {
      let threshold = (0 &- n) % n
      while product.low < threshold {
        product = next().multipliedFullWidth(by: n)
      }
    }
    return Int(product.high)
  }

  @inline(__always)
  private static func splitMix64(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}

@inline(__always)
private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
  (x << k) | (x >> (64 - k))
}
