#ifndef HFDASH_CMPILOADER_H
#define HFDASH_CMPILOADER_H

/// Open MPI, loaded at run time: hfdash does not link libmpi, so the default binary runs
/// without Open MPI installed; `--distributed` loads libmpi.so.40 with dlopen and resolves the
/// few functions and predefined handles it uses with dlsym. Every call below is made by one
/// thread at a time (MPI_THREAD_SERIALIZED).

/// Loads Open MPI from `library` (a file name or path, e.g. "libmpi.so.40"). 0 on success;
/// otherwise writes one sentence into `message`.
int hfmpi_load(const char *library, char *message, int capacity);

/// MPI_Init_thread (serialized) and the rank and size of MPI_COMM_WORLD, whose error handler
/// becomes MPI_ERRORS_RETURN so that a lost rank comes back as an error code.
int hfmpi_init(int *rank, int *size);

/// In-place MPI_Allreduce(MPI_SUM) over MPI_COMM_WORLD; an MPI error code (0 = success).
int hfmpi_allreduce_float(float *values, long count);
int hfmpi_allreduce_double(double *values, long count);

/// MPI_Ibcast of `count` bytes from rank 0, completed by polling MPI_Test with short sleeps so
/// that a rank waiting for an idle (paused) rank 0 does not spin a core.
int hfmpi_broadcast(void *bytes, long count);

/// MPI_Finalize when initialized and not yet finalized.
int hfmpi_finalize(void);

/// MPI_Error_string of `code` into `out`.
void hfmpi_error_string(int code, char *out, int capacity);

#endif
