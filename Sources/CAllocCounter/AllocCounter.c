// Allocation counting for `hfdash bench` (see include/AllocCounter.h). glibc exports its
// allocator under __libc_* names; the definitions below take precedence over libc's for every
// library in the process (ELF symbol interposition by the executable) and only add one relaxed
// atomic load when counting is off.
#include "AllocCounter.h"
#include <errno.h>
#include <malloc.h>
#include <stddef.h>
#include <stdint.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void *__libc_valloc(size_t size);

static int counting;
static unsigned long long allocations;

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define HFDASH_SANITIZED 1
#endif
#endif

// Under a sanitizer the sanitizer owns malloc: leave it alone (nothing is counted then).
#ifndef HFDASH_SANITIZED

static inline void note(void) {
  if (__atomic_load_n(&counting, __ATOMIC_RELAXED)) __atomic_fetch_add(&allocations, 1, __ATOMIC_RELAXED);
}

void *malloc(size_t size) {
  note();
  return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
  note();
  return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
  note();
  return __libc_realloc(pointer, size);
}

void *memalign(size_t alignment, size_t size) {
  note();
  return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
  note();
  return __libc_memalign(alignment, size);
}

void *valloc(size_t size) {
  note();
  return __libc_valloc(size);
}

int posix_memalign(void **out, size_t alignment, size_t size) {
  if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
  note();
  void *p = __libc_memalign(alignment, size);
  if (p == NULL && size != 0) return ENOMEM;
  *out = p;
  return 0;
}

#endif

void hfdash_alloc_counting(int on) { __atomic_store_n(&counting, on ? 1 : 0, __ATOMIC_SEQ_CST); }

unsigned long long hfdash_alloc_count(void) { return __atomic_load_n(&allocations, __ATOMIC_SEQ_CST); }

void hfdash_alloc_clear(void) { __atomic_store_n(&allocations, 0, __ATOMIC_SEQ_CST); }

unsigned long long hfdash_allocated_bytes(void) {
  struct mallinfo2 info = mallinfo2();
  return (unsigned long long)(info.uordblks + info.hblkhd);
}
