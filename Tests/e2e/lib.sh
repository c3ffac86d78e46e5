# shellcheck shell=bash
# Helpers for end-to-end tests of hfdash under tmux; source this file from a test script.
#
# Every session runs on a private tmux server (socket "hfdash-e2e-<pid of the sourcing shell>",
# no config file), so tests never touch a user's tmux. Each pane runs a clean bash
# (no rc files, PS1='$ ', TERM=xterm-256color) and the command is typed at its prompt, so after
# the program exits the pane shows whether the terminal was restored.
#
#   source Tests/e2e/lib.sh
#   trap e2e_stop_all EXIT
#   e2e_start dash 100 30 ".build/release/hfdash run"
#   e2e_wait_for dash 'λ' 10 || exit 1
#   e2e_keys dash Home Tab q
#   e2e_wait_for dash '^\$$' 5 || exit 1   # back at the prompt (capture-pane drops trailing spaces)
#
# Safe under `set -euo pipefail`.

E2E_SOCKET="${E2E_SOCKET:-hfdash-e2e-$$}"

# Sessions live in a private runtime directory per script: a dashboard killed with its tmux
# session only detaches (the run goes on, by design), so e2e_stop_all ends every session left there.
E2E_RUNTIME="$(mktemp -d "${TMPDIR:-/tmp}/hfdash-e2e-rt.XXXXXX")"
chmod 700 "$E2E_RUNTIME"
export XDG_RUNTIME_DIR="$E2E_RUNTIME"

# tmux on the private server.
e2e_tmux() {
  tmux -L "$E2E_SOCKET" -f /dev/null "$@"
}

# e2e_start NAME W H CMD: a W×H session NAME running a clean bash, then types CMD and Enter.
e2e_start() {
  if [ "$#" -ne 4 ]; then
    echo "usage: e2e_start NAME W H CMD" >&2
    return 2
  fi
  local name="$1" width="$2" height="$3" cmd="$4"
  e2e_tmux new-session -d -s "$name" -x "$width" -y "$height" \
    env -u TMUX TERM=xterm-256color PS1='$ ' HISTFILE=/dev/null \
    bash --noprofile --norc -i || return 1
  e2e_tmux set-option -t "$name" status off >/dev/null
  e2e_tmux resize-window -t "$name" -x "$width" -y "$height" 2>/dev/null || true
  e2e_wait_for "$name" '^\$' 5 || return 1
  e2e_tmux send-keys -t "$name" -l -- "$cmd" || return 1
  e2e_tmux send-keys -t "$name" Enter
}

# e2e_keys NAME KEY...: sends tmux key names (Home, End, Left, Tab, BTab, F1, Escape, C-a, Space, q, ...).
e2e_keys() {
  if [ "$#" -lt 2 ]; then
    echo "usage: e2e_keys NAME KEY..." >&2
    return 2
  fi
  local name="$1"
  shift
  local key
  for key in "$@"; do
    e2e_tmux send-keys -t "$name" "$key" || return 1
    sleep 0.05
  done
}

# e2e_capture NAME [capture-pane options...]: prints the visible pane (add -e for colours).
e2e_capture() {
  if [ "$#" -lt 1 ]; then
    echo "usage: e2e_capture NAME [OPTIONS...]" >&2
    return 2
  fi
  local name="$1"
  shift
  e2e_tmux capture-pane -p -t "$name" "$@"
}

# e2e_wait_for NAME REGEX TIMEOUT_S: polls every 0.1 s until the pane matches the extended REGEX;
# on timeout prints the pane to stderr and returns 1.
# Waits until REGEX no longer matches the pane of session NAME (within TIMEOUT_S seconds).
e2e_wait_for_absent() {
  local name="$1" regex="$2" tries
  tries="$(awk -v t="$3" 'BEGIN { n = int(t * 10); print (n < 1 ? 1 : n) }')"
  while [ "$tries" -gt 0 ]; do
    if ! e2e_capture "$name" 2>/dev/null | grep -Eq -- "$regex"; then
      return 0
    fi
    sleep 0.1
    tries=$((tries - 1))
  done
  echo "e2e: timed out after ${3}s waiting for /$regex/ to leave session '$name'" >&2
  return 1
}

