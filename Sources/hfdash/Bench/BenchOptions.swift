import HFEngine

/// What one bench run measures, resolved from the command line.
struct BenchPlan {
  var preset: Preset
  var data: DataSource?
  /// Curvature batch sizes of the operation table (the first is used for CG and the width series);
  /// empty until the suite knows the preset's (training cases / chunks).
  var batches: [Int]
  var repetitions: Int
  var threads: Int
  var quick: Bool
  var seed: UInt64

  /// Random train/test cases when the bench generates its inputs (quick runs, or presets whose data is absent).
  var randomCases: (train: Int, test: Int)? {
    if quick { return (2000, 500) }
    if data == nil && preset.defaultData == nil { return (60000, 10000) }
    return nil
  }

  /// CG iterations of each HF iteration in the growth series (fixed so sizes compare).
  var growthCGIterations: Int { quick ? 3 : 10 }
  /// The curvature batches of the growth series: doubling from 1250 to 20000 (quick: 125 to 1000).
  func growthBatches(trainCases: Int) -> [Int] {
    (quick ? [125, 250, 500, 1000] : [1250, 2500, 5000, 10000, 20000]).filter { $0 <= trainCases }
  }
  /// Hidden-width factors of the width series.
  var widthFactors: [Double] { quick ? [0.5, 1] : [0.5, 1, 2] }
  /// HF iterations timed (after one warm-up).
  var hfIterations: Int { quick ? 1 : Swift.min(repetitions, 3) }
  /// CG iterations timed on their own.
  var cgIterations: Int { quick ? 4 : Swift.max(10, 2 * repetitions) }
}
