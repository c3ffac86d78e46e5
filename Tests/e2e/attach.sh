#!/usr/bin/env bash
# Sessions that outlive their terminal: `train --detach` on tiny, dashboards attaching to it (history,
# then live), a control from one viewer seen by both and recorded with the viewer's name, `d`
# detaching while the run goes on, a viewer's shell hung up (SIGHUP) without touching the session, a
# viewer stopped for 30 s without slowing the engine, another uid refused, a killed session's stale
# socket cleaned, `hfdash stop` with an end line and a checkpoint, and `verify` of the recording.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${HFDASH_BIN:-$root/.build/release/hfdash}"
# shellcheck source=lib.sh
source "$here/lib.sh"
e2e_prepare attach

rt="$work/rt"
state="$work/state"
env="XDG_RUNTIME_DIR=$rt XDG_STATE_HOME=$state"
check() { echo "  ok: $1"; }
die() {
  echo "  FAIL: $1" >&2
  for s in v1 v2; do e2e_capture "$s" 2>/dev/null | sed "s/^/  $s | /" >&2 || true; done
  exit 1
}
h() { env XDG_RUNTIME_DIR="$rt" XDG_STATE_HOME="$state" "$bin" "$@"; }
# The iteration a live session reports (hfdash sessions' ITERATION column).
iteration() { h sessions 2>/dev/null | awk -v id="$1" '$1 == id { print $3 }'; }
# The HF iteration a dashboard's header shows.
shown() { e2e_capture "$1" | head -n 1 | sed -n 's/.*HF \([0-9]*\).*/\1/p'; }
trap 'h stop "${id:-none}" >/dev/null 2>&1 || true; e2e_stop_all; [ -n "${E2E_KEEP:-}" ] || rm -rf "$work"' EXIT

# --- train --detach -------------------------------------------------------------------------------
out="$(h train --preset tiny --seed 5 --iterations 1000000 --checkpoint-every 100 --detach)"
id="$(echo "$out" | sed -n 's/^hfdash: session \([^ ]*\) is running in the background.*/\1/p')"
rec="$(echo "$out" | sed -n 's/^  recording: *//p')"
[ -n "$id" ] && [ -f "$rec" ] || die "train --detach did not print an id and a recording: $out"
echo "$out" | grep -q "hfdash attach $id" || die "train --detach did not say how to attach"
sleep 1
i0="$(iteration "$id")"
[ -n "$i0" ] && [ "$i0" -gt 0 ] || die "hfdash sessions does not list $id as live with iterations"
h sessions | grep -q "live: $id" || die "the recording is not marked live"
check "train --detach returned at once; $id is live at iteration $i0, its recording marked live"
[ "$(stat -c %a "$rt/hfdash")" = 700 ] || die "the socket directory is not 0700"
[ "$(stat -c %a "$rt/hfdash/$id.sock")" = 600 ] || die "the socket is not 0600"
check "socket 0600 in a 0700 directory"

# --- attach: history, then live -------------------------------------------------------------------
e2e_start v1 120 40 "$env $bin attach"
e2e_wait_for v1 'HF [0-9]+' 20 || die "attach did not open the dashboard"
n1="$(shown v1)"
[ "$n1" -ge "$i0" ] || die "the attached dashboard shows HF $n1, before the session's $i0 when attaching"
e2e_capture v1 | grep -q 'Objective' || die "no objective chart"
e2e_wait_for v1 'started tiny|checkpoint' 5 || die "the event log holds nothing of the history"
sleep 2
n2="$(shown v1)"
[ "$n2" -gt "$n1" ] || die "the attached dashboard does not advance ($n1 → $n2)"
check "attach: the dashboard caught up (HF $n1 ≥ $i0 at attach) and follows the run (HF $n2)"

# --- a second viewer; a control from the first, seen by both --------------------------------------
e2e_start v2 120 40 "$env $bin attach $id"
e2e_wait_for v2 'HF [0-9]+' 20 || die "the second viewer did not attach"
h sessions | grep "^$id" | grep -q '1 .*; 2 ' || die "hfdash sessions does not show two viewers: $(h sessions)"
check "a second viewer attached; hfdash sessions lists both"
e2e_keys v1 Space
e2e_wait_for v1 'PAUSED' 10 || die "space did not pause"
e2e_wait_for v2 'PAUSED' 10 || die "the second viewer does not see the pause"
e2e_keys v1 ']' s
confirm='λ [0-9.e-]+ → [0-9.e-]+ \(from iteration [0-9]+\)'
e2e_wait_for v1 "$confirm" 10 || die "] from the attached viewer was not confirmed"
e2e_wait_for v2 "$confirm" 10 || die "the second viewer did not see the λ change"
grep -q '"op":"scaleLambda".*"source":"key \] (viewer 1, ' "$rec" || die "the recording does not name viewer 1 as the control's source"
check "] from viewer 1 changed λ at the boundary, confirmed on both viewers, recorded as from viewer 1"
e2e_keys v2 Space
e2e_wait_for v1 'RUNNING' 10 || die "space from viewer 2 did not resume (seen by viewer 1)"
check "space from viewer 2 resumed the run"

