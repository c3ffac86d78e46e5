import Foundation
import HFEngine
import Testing

/// Each pathological-task generator against its specification (hf-spec §13, [S-code] pathological.py).
@Suite("Sequence task generators")
struct SequenceTaskTests {
  static func make(_ task: SequenceTask, T: Int, count: Int, seed: UInt64 = 7) -> SequenceBatch<Double> {
    let batch = SequenceBatch<Double>(capacity: count, maxSteps: task.maxSteps(T), inputWidth: task.inputWidth, outputWidth: task.outputWidth)
    var rng = SeededGenerator(seed: seed)
    task.generate(into: batch, count: count, length: T, rng: &rng)
    return batch
  }

  /// The index of the single 1 of a one-hot vector (nil otherwise).
  static func hot(_ v: [Double]) -> Int? {
    let ones = v.indices.filter { v[$0] == 1 }
    return ones.count == 1 && v.filter { $0 != 0 }.count == 1 ? ones[0] : nil
  }

  /// Steps of sequence b where the output is trained / scored.
  static func trained(_ b: SequenceBatch<Double>, _ r: Int) -> [Int] { (0..<b.maxSteps).filter { b.isTrained(step: $0, sequence: r) } }
  static func scored(_ b: SequenceBatch<Double>, _ r: Int) -> [Int] { (0..<b.maxSteps).filter { b.isScored(step: $0, sequence: r) } }

