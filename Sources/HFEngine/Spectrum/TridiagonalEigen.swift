import CBLAS

/// LAPACK's symmetric tridiagonal eigensolver (`dstev_`, exported by OpenBLAS) on caller-owned
/// workspace, so a call allocates nothing.
enum TridiagonalEigen {
  /// Overwrites `d` (n) with the eigenvalues of the tridiagonal (d, e) in ascending order; `e`
  /// (n − 1, at least 1 allocated) is destroyed. Returns LAPACK's info (0 = success).
  static func eigenvalues(_ d: UnsafeMutablePointer<Double>, _ e: UnsafeMutablePointer<Double>, count n: Int) -> Int32 {
    var jobz = CChar(UInt8(ascii: "N"))
    var size = Int32(n), ldz = Int32(1), info = Int32(0)
    var z = 0.0, work = 0.0  // not referenced for "N"
    dstev_(&jobz, &size, d, e, &z, &ldz, &work, &info, 1)
    return info
  }

  /// As `eigenvalues`, and writes the orthonormal eigenvectors to `z` (n × n, column-major: column
  /// j belongs to eigenvalue j); `work` holds max(1, 2n − 2) doubles.
  static func eigenpairs(
    _ d: UnsafeMutablePointer<Double>, _ e: UnsafeMutablePointer<Double>, vectors z: UnsafeMutablePointer<Double>,
    work: UnsafeMutablePointer<Double>, count n: Int
  ) -> Int32 {
    var jobz = CChar(UInt8(ascii: "V"))
    var size = Int32(n), ldz = Int32(Swift.max(1, n)), info = Int32(0)
    dstev_(&jobz, &size, d, e, z, &ldz, work, &info, 1)
    return info
  }
}
