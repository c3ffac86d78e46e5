// Open MPI through dlopen/dlsym: the types below stand for Open MPI's opaque handles (every
// handle is a pointer; the predefined ones are addresses of exported globals), so building
// hfdash needs no MPI header and running it needs no libmpi unless --distributed is given.
#define _GNU_SOURCE
#include "CMPILoader.h"
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef void *Handle;
typedef struct {
  int source, tag, error, cancelled;
  size_t ucount;
} Status;  // Open MPI 4's MPI_Status layout (only its size matters here)

enum { THREAD_SERIALIZED = 2, MAX_ERROR_STRING = 256 };

static int (*init_thread)(int *, char ***, int, int *);
static int (*initialized)(int *);
static int (*finalized)(int *);
static int (*finalize)(void);
static int (*comm_rank)(Handle, int *);
static int (*comm_size)(Handle, int *);
static int (*comm_set_errhandler)(Handle, Handle);
static int (*allreduce)(const void *, void *, int, Handle, Handle, Handle);
static int (*ibcast)(void *, int, Handle, int, Handle, Handle *);
static int (*test)(Handle *, int *, Status *);
static int (*error_string)(int, char *, int *);
static Handle comm_world, type_float, type_double, type_byte, op_sum, errors_return, in_place;

static int resolve(void *lib, const char *name, void **out, char *message, int capacity) {
  *out = dlsym(lib, name);
  if (*out) return 0;
  snprintf(message, (size_t)capacity, "The Open MPI library has no symbol %s (hfdash needs Open MPI 4, Debian's libopenmpi3).", name);
  return 1;
}

int hfmpi_load(const char *library, char *message, int capacity) {
  static void *lib;
  if (lib) return 0;
  // RTLD_GLOBAL: Open MPI's own plugins resolve libmpi's symbols from the global namespace.
  void *l = dlopen(library, RTLD_NOW | RTLD_GLOBAL);
  if (!l) {
    snprintf(message, (size_t)capacity,
             "--distributed needs Open MPI, which is not installed (%s not found); install it with: apt-get install -y openmpi-bin libopenmpi-dev.",
             library);
    return 1;
  }
  struct { const char *name; void **slot; } table[] = {
    {"MPI_Init_thread", (void **)&init_thread}, {"MPI_Initialized", (void **)&initialized},
    {"MPI_Finalized", (void **)&finalized}, {"MPI_Finalize", (void **)&finalize},
    {"MPI_Comm_rank", (void **)&comm_rank}, {"MPI_Comm_size", (void **)&comm_size},
    {"MPI_Comm_set_errhandler", (void **)&comm_set_errhandler}, {"MPI_Allreduce", (void **)&allreduce},
    {"MPI_Ibcast", (void **)&ibcast}, {"MPI_Test", (void **)&test},
    {"MPI_Error_string", (void **)&error_string},
    {"ompi_mpi_comm_world", &comm_world}, {"ompi_mpi_float", &type_float}, {"ompi_mpi_double", &type_double},
    {"ompi_mpi_byte", &type_byte}, {"ompi_mpi_op_sum", &op_sum}, {"ompi_mpi_errors_return", &errors_return},
  };
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
    if (resolve(l, table[i].name, table[i].slot, message, capacity)) return 1;
  }
  in_place = (Handle)1;  // Open MPI's MPI_IN_PLACE is ((void *) 1)
  lib = l;
  return 0;
}

int hfmpi_init(int *rank, int *size) {
  int provided = 0, flag = 0, rc;
  initialized(&flag);
  if (!flag && (rc = init_thread(NULL, NULL, THREAD_SERIALIZED, &provided)) != 0) return rc;
  if ((rc = comm_set_errhandler(comm_world, errors_return)) != 0) return rc;
  if ((rc = comm_rank(comm_world, rank)) != 0) return rc;
  return comm_size(comm_world, size);
}

// MPI counts are ints: long buffers go in pieces.
enum { PIECE = 1 << 28 };

int hfmpi_allreduce_float(float *values, long count) {
  for (long at = 0; at < count; at += PIECE) {
    int n = (int)(count - at < PIECE ? count - at : PIECE);
    int rc = allreduce(in_place, values + at, n, type_float, op_sum, comm_world);
    if (rc != 0) return rc;
  }
  return 0;
}

int hfmpi_allreduce_double(double *values, long count) {
  for (long at = 0; at < count; at += PIECE) {
    int n = (int)(count - at < PIECE ? count - at : PIECE);
    int rc = allreduce(in_place, values + at, n, type_double, op_sum, comm_world);
    if (rc != 0) return rc;
  }
  return 0;
}

int hfmpi_broadcast(void *bytes, long count) {
  for (long at = 0; at < count; at += PIECE) {
    int n = (int)(count - at < PIECE ? count - at : PIECE);
    Handle request = NULL;
    int rc = ibcast((char *)bytes + at, n, type_byte, 0, comm_world, &request);
    if (rc != 0) return rc;
    // Spin briefly (a broadcast inside an iteration completes in microseconds), then back off
    // to sleeps of up to 2 ms while rank 0 is paused or between runs.
    long nap = 0;
    for (int polls = 0;; polls++) {
      int done = 0;
      Status status;
      if ((rc = test(&request, &done, &status)) != 0) return rc;
      if (done) break;
      if (polls > 2000) {
        nap = nap < 2000000 ? nap + 50000 : 2000000;
        struct timespec t = {0, nap};
        nanosleep(&t, NULL);
      }
    }
  }
  return 0;
}

int hfmpi_finalize(void) {
  int init = 0, fin = 0;
  if (!initialized) return 0;
  initialized(&init);
  finalized(&fin);
  return init && !fin ? finalize() : 0;
}

void hfmpi_error_string(int code, char *out, int capacity) {
  char text[MAX_ERROR_STRING] = {0};
  int length = 0;
  if (error_string && error_string(code, text, &length) == 0) {
    snprintf(out, (size_t)capacity, "%s", text);
  } else {
    snprintf(out, (size_t)capacity, "MPI error %d", code);
  }
}