  @Test("addition, multiplication and XOR: markers, positions, lengths, targets and masks", arguments: [
    (SequenceTask.addition, 200, 200..<220, 2..<20, 20..<100),
    (.multiplication, 200, 200..<220, 2..<20, 20..<100),
    (.xor, 200, 100..<110, 2..<20, 30..<50),
    (.addition, 30, 30..<33, 1..<3, 3..<15),
  ])
  func operations(task: SequenceTask, T: Int, targetStep: Range<Int>, first: Range<Int>, second: Range<Int>) {
    let batch = Self.make(task, T: T, count: 300)
    var seenI = Set<Int>(), seenJ = Set<Int>()
    for r in 0..<300 {
      let n = batch.length(of: r), tSeq = n - 1
      #expect(targetStep.contains(tSeq))
      let marks = (0..<n).map { batch.input(step: $0, sequence: r)[1] }
      let ones = (0..<n).filter { marks[$0] == 1 }, minus = (0..<n).filter { marks[$0] == -1 }
      #expect(minus == [0, tSeq - 3])
      #expect(ones.count == 2 && (0..<n).allSatisfy { [0, 1, -1].contains(marks[$0]) })
      guard ones.count == 2 else { continue }
      let (i, j) = (ones[0], ones[1])
      #expect(first.contains(i) && second.contains(j))
      seenI.insert(i)
      seenJ.insert(j)
      let values = (0..<n).map { batch.input(step: $0, sequence: r)[0] }
      #expect(values.allSatisfy { task == .xor ? ($0 == 0 || $0 == 1) : ($0 >= 0 && $0 < 1) })
      let (a, b) = (values[i], values[j])
      let expected = task == .addition ? a + b : task == .multiplication ? a * b : Double(Int(a) ^ Int(b))
      #expect(batch.target(step: tSeq, sequence: r) == [expected])
      #expect(Self.trained(batch, r) == [tSeq] && Self.scored(batch, r) == [tSeq])
      for t in n..<batch.maxSteps { #expect(batch.input(step: t, sequence: r) == [0, 0]) }
    }
    // The draws cover their ranges.
    #expect(seenI == Set(first) && seenJ.isSubset(of: Set(second)) && seenJ.count >= second.count / 2)
  }

  @Test("temporal order: start and cue symbols, special positions, distractors, classes", arguments: [
    (SequenceTask.temporalOrder2, 200, [2...20, 80...100]),
    (.temporalOrder3, 200, [2...20, 60...80, 100...120]),
    (.temporalOrder2, 30, [1...3, 12...15]),
  ])
  func temporalOrder(task: SequenceTask, T: Int, positions: [ClosedRange<Int>]) {
    let count = 400
    let batch = Self.make(task, T: T, count: count)
    let classes = task == .temporalOrder2 ? 4 : 8
    var perClass = [Int](repeating: 0, count: classes)
    for r in 0..<count {
      let n = batch.length(of: r), tSeq = n - 1
      #expect((T..<(T * 110 / 100)).contains(tSeq))
      let symbols = (0..<n).map { Self.hot(batch.input(step: $0, sequence: r)) ?? -1 }
      #expect(symbols[0] == 7)
      let cue = task == .temporalOrder2 ? tSeq - 1 : tSeq
      #expect(symbols[cue] == 6)
      let special = (0..<n).filter { symbols[$0] == 4 || symbols[$0] == 5 }
      #expect(special.count == positions.count)
      guard special.count == positions.count else { continue }
      for (k, p) in special.enumerated() { #expect(positions[k].contains(p)) }
      #expect((0..<n).allSatisfy { $0 == 0 || $0 == cue || special.contains($0) || (0..<4).contains(symbols[$0]) })
      let bits = special.map { symbols[$0] - 4 }
      let expected = bits.count == 2 ? 2 * bits[0] + bits[1] : 4 * bits[2] + 2 * bits[1] + bits[0]
      #expect(Self.hot(batch.target(step: tSeq, sequence: r)) == expected)
      perClass[expected] += 1
      #expect(Self.trained(batch, r) == [tSeq] && Self.scored(batch, r) == [tSeq])
    }
    #expect(perClass == [Int](repeating: count / classes, count: classes))
  }

  @Test("random permutation: first symbol 0/1, then symbols 2…99, next-symbol targets, last target repeats the first")
  func permutation() {
    let T = 30
    let batch = Self.make(.randomPermutation, T: T, count: 200)
    var firsts = [0, 0]
    for r in 0..<200 {
      #expect(batch.length(of: r) == T)
      let symbols = (0..<T).map { Self.hot(batch.input(step: $0, sequence: r)) ?? -1 }
      #expect(symbols[0] == 0 || symbols[0] == 1)
      if symbols[0] >= 0 { firsts[symbols[0]] += 1 }
      #expect(symbols.dropFirst().allSatisfy { (2..<100).contains($0) })
      for t in 0..<(T - 1) { #expect(Self.hot(batch.target(step: t, sequence: r)) == symbols[t + 1]) }
      #expect(Self.hot(batch.target(step: T - 1, sequence: r)) == symbols[0])
      #expect(Self.trained(batch, r) == Array(0..<T) && Self.scored(batch, r) == [T - 1])
    }
    #expect(firsts == [100, 100])
  }

  @Test("noiseless memorization: symbols, blanks, cue at T − n − 1, recall in the last n steps", arguments: [
    (SequenceTask.memorization5, 5, 2, 32), (.memorization20, 10, 5, 100),
  ])
  func memorization(task: SequenceTask, n: Int, values: Int, count: Int) {
    let T = 30
    let batch = Self.make(task, T: T, count: count)
    #expect(task.inputWidth == values + 2 && task.outputWidth == values + 1)
    var patterns = Set<[Int]>()
    for r in 0..<count {
      #expect(batch.length(of: r) == T)
      let inputs = (0..<T).map { Self.hot(batch.input(step: $0, sequence: r)) ?? -1 }
      let targets = (0..<T).map { Self.hot(batch.target(step: $0, sequence: r)) ?? -1 }
      let pattern = Array(inputs[0..<n])
      #expect(pattern.allSatisfy { (0..<values).contains($0) })
      patterns.insert(pattern)
      for t in n..<T { #expect(inputs[t] == (t == T - n - 1 ? values : values + 1)) }
      #expect(Array(targets[(T - n)...]) == pattern)
      #expect(targets[0..<(T - n)].allSatisfy { $0 == values })
      #expect(Self.trained(batch, r) == Array(0..<T) && Self.scored(batch, r) == Array((T - n)..<T))
    }
    // 5-bit: a batch of 32 holds every pattern once.
    if task == .memorization5 { #expect(patterns.count == 32) } else { #expect(patterns.count == count) }
  }

  @Test("the same generator state gives the same batch; lengths scale with T/100")
  func determinismAndScaling() {
    for task in SequenceTask.allCases {
      let a = Self.make(task, T: 40, count: 16, seed: 3), b = Self.make(task, T: 40, count: 16, seed: 3)
      for r in 0..<16 {
        #expect(a.length(of: r) == b.length(of: r))
        for t in 0..<a.length(of: r) {
          #expect(a.input(step: t, sequence: r) == b.input(step: t, sequence: r))
          #expect(a.target(step: t, sequence: r) == b.target(step: t, sequence: r))
        }
      }
    }
    #expect(SequenceTask.addition.maxSteps(200) == 220 && SequenceTask.addition.maxSteps(100) == 110)
    #expect(SequenceTask.xor.maxSteps(200) == 110 && SequenceTask.temporalOrder3.maxSteps(50) == 55)
    #expect(SequenceTask.memorization20.maxSteps(100) == 100)
    #expect(SequenceTask.randomPermutation.dampingOutputs(100) == 100 && SequenceTask.temporalOrder2.dampingOutputs(100) == 8)
  }
}