# --- q asks; d detaches and the run goes on --------------------------------------------------------
e2e_keys v1 q
e2e_wait_for v1 'Quit while training runs\? .*Detach' 5 || die "q did not ask stop or detach"
e2e_keys v1 n
e2e_wait_for_absent v1 'Quit while' 5 || die "n did not keep watching"
e2e_keys v1 d
e2e_wait_for v1 "detached; session $id goes on" 10 || die "d did not detach with a message"
e2e_wait_for v1 '^\$ ?$' 5 || die "no shell prompt after detaching"
a="$(iteration "$id")"
sleep 2
b="$(iteration "$id")"
[ "$b" -gt "$a" ] || die "the run did not continue after the detach ($a → $b)"
check "q asks (stop run / detach / stay); d detaches and the run continues ($a → $b)"

# --- SIGHUP to a viewer's shell ------------------------------------------------------------------------
shell="$(e2e_tmux display-message -p -t v2 '#{pane_pid}')"
kill -HUP "$shell"
sleep 2
a="$(iteration "$id")"
sleep 1
b="$(iteration "$id")"
[ -n "$a" ] && [ "$b" -gt "$a" ] || die "the session did not survive the viewer's hangup ($a → $b)"
check "kill -HUP of viewer 2's shell: the session runs on ($a → $b)"

# --- hfdash stop: end line and checkpoint; verify ------------------------------------------------------
last="$(iteration "$id")"
h stop "$id" > "$work/stop.txt" || die "hfdash stop failed: $(cat "$work/stop.txt")"
grep -q "session $id stopped" "$work/stop.txt" || die "hfdash stop said: $(cat "$work/stop.txt")"
tail -n 3 "$rec" | grep '"k":"end"' | grep -q '"reason":"stopped"' || die "the recording does not end with a stopped end line: $(tail -n 3 "$rec")"
grep -q '"source":"stop requested by ' "$rec" || die "the stop is not recorded with who asked"
end_iteration="$(grep '"k":"end"' "$rec" | tail -n 1 | sed -n 's/.*"iteration":\([0-9]*\).*/\1/p')"
[ -d "${rec%.hfrec.jsonl}.checkpoints/iter-$(printf %06d "$end_iteration")" ] || die "no checkpoint at the last iteration $end_iteration"
[ ! -e "$rt/hfdash/$id.sock" ] && [ ! -e "$rt/hfdash/$id.json" ] || die "the socket or description is left behind"
check "hfdash stop: end line (stopped at $end_iteration, ≥ $last), final checkpoint, socket removed"
h verify "$rec" > "$work/verify.txt" || die "verify failed: $(cat "$work/verify.txt")"
grep -q '^identical through iteration' "$work/verify.txt" || die "verify: $(cat "$work/verify.txt")"
check "verify of the recording (viewers' controls included): $(cat "$work/verify.txt")"

# --- a second session for the rest (its recording is long: it is not verified) -----------------------
out="$(h train --preset tiny --seed 6 --iterations 1000000 --checkpoint-every 1000 --detach)"
id="$(echo "$out" | sed -n 's/^hfdash: session \([^ ]*\) is running in the background.*/\1/p')"
rec="$(echo "$out" | sed -n 's/^  recording: *//p')"
[ -n "$id" ] && [ -f "$rec" ] || die "the second train --detach failed: $out"
sleep 2

# --- a viewer that stops reading for 30 s ------------------------------------------------------------
# A raw viewer (the protocol of docs/ATTACH.md, spoken by python) joins and reads for 12 s, then reads
# nothing for 30 s while the session runs on, then reads again: every iteration report must be there,
# in order, up to the live one; the engine's iteration times while it slept are compared with those
# while it read (one viewer attached in both windows).
cat > "$work/sleeper.py" <<'PY'
import json, socket, sys, time
path, reading, sleeping = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(path)
s.sendall(b"J " + json.dumps({"protocolVersion": 1, "name": "sleeper", "mode": "watch"}).encode() + b"\n")
buf, iterations, cg = b"", [], 0
def take(until):
    global buf, cg
    s.settimeout(1)
    while time.time() < until:
        try:
            chunk = s.recv(1 << 16)
        except socket.timeout:
            continue
        if not chunk:
            break
        buf += chunk
        *lines, buf = buf.split(b"\n")
        for line in lines:
            if line.startswith(b"E "):
                event = json.loads(line[2:])
                if event["k"] == "iter" and "racer" not in event:
                    iterations.append(event.get("i", event.get("iteration")))
                elif event["k"] == "cg":
                    cg += 1
