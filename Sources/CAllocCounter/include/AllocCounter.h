// Counts heap allocations (malloc, calloc, realloc, the aligned variants) made by any thread of
// the hfdash process while counting is on (not in sanitizer builds, whose runtime owns malloc). The definitions in AllocCounter.c interpose glibc's
// allocator in the executable and forward every call to glibc's own implementation.
#ifndef HFDASH_ALLOC_COUNTER_H
#define HFDASH_ALLOC_COUNTER_H

/// Starts (1) or stops (0) counting.
void hfdash_alloc_counting(int on);
/// Allocation calls counted since the counter was last cleared.
unsigned long long hfdash_alloc_count(void);
/// Sets the count to zero.
void hfdash_alloc_clear(void);

/// Bytes glibc currently has allocated (mallinfo2 uordblks + hblkhd).
unsigned long long hfdash_allocated_bytes(void);

#endif
