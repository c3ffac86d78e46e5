/// The generators ([S-code] `opt/d/seq/utils/__init__.py`, hf-spec §13). Every draw comes from
/// `rng` in sequence order, so a batch is a pure function of the generator state. Positions use
/// f(x) = ⌊x·T/100⌋; a lower bound f(1) = 0 (T < 100) is raised to 1 so that a marked position
/// never overwrites the start marker at t = 0.
extension SequenceTask {
  /// Fills `batch` with `count` fresh sequences at length setting T.
  public func generate<S: HFScalar>(into batch: SequenceBatch<S>, count: Int, length T: Int, rng: inout SeededGenerator) {
    precondition(batch.inputWidth == inputWidth && batch.outputWidth == outputWidth && batch.maxSteps >= maxSteps(T))
    batch.reset(count: count)
    for b in 0..<count {
      switch self {
      case .addition, .multiplication, .xor: operation(batch, b, T, &rng)
      case .temporalOrder2: temporalOrder(batch, b, T, &rng, positions: [(1, 10), (40, 50)], cueBeforeTarget: true)
      case .temporalOrder3: temporalOrder(batch, b, T, &rng, positions: [(1, 10), (30, 40), (50, 60)], cueBeforeTarget: false)
      case .randomPermutation: permutation(batch, b, T, &rng)
      case .memorization5, .memorization20: memorization(batch, b, T, &rng)
      }
    }
  }

  /// A uniform draw from `range`.
  private static func draw(_ range: Range<Int>, _ rng: inout SeededGenerator) -> Int {
    range.lowerBound + rng.nextInt(below: range.count)
  }

  /// Addition, multiplication, XOR (`op_cls`): channel 0 carries values (U[0,1), or fair bits for
  /// XOR), channel 1 the markers: −1 at t = 0, 1 at I ∈ [f(1), f(10)) and J ∈ [f(10), f(50))
  /// (XOR: J ∈ [f(15), f(25)); J is kept after I's range for small T), −1 at T_seq − 3; the target op(A, B) is due at step T_seq.
  private func operation<S: HFScalar>(_ batch: SequenceBatch<S>, _ b: Int, _ T: Int, _ rng: inout SeededGenerator) {
    let binary = self == .xor
    func value(_ rng: inout SeededGenerator) -> Double { binary ? (rng.nextDouble01() < 0.5 ? 1 : 0) : rng.nextDouble01() }
    let a = value(&rng), bv = value(&rng)
    let target: Double
    switch self {
    case .addition: target = a + bv
    case .multiplication: target = a * bv
    default: target = Double(Int(a) ^ Int(bv))
    }
    let tSeq = Self.draw(targetSteps(T), &rng)
    let length = tSeq + 1
    for t in 0..<length { batch.inputRow(t, b)[0] = S(value(&rng)) }
    batch.inputRow(0, b)[1] = -1
    let iRange = Self.nonEmpty(Swift.max(1, Self.scaled(1, T)), Self.scaled(10, T))
    let i = Self.draw(iRange, &rng)
    let (jLo, jHi) = binary ? (15, 25) : (10, 50)
    let j = Self.draw(Self.nonEmpty(Swift.max(iRange.upperBound, Self.scaled(jLo, T)), Self.scaled(jHi, T)), &rng)
    batch.inputRow(i, b)[0] = S(a)
    batch.inputRow(i, b)[1] = 1
    batch.inputRow(j, b)[0] = S(bv)
    batch.inputRow(j, b)[1] = 1
    batch.inputRow(tSeq - 3, b)[1] = -1
    batch.targetRow(tSeq, b)[0] = S(target)
    batch.mark(tSeq, b)
    batch.setLength(b, length)
  }

