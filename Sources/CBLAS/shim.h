// OpenBLAS's CBLAS interface (Debian libopenblas-dev), plus its thread controls.
#include <cblas.h>
#include <stddef.h>

// LAPACK routines that libopenblas itself exports (`nm -D libopenblas.so | grep dstev_`); Debian
// ships no LAPACK header with it, so their Fortran prototypes are declared here. Integers are
// 32-bit (Debian's libopenblas is LP64, not ILP64); the trailing size_t is the hidden length of each
// CHARACTER argument that gfortran-compiled LAPACK takes (always 1 here).

// Eigenvalues (jobz "N") or eigenvalues and eigenvectors (jobz "V") of a real symmetric
// tridiagonal matrix: d (n) the diagonal, overwritten by the eigenvalues in ascending order; e (n-1)
// the off-diagonal, destroyed; z (ldz x n, column-major) the orthonormal eigenvectors; work
// max(1, 2n-2) doubles, not referenced for "N".
void dstev_(const char *jobz, const int *n, double *d, double *e, double *z, const int *ldz, double *work,
            int *info, size_t jobz_len);

// Eigenvalues (jobz "N") or eigenpairs (jobz "V") of a real symmetric matrix a (lda x n,
// column-major, triangle uplo "U" or "L"); w receives the eigenvalues in ascending order; lwork
// >= max(1, 3n-1).
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w, double *work,
            const int *lwork, int *info, size_t jobz_len, size_t uplo_len);
