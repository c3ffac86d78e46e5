// Wide-character ncurses (Debian libncursesw5-dev) for Swift.
// SwiftPM drops pkg-config's -D flags, so the wide API must be enabled here.
#ifndef HFDASH_CNCURSES_SHIM_H
#define HFDASH_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncurses.h>

static inline attr_t hfdash_a_normal(void) { return A_NORMAL; }
static inline attr_t hfdash_a_bold(void) { return A_BOLD; }
static inline attr_t hfdash_a_dim(void) { return A_DIM; }
static inline attr_t hfdash_a_reverse(void) { return A_REVERSE; }
static inline attr_t hfdash_a_underline(void) { return A_UNDERLINE; }
#endif
