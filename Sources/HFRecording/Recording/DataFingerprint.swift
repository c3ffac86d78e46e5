import Crypto
import HFEngine

/// The fingerprint of a training set recorded in every header and checked before re-execution.
///
/// Definition: SHA-256 of the training `Dataset` exactly as loaded (before the run's one-time
/// shuffle): all `inputs` as little-endian IEEE-754 binary32 bytes, row-major, followed by all
/// `targets` the same way. Shapes, labels and the test set are not part of it.
public enum DataFingerprint {
  /// The fingerprint of a run's training data: `sha256(of:)` the loaded training set, or for a
  /// recurrent task (sequences generated from the seed) the SHA-256 of the UTF-8 text
  /// "recurrent <task> T=<T> hidden=<H> test=<N> seed=<seed>", which fixes every sequence.
  public static func of(_ setup: TrainingSetup) -> String {
    if let split = setup.split { return sha256(of: split.train) }
    let r = setup.spec.preset.recurrent
    let text = "recurrent \(r?.task.rawValue ?? "?") T=\(r?.sequenceLength ?? 0) hidden=\(r?.hiddenUnits ?? 0) "
      + "test=\(r?.testSequences ?? 0) seed=\(setup.spec.seed)"
    return hex(Array(text.utf8))
  }

  /// The SHA-256 of `bytes` as 64 lowercase hexadecimal digits (swift-crypto's SHA-256).
  public static func hex(_ bytes: [UInt8]) -> String {
    hexString(SHA256.hash(data: bytes))
  }

  static func hexString(_ digest: SHA256.Digest) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in digest {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The fingerprint of `data` as 64 lowercase hexadecimal digits.
  public static func sha256(of data: Dataset) -> String {
    var hasher = SHA256()
    append(data.inputs, to: &hasher)
    append(data.targets, to: &hasher)
    return hexString(hasher.finalize())
  }

  private static func append(_ values: [Float], to hasher: inout SHA256) {
    #if _endian(little)
      values.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    #else
      let swapped = values.map { $0.bitPattern.littleEndian }
      swapped.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    #endif
  }
}