  /// Temporal order (`temporal2`/`temporal3`): one-hot symbols, distractors uniform in 0…3, start
  /// symbol 7 at t = 0, cue 6 at T_seq − 1 (2-bit) or at T_seq (3-bit, as in [S-code]); the special
  /// symbols 4 (X) / 5 (Y) at positions drawn from the inclusive ranges [f(lo), f(hi)]. The k-th
  /// special is 4 + bit k of the sequence index b, so every 4 (8) consecutive sequences hold each
  /// class once; the class is Σ_k bit_k·2^k for 3 bits and 2·first + second for 2 bits ([S-code]).
  private func temporalOrder<S: HFScalar>(
    _ batch: SequenceBatch<S>, _ b: Int, _ T: Int, _ rng: inout SeededGenerator, positions: [(Int, Int)],
    cueBeforeTarget: Bool
  ) {
    let bits = (0..<positions.count).map { (b >> $0) & 1 }
    let target = bits.count == 2 ? 2 * bits[0] + bits[1] : 4 * bits[2] + 2 * bits[1] + bits[0]
    let tSeq = Self.draw(targetSteps(T), &rng)
    let length = tSeq + 1
    func put(_ t: Int, _ symbol: Int) {
      let row = batch.inputRow(t, b)
      for c in 0..<8 { row[c] = 0 }
      row[symbol] = 1
    }
    for t in 0..<length { batch.inputRow(t, b)[rng.nextInt(below: 4)] = 1 }
    put(cueBeforeTarget ? tSeq - 1 : tSeq, 6)
    put(0, 7)
    batch.targetRow(tSeq, b)[target] = 1
    batch.mark(tSeq, b)
    for (k, (lo, hi)) in positions.enumerated() {
      let p = Self.draw(Swift.max(1, Self.scaled(lo, T))..<(Self.scaled(hi, T) + 1), &rng)
      put(p, 4 + bits[k])
    }
    batch.setLength(b, length)
  }

  /// Random permutation (`perm_mem`): symbol a = b mod 2 at t = 0, then T − 1 symbols uniform in
  /// 2…99; the target at every step is the next symbol and at the last step a. Every step is
  /// trained on; only the last one is scored.
  private func permutation<S: HFScalar>(_ batch: SequenceBatch<S>, _ b: Int, _ T: Int, _ rng: inout SeededGenerator) {
    let a = b % 2
    batch.inputRow(0, b)[a] = 1
    for t in 1..<T {
      let s = 2 + rng.nextInt(below: 98)
      batch.inputRow(t, b)[s] = 1
      batch.targetRow(t - 1, b)[s] = 1
      batch.mark(t - 1, b, scored: false)
    }
    batch.targetRow(T - 1, b)[a] = 1
    batch.mark(T - 1, b)
    batch.setLength(b, T)
  }

  /// Noiseless memorization (`raw_mem`): n symbols of v values at t < n, blanks after, the cue at
  /// T − n − 1; the targets are blank except the n symbols in the last n steps. Input channels are
  /// the v symbols, the cue (v) and the blank (v + 1); outputs the v symbols and the blank (v). When
  /// the batch holds at least vⁿ sequences, sequence b shows pattern b mod vⁿ (all patterns
  /// equally often); otherwise patterns are random. Every step is trained on; the n memory
  /// outputs are scored.
  private func memorization<S: HFScalar>(_ batch: SequenceBatch<S>, _ b: Int, _ T: Int, _ rng: inout SeededGenerator) {
    let (n, v) = memory
    var patterns = 1
    for _ in 0..<n { patterns *= v }
    var code = b % patterns
    var symbols = [Int](repeating: 0, count: n)
    for k in stride(from: n - 1, through: 0, by: -1) {
      if batch.count >= patterns {
        symbols[k] = code % v
        code /= v
      } else {
        symbols[k] = rng.nextInt(below: v)
      }
    }
    for t in 0..<T {
      let input: Int = t < n ? symbols[t] : (t == T - n - 1 ? v : v + 1)
      batch.inputRow(t, b)[input] = 1
      let target = t >= T - n ? symbols[t - (T - n)] : v
      batch.targetRow(t, b)[target] = 1
      batch.mark(t, b, scored: t >= T - n)
    }
    batch.setLength(b, T)
  }
}