take(time.time() + reading)
time.sleep(sleeping)
take(time.time() + 5)
ok = bool(iterations) and iterations == list(range(iterations[0], iterations[-1] + 1))
print(f"{'contiguous' if ok else 'GAP'} {iterations[0] if iterations else 0} {iterations[-1] if iterations else 0} cg {cg}", flush=True)
PY
mark() { grep -c '"k":"iter"' "$rec"; }
per_iteration() {  # mean seconds per iteration (the engine's own times) of iter lines $1+1..$2
  grep '"k":"iter"' "$rec" | sed -n "$(($1 + 1)),$2p" |
    sed -n 's/.*"total":\([0-9.e-]*\).*/\1/p' | awk '{ s += $1; n++ } END { printf "%.6f", (n ? s / n : 0) }'
}
python3 "$work/sleeper.py" "$rt/hfdash/$id.sock" 12 30 > "$work/sleeper.txt" &
sleeper=$!
sleep 1; m0="$(mark)"; sleep 10; m1="$(mark)"
sleep 2; m2="$(mark)"; sleep 27; m3="$(mark)"
wait "$sleeper" || die "the sleeping viewer failed: $(cat "$work/sleeper.txt")"
reading="$(per_iteration "$m0" "$m1")"
asleep="$(per_iteration "$m2" "$m3")"
awk -v b="$reading" -v d="$asleep" 'BEGIN { exit !(b > 0 && d > 0 && d < 1.5 * b) }' ||
  die "iterations slowed while a viewer read nothing: ${reading}s while it read, ${asleep}s while it slept"
read -r verdict first lastseen _ cgseen < <(tail -n 1 "$work/sleeper.txt")
[ "$verdict" = contiguous ] || die "the sleeping viewer missed iteration reports: $(cat "$work/sleeper.txt")"
[ "$lastseen" -ge "$m3" ] || die "the sleeping viewer did not catch up (saw up to $lastseen, the session was at $m3 when it woke)"
check "a viewer that read nothing for 30 s: iterations took ${asleep}s (${reading}s while it read); then every report $first..$lastseen in order ($cgseen CG steps)"

# --- another uid is refused ---------------------------------------------------------------------------
cp "$bin" "$work/hfdash-copy" && chmod 755 "$work" "$work/hfdash-copy"
other=(setpriv --reuid=65534 --regid=65534 --clear-groups env XDG_RUNTIME_DIR="$rt" "$work/hfdash-copy")
if "${other[@]}" attach --socket "$rt/hfdash/$id.sock" > "$work/nobody.txt" 2>&1; then die "uid 65534 could attach"; fi
grep -q 'cannot attach' "$work/nobody.txt" || die "uid 65534 got no clear refusal: $(cat "$work/nobody.txt")"
check "uid 65534 cannot reach the socket through the 0700 directory"
chmod 711 "$rt/hfdash" && chmod 666 "$rt/hfdash/$id.sock"
if "${other[@]}" attach --socket "$rt/hfdash/$id.sock" > "$work/nobody.txt" 2>&1; then die "uid 65534 could attach"; fi
grep -q 'belongs to another user' "$work/nobody.txt" || die "SO_PEERCRED did not refuse uid 65534: $(cat "$work/nobody.txt")"
chmod 700 "$rt/hfdash" && chmod 600 "$rt/hfdash/$id.sock"
check "with the file modes opened up, the session itself refuses uid 65534 (SO_PEERCRED)"

# --- a killed session leaves a stale socket, which is cleaned with a message ---------------------------
out2="$(h train --preset tiny --iterations 1000000 --no-record --detach)"
id2="$(echo "$out2" | sed -n 's/^hfdash: session \([^ ]*\) is running.*/\1/p')"
pid2="$(echo "$out2" | sed -n 's/.*(pid \([0-9]*\)).*/\1/p')"
kill -9 "$pid2"
sleep 0.5
[ -S "$rt/hfdash/$id2.sock" ] || die "no socket left behind by the killed session"
h sessions > "$work/sessions.txt" 2>&1
grep -q "removed the stale socket of session $id2" "$work/sessions.txt" || die "no message about the stale socket: $(cat "$work/sessions.txt")"
[ ! -e "$rt/hfdash/$id2.sock" ] || die "the stale socket is still there"
grep -q "^$id " "$work/sessions.txt" || die "the live session vanished from the list"
check "a kill -9'd session's socket is detected stale, cleaned, and said so"


h stop "$id" > "$work/stop.txt" || die "hfdash stop of the second session failed: $(cat "$work/stop.txt")"
check "the second session stopped too"
