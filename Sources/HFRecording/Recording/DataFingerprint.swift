import HFEngine

/// The fingerprint of a training set recorded in every header and checked before re-execution.
///
/// Definition: SHA-256 of the training `Dataset` exactly as loaded (before the run's one-time
/// shuffle): all `inputs` as little-endian IEEE-754 binary32 bytes, row-major, followed by all
/// `targets` the same way. Shapes, labels and the test set are not part of it.
public enum DataFingerprint {
  /// The fingerprint of `data` as 64 lowercase hexadecimal digits.
  /// The fingerprint of a run's training data: `sha256(of:)` the loaded training set, or for a
  /// recurrent task (sequences generated from the seed) the SHA-256 of the UTF-8 text
  /// "recurrent <task> T=<T> hidden=<H> test=<N> seed=<seed>", which fixes every sequence.
  public static func of(_ setup: TrainingSetup) -> String {
    if let split = setup.split { return sha256(of: split.train) }
    let r = setup.spec.preset.recurrent
    let text = "recurrent \(r?.task.rawValue ?? "?") T=\(r?.sequenceLength ?? 0) hidden=\(r?.hiddenUnits ?? 0) "
      + "test=\(r?.testSequences ?? 0) seed=\(setup.spec.seed)"
    return SHA256.hex(Array(text.utf8))
  }

  public static func sha256(of data: Dataset) -> String {
    var hasher = SHA256()
    append(data.inputs, to: &hasher)
    append(data.targets, to: &hasher)
    return SHA256.hexString(hasher.finalize())
  }

  private static func append(_ values: [Float], to hasher: inout SHA256) {
    #if _endian(little)
      values.withUnsafeBytes { hasher.update($0) }
    #else
      let swapped = values.map { $0.bitPattern.littleEndian }
      swapped.withUnsafeBytes { hasher.update($0) }
    #endif
  }
}