e2e_wait_for() {
  if [ "$#" -ne 3 ]; then
    echo "usage: e2e_wait_for NAME REGEX TIMEOUT_S" >&2
    return 2
  fi
  local name="$1" regex="$2" tries
  tries="$(awk -v t="$3" 'BEGIN { n = int(t * 10); print (n < 1 ? 1 : n) }')"
  while [ "$tries" -gt 0 ]; do
    if e2e_capture "$name" 2>/dev/null | grep -Eq -- "$regex"; then
      return 0
    fi
    sleep 0.1
    tries=$((tries - 1))
  done
  {
    echo "e2e: timed out after ${3}s waiting for /$regex/ in session '$name'; the pane:"
    e2e_capture "$name" 2>&1 | sed 's/^/  | /'
  } >&2
  return 1
}

# e2e_resize NAME W H: resizes the session's window (the program sees KEY_RESIZE).
e2e_resize() {
  if [ "$#" -ne 3 ]; then
    echo "usage: e2e_resize NAME W H" >&2
    return 2
  fi
  e2e_tmux resize-window -t "$1" -x "$2" -y "$3"
}

# e2e_app_pid NAME: the pid of the program running under the pane's bash (for signal tests).
e2e_app_pid() {
  if [ "$#" -ne 1 ]; then
    echo "usage: e2e_app_pid NAME" >&2
    return 2
  fi
  local shell_pid
  shell_pid="$(e2e_tmux display-message -p -t "$1" '#{pane_pid}')" || return 1
  pgrep -P "$shell_pid" | head -n 1
}

# e2e_stop NAME: ends the session; the private server goes when its last session does.
e2e_stop() {
  if [ "$#" -ne 1 ]; then
    echo "usage: e2e_stop NAME" >&2
    return 2
  fi
  e2e_tmux kill-session -t "$1" 2>/dev/null || true
  if ! e2e_tmux has-session 2>/dev/null; then
    e2e_tmux kill-server 2>/dev/null || true
  fi
}

# e2e_stop_all: ends the private server and every session on it (use in an EXIT trap).
e2e_stop_all() {
  e2e_tmux kill-server 2>/dev/null || true
  e2e_end_sessions
}

# e2e_end_sessions: SIGTERM to every session process described in this script's runtime directory
# (each ends cleanly: end line, checkpoint), then removes the directory.
e2e_end_sessions() {
  local description pid
  for description in "$E2E_RUNTIME"/hfdash/*.json; do
    [ -f "$description" ] || continue
    pid="$(sed -n 's/.*"pid":\([0-9]*\).*/\1/p' "$description")"
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  done
  sleep 0.2
  rm -rf "$E2E_RUNTIME" 2>/dev/null || true
}

# e2e_prepare TEST: checks that $bin (set by the test) is an executable hfdash, then makes a
# fresh folder $work that is removed, with every tmux session of this server, when the test exits
# (a checkpoint still being written is waited for once; E2E_KEEP=1 keeps the folder).
e2e_prepare() {
  if [ "$#" -ne 1 ]; then
    echo "usage: e2e_prepare TEST" >&2
    return 2
  fi
  if [ ! -x "${bin:-}" ]; then
    echo "e2e $1: no hfdash binary at ${bin:-?} (build it, or set HFDASH_BIN)" >&2
    exit 1
  fi
  work="$(mktemp -d "${TMPDIR:-/tmp}/hfdash-e2e-$1.XXXXXX")"
  trap 'e2e_stop_all; [ -n "${E2E_KEEP:-}" ] || rm -rf "$work" 2>/dev/null || { sleep 1; rm -rf "$work"; }' EXIT
}
