// Wide-character ncurses (Debian libncursesw5-dev) for Swift.
// SwiftPM drops pkg-config's -D flags, so the wide API must be enabled here.
#ifndef HFDASH_CNCURSES_SHIM_H
#define HFDASH_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncurses.h>
#include <term.h>

static inline attr_t hfdash_a_normal(void) { return A_NORMAL; }
static inline attr_t hfdash_a_bold(void) { return A_BOLD; }
static inline attr_t hfdash_a_dim(void) { return A_DIM; }
static inline attr_t hfdash_a_reverse(void) { return A_REVERSE; }
static inline attr_t hfdash_a_underline(void) { return A_UNDERLINE; }

// Curses globals read through functions: Swift 6 rejects the shared mutable variables themselves.
static inline int hfdash_colors(void) { return COLORS; }
static inline int hfdash_color_pairs(void) { return COLOR_PAIRS; }

// glibc declares wcwidth only under _XOPEN_SOURCE, which SwiftPM's flags do not set.
extern int wcwidth(wchar_t c);

// The number of columns `c` occupies in the current locale (-1: not printable).
static inline int hfdash_wcwidth(wchar_t c) { return wcwidth(c); }

// Returns 1 when the terminal named by $TERM can drive `fd`, or the setupterm error code
// (0: not found / generic, -1: no terminfo database) otherwise. Unlike initscr(), this
// never prints or exits, so a missing terminal becomes an ordinary Swift error.
static inline int hfdash_terminal_usable(int fd) {
  int err = 0;
  if (setupterm(NULL, fd, &err) != OK) return err == 1 ? 0 : err;
  TERMINAL *t = set_curterm(NULL);
  if (t != NULL) del_curterm(t);
  return 1;
}
#endif
